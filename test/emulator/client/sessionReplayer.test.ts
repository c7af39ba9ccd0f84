/** What the session replayer remembers from results, and how it repeats and forgets a session. */
import { strict as assert } from 'node:assert';
import { SessionReplayer } from '../../../src/emulator/client/sessionReplayer';
import type { SessionCall } from '../../../src/emulator/client/sessionReplayer';
import type { TimArg } from '../../../src/tim/endpoint';
import type { CallFrame, ResultFrame } from '../../../src/emulator/protocol';

const call = (api: string, args: TimArg[], sync?: boolean): CallFrame => ({ type: 'call', id: 1, api, args, ...(sync ? { sync } : {}) });
const ok = (extra: Partial<ResultFrame> = {}): ResultFrame => ({ type: 'result', id: 1, code: 0, desc: '', json: '', ...extra });

describe('SessionReplayer', () => {
  it('remembers successful init and login, and reports how the event stream changes', () => {
    const replayer = new SessionReplayer();
    assert.deepEqual(replayer.observe(call('TIMInit', [1, '{"a":1}'], true), ok({ value: 0 })), { kind: 'none' });
    assert.deepEqual(replayer.observe(call('TIMLogin', ['alice', 's']), ok({ eventSeq: 4 })), { kind: 'login', switchedUser: false, eventSeq: 4 });
    assert.equal(replayer.hasLogin, true);
    assert.deepEqual(replayer.observe(call('TIMLogin', ['alice', 's2']), ok()), { kind: 'login', switchedUser: false, eventSeq: undefined });
    assert.deepEqual(replayer.observe(call('TIMLogin', ['bob', 's']), ok({ eventSeq: 1 })), { kind: 'login', switchedUser: true, eventSeq: 1 });
    // Another config path is another device: the login is dropped with it.
    assert.deepEqual(replayer.observe(call('TIMInit', [1, '{"a":2}']), ok()), { kind: 'ended' });
    assert.equal(replayer.hasLogin, false);
  });

  it('ignores failures: non-zero codes, syncError, a non-zero TIMResult value', () => {
    const replayer = new SessionReplayer();
    replayer.observe(call('TIMInit', [1, '{}'], true), ok({ value: -4 }));
    replayer.observe(call('TIMInit', [1, '{}']), ok({ code: -3, syncError: true }));
    replayer.observe(call('TIMLogin', ['a', 's']), ok({ code: 70001 }));
    assert.equal(replayer.hasLogin, false);
  });

  it('replays init then login as they were called, and forgets what the server refuses', async () => {
    const replayer = new SessionReplayer();
    replayer.observe(call('TIMInit', [1, '{}'], true), ok({ value: 0 }));
    replayer.observe(call('TIMLogin', ['a', 's']), ok());
    const seen: SessionCall[] = [];
    assert.deepEqual(await replayer.replay(async (c) => (seen.push(c), ok({ value: c.sync ? 0 : undefined }))), { kind: 'restored' });
    assert.deepEqual(seen, [
      { api: 'TIMInit', args: [1, '{}'], sync: true },
      { api: 'TIMLogin', args: ['a', 's'], sync: false },
    ]);
    const refused = await replayer.replay(async (c) => (c.api === 'TIMLogin' ? ok({ code: 70001, desc: 'expired' }) : ok()));
    assert.deepEqual(refused, { kind: 'refused', api: 'TIMLogin', code: 70001, desc: 'expired' });
    assert.equal(replayer.hasLogin, false);
    assert.deepEqual(await replayer.replay(async () => ok()), { kind: 'restored' });
    replayer.observe(call('TIMUninit', [], true), ok({ value: 0 }));
    assert.deepEqual(await replayer.replay(async () => ok()), { kind: 'nothingToRestore' });
  });

  it('keeps the session when the transport fails mid-replay', async () => {
    const replayer = new SessionReplayer();
    replayer.observe(call('TIMInit', [1, '{}']), ok());
    replayer.observe(call('TIMLogin', ['a', 's']), ok());
    await assert.rejects(replayer.replay(async (c) => {
      if (c.api === 'TIMLogin') {
        throw new Error('socket closed');
      }
      return ok();
    }));
    assert.equal(replayer.hasLogin, true);
  });
});
