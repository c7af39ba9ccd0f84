/** The pending-call table: single settlement, timeouts, and what a lost connection does to each kind. */
import { strict as assert } from 'node:assert';
import { inFlightPolicyOf } from '../../../src/emulator/client/callPolicy';
import { PendingRequests } from '../../../src/emulator/client/pendingRequests';
import type { CallFrame, ResultFrame } from '../../../src/emulator/protocol';
import { TimCode, TimError } from '../../../src/tim/errors';

function frame(table: PendingRequests, api: string): CallFrame {
  return { type: 'call', id: table.allocateId(), api, args: [] };
}

function result(id: number): ResultFrame {
  return { type: 'result', id, code: 0, desc: '', json: '' };
}

describe('PendingRequests', () => {
  it('settles each request once; unknown ids are refused', async () => {
    const table = new PendingRequests();
    const call = frame(table, 'TIMConvGetConvList');
    const promise = table.add({ frame: call, text: '', policy: 'retry', internal: false }, 0);
    assert.equal(table.resolve(call.id, result(call.id)), true);
    assert.equal(table.resolve(call.id, result(call.id)), false);
    assert.equal(table.reject(call.id, new TimError(1, '', 'x')), false);
    assert.equal(table.resolve(999, result(999)), false);
    assert.deepEqual(await promise, result(call.id));
    assert.equal(table.size, 0);
  });

  it('times out with TIMEOUT and forgets the request', async () => {
    const table = new PendingRequests();
    const call = frame(table, 'TIMMsgGetMsgList');
    await assert.rejects(table.add({ frame: call, text: '', policy: 'retry', internal: false }, 20), { code: TimCode.TIMEOUT, api: 'TIMMsgGetMsgList' });
    assert.equal(table.size, 0);
  });

  it('on a lost connection rejects sent non-repeatable calls, keeps the rest in id order', async () => {
    const table = new PendingRequests();
    const apis = ['TIMMsgSendMessage', 'TIMMsgRevoke', 'TIMMsgGetMsgList', 'TIMMsgMarkAllMessageAsRead', 'TIMMsgDelete'];
    const promises = apis.map((api) => {
      const call = frame(table, api);
      return table.add({ frame: call, text: '', policy: inFlightPolicyOf(api), internal: false }, 0).catch((error: unknown) => error);
    });
    // The last one was never written: it survives whatever its kind.
    for (const id of [1, 2, 3, 4]) {
      const request = table.get(id);
      assert.ok(request);
      request.sent = true;
    }
    table.connectionLost('socket closed');
    assert.deepEqual(table.unsent().map((request) => request.frame.api), ['TIMMsgSendMessage', 'TIMMsgGetMsgList', 'TIMMsgDelete']);
    const revoke = await promises[1];
    assert.ok(revoke instanceof TimError && revoke.code === TimCode.ENDPOINT_CLOSED && revoke.desc.includes('socket closed'));
    table.rejectAll((api) => new TimError(TimCode.ENDPOINT_CLOSED, 'disposed', api));
    assert.equal(table.size, 0);
  });

  it('classifies sends, reads and other writes', () => {
    assert.equal(inFlightPolicyOf('TIMMsgSendMessage'), 'resend');
    assert.equal(inFlightPolicyOf('TIMMsgSendNewMsg'), 'resend');
    assert.equal(inFlightPolicyOf('TIMMsgFindMessages'), 'retry');
    assert.equal(inFlightPolicyOf('TIMLogin'), 'retry');
    assert.equal(inFlightPolicyOf('TIMMsgBatchSend'), 'reject');
    assert.equal(inFlightPolicyOf('TIMMsgListDelete'), 'reject');
  });
});
