/**
 * The emulator endpoint's event stream across reconnects: the position announced in hello (and when it
 * is a position at all), replayed duplicates dropped, order kept, and where a login puts the position.
 */
import { strict as assert } from 'node:assert';
import type { TimEvent } from '../../../src/tim/endpoint';
import { EndpointFixture } from './endpointFixture';
import { answerOk, sleep, until } from './scriptedServer';

describe('EmulatorEndpoint: events across reconnects', () => {
  const fx = new EndpointFixture();

  it('resumes events from lastEventSeq, drops replayed duplicates, and delivers in order', async () => {
    const endpoint = await fx.openSession();
    const delivered: TimEvent[] = [];
    endpoint.onEvent((event) => {
      if (event.name !== 'NetworkStatusListener') {
        delivered.push(event);
      }
    });
    const msg = (n: number): TimEvent => ({ name: 'RecvNewMsg', json: `[{"n":${n}}]` });
    const first = await fx.server.connection(0);
    for (const seq of [1, 2, 3]) {
      first.sendEvent(seq, msg(seq));
    }
    first.sendEvent(2, msg(2)); // a repeat on the same socket is dropped too
    const progress: TimEvent = { name: 'MsgElemUploadProgress', json: '{}', index: 0, cur: 1, total: 2 };
    first.sendEvent(0, progress); // connection-scoped: always delivered
    await until(() => delivered.length === 4, 'the first events arrive');
    assert.equal(endpoint.lastEventSeq, 3);
    first.drop();
    const second = await fx.server.connection(1);
    const hello = await second.waitFor((frame) => frame.type === 'hello');
    assert.deepEqual(hello, { type: 'hello', protocol: 1, lastEventSeq: 3, resume: true });
    // A sloppy fx.server replays from too far back, then continues live.
    await second.waitForCall('TIMLogin');
    for (const seq of [2, 3, 4, 5]) {
      second.sendEvent(seq, msg(seq));
    }
    second.sendEvent(6, { name: 'ConvTotalUnreadMessageCountChanged', total: 6 });
    await until(() => delivered.length === 7, 'the missed events arrive');
    await sleep(30);
    assert.deepEqual(delivered, [msg(1), msg(2), msg(3), progress, msg(4), msg(5), { name: 'ConvTotalUnreadMessageCountChanged', total: 6 }]);
    assert.equal(endpoint.lastEventSeq, 6);
  });

  it('takes the login result eventSeq as its position, so a drop before the first event still resumes', async () => {
    fx.server.responder = (call) => (call.api === 'TIMLogin' ? { code: 0, eventSeq: 41 } : answerOk(call));
    const endpoint = await fx.openSession();
    assert.equal(endpoint.lastEventSeq, 41);
    (await fx.server.connection(0)).drop();
    const second = await fx.server.connection(1);
    assert.deepEqual(await second.waitFor((frame) => frame.type === 'hello'), { type: 'hello', protocol: 1, lastEventSeq: 41, resume: true });
    // The replayed login's eventSeq (later, past the missed events) must not skip them.
    fx.server.responder = (call) => (call.api === 'TIMLogin' ? { code: 0, eventSeq: 43 } : answerOk(call));
    const delivered: number[] = [];
    endpoint.onEvent((event) => {
      if (event.name === 'ConvTotalUnreadMessageCountChanged') {
        delivered.push(event.total);
      }
    });
    await second.waitForCall('TIMLogin');
    second.sendEvent(42, { name: 'ConvTotalUnreadMessageCountChanged', total: 42 });
    second.sendEvent(43, { name: 'ConvTotalUnreadMessageCountChanged', total: 43 });
    await until(() => delivered.length === 2, 'both missed events arrive');
    assert.deepEqual(delivered, [42, 43]);
  });

  it('a login as another user starts a new event stream', async () => {
    const endpoint = await fx.openSession();
    const first = await fx.server.connection(0);
    first.sendEvent(9, { name: 'RecvNewMsg', json: '[]' });
    await until(() => endpoint.lastEventSeq === 9, 'event 9 delivered');
    await endpoint.call('TIMLogin', ['bob', 'sig-bob']);
    assert.equal(endpoint.lastEventSeq, 0);
    const names: string[] = [];
    endpoint.onEvent((event) => names.push(event.name));
    first.sendEvent(1, { name: 'MsgUpdate', json: '[]' });
    await until(() => names.length === 1, "bob's first event is delivered although its seq is below alice's");
  });

  it('counts events pushed before the login result, so a replay does not repeat them', async () => {
    // The device's counter is at 5 when the login commits; event 6 overtakes the login's answer.
    fx.server.responder = (call, connection) => {
      if (call.api === 'TIMLogin') {
        connection.sendEvent(6, { name: 'RecvNewMsg', json: '[6]' });
        return { code: 0, eventSeq: 5 };
      }
      return answerOk(call);
    };
    const endpoint = await fx.openSession();
    assert.equal(endpoint.lastEventSeq, 6);
  });

  it('a login after being kicked offline takes its position from the login result', async () => {
    fx.server.responder = (call) => (call.api === 'TIMLogin' ? { code: 0, eventSeq: 3 } : answerOk(call));
    const endpoint = await fx.openSession();
    const first = await fx.server.connection(0);
    first.sendEvent(4, { name: 'RecvNewMsg', json: '[]' });
    first.sendEvent(5, { name: 'KickedOffline' });
    await until(() => endpoint.lastEventSeq === 0, 'the kick ends the stream');
    fx.server.responder = (call) => (call.api === 'TIMLogin' ? { code: 0, eventSeq: 2 } : answerOk(call));
    await endpoint.call('TIMLogin', ['carl', 'sig-carl']);
    assert.equal(endpoint.lastEventSeq, 2);
  });
});
