/**
 * The event hub (src/native/events.ts) without the SDK, on both relays: every listener setter of the
 * prototype table is installed on attach and cleared with NULL on detach, and a callback of the
 * groupPinned shape (three strings and a bool) becomes a MsgGroupPinnedMessageChanged event.
 */
import assert from 'node:assert/strict';
import koffi from 'koffi';
import type { BoundFunctions, NativeFunction } from '../../src/native/bindings';
import { CallbackBridge } from '../../src/native/bridge';
import { EventHub } from '../../src/native/events';
import { callbackShapes, prototypes } from '../../src/native/prototypes';
import type { NativeApi } from '../../src/native/prototypes';
import type { CallbackRelay } from '../../src/native/relay';
import type { TimEvent } from '../../src/tim/endpoint';
import { RELAYS_UNDER_TEST } from './testRelay';

const SETTERS = (Object.keys(prototypes) as NativeApi[]).filter(
  (name) => prototypes[name].kind === 'listener' && name !== 'TIMAddRecvNewMsgCallback' && name !== 'TIMRemoveRecvNewMsgCallback',
);

/** Bound functions that only record their calls: [name, callback pointer or null, user_data]. */
function recordingFunctions(calls: unknown[][]): BoundFunctions {
  const fns: Partial<Record<NativeApi, NativeFunction>> = {};
  for (const name of Object.keys(prototypes) as NativeApi[]) {
    fns[name] = (...args: unknown[]): unknown => {
      calls.push([name, ...args]);
      return 0;
    };
  }
  return fns as BoundFunctions;
}

async function eventsArrive(events: TimEvent[], count: number): Promise<void> {
  for (const deadline = Date.now() + 5000; events.length < count && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

for (const { name: relayName, load } of RELAYS_UNDER_TEST) describe(`native event hub on ${relayName}`, function () {
  let relay: CallbackRelay;

  before(function () {
    const loaded = load();
    if (!loaded) {
      console.log('    no C compiler: cannot build the relay');
      this.skip();
    }
    relay = loaded;
  });

  it('installs every listener setter on attach and clears each with NULL on detach', () => {
    const calls: unknown[][] = [];
    const bridge = new CallbackBridge({ relay });
    const hub = new EventHub(recordingFunctions(calls), bridge, (error) => assert.fail(String(error)));
    hub.attach();
    const installed = calls.filter(([name]) => SETTERS.includes(name as NativeApi));
    assert.deepEqual(installed.map(([name]) => name).sort(), [...SETTERS].sort());
    assert.ok(installed.every(([, pointer]) => typeof pointer === 'bigint'), 'every setter got a callback pointer');
    assert.ok(SETTERS.includes('TIMSetMsgGroupPinnedMessageChangedCallback'));
    calls.length = 0;
    hub.detach();
    const cleared = calls.filter(([name]) => SETTERS.includes(name as NativeApi));
    assert.deepEqual(cleared.map(([name]) => name).sort(), [...SETTERS].sort());
    assert.ok(cleared.every(([, pointer]) => pointer === null), 'every setter cleared with NULL');
    bridge.dispose();
  });

  it('turns a group-pinned callback into MsgGroupPinnedMessageChanged (NULL strings read as empty)', async () => {
    const calls: unknown[][] = [];
    const bridge = new CallbackBridge({ relay });
    const hub = new EventHub(recordingFunctions(calls), bridge, (error) => assert.fail(String(error)));
    const events: TimEvent[] = [];
    hub.subscribe((event) => events.push(event));
    hub.attach();
    const [, pointer, userData] = calls.find(([name]) => name === 'TIMSetMsgGroupPinnedMessageChangedCallback')!;
    const fire = (...args: unknown[]): void => koffi.call(pointer as bigint, callbackShapes.groupPinned, ...args, userData);
    fire('@TGS#2group', '{"message_msg_id":"m-1"}', true, 'alice');
    fire(null, null, false, null);
    await eventsArrive(events, 2);
    hub.detach();
    bridge.dispose();
    assert.deepEqual(events, [
      { name: 'MsgGroupPinnedMessageChanged', groupId: '@TGS#2group', json: '{"message_msg_id":"m-1"}', isPinned: true, opUser: 'alice' },
      { name: 'MsgGroupPinnedMessageChanged', groupId: '', json: '', isPinned: false, opUser: '' },
    ]);
  });
});
