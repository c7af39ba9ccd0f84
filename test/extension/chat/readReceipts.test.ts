/**
 * Read receipts on the host (readReceipts.ts): counts read for the user's group messages that asked for
 * them, kept current from MsgReadedReceipt; the user's own receipts sent once for messages of others
 * that ask; the member lists paged. The TIM side is the recording fake endpoint: what goes over the
 * seam is what is checked here; the emulator's receipts are tested in the API suite and through the
 * real extension host.
 */
import assert from 'node:assert/strict';
import { ReadReceipts } from '../../../src/extension/chat/readReceipts';
import { TimClient } from '../../../src/tim/client';
import { TIMConvType, TIMMsgStatus } from '../../../src/tim/enums';
import { parseTimJson } from '../../../src/tim/json';
import type { TimMessage } from '../../../src/tim/types/message';
import { FakeEndpoint } from '../../tim/fakeEndpoint';
import { MESSAGE } from '../../tim/samples';

const message = (id: string, sender: string, extra: Partial<TimMessage> = {}): TimMessage => ({
  ...MESSAGE,
  message_msg_id: id,
  message_conv_id: 'team',
  message_conv_type: TIMConvType.Group,
  message_sender: sender,
  message_status: TIMMsgStatus.SendSucc,
  message_need_read_receipt: true,
  ...extra,
});
const receipt = (id: string, read: number, unread: number) => ({ msg_receipt_conv_id: 'team', msg_receipt_conv_type: TIMConvType.Group, msg_receipt_msg_id: id, msg_receipt_read_count: read, msg_receipt_unread_count: unread });
const idsOf = (json: unknown): string[] => (parseTimJson(String(json)) as TimMessage[]).map((m) => m.message_msg_id);

function setUp() {
  const endpoint = new FakeEndpoint();
  const client = new TimClient(endpoint);
  const warnings: string[] = [];
  const receipts = new ReadReceipts(() => client, () => 'me', (w) => warnings.push(w));
  return { endpoint, receipts, warnings };
}

describe('ReadReceipts', () => {
  it("reads the counts of the user's sent group messages that asked for them, 30 per call", async () => {
    const { endpoint, receipts } = setUp();
    endpoint.respond('TIMMsgGetMessageReadReceipts', (args) => ({ code: 0, desc: '', json: JSON.stringify(idsOf(args[0]).map((id) => receipt(id, 1, 4))) }));
    const mine = Array.from({ length: 35 }, (_, i) => message(`m${i}`, 'me'));
    await receipts.load([
      ...mine,
      message('theirs', 'bob'),
      message('plain', 'me', { message_need_read_receipt: false }),
      message('failed', 'me', { message_status: TIMMsgStatus.SendFail }),
      message('c2c', 'me', { message_conv_type: TIMConvType.C2C }),
    ]);
    const calls = endpoint.calls.filter((c) => c.api === 'TIMMsgGetMessageReadReceipts').map((c) => idsOf(c.args[0]));
    assert.deepEqual(calls.map((ids) => ids.length), [30, 5]);
    assert.ok(!calls.flat().some((id) => ['theirs', 'plain', 'failed', 'c2c'].includes(id)));
    assert.deepEqual(receipts.of('m34'), { read: 1, unread: 4 });
  });

  it('applies receipts of group messages and says which changed', () => {
    const { receipts } = setUp();
    assert.deepEqual(receipts.apply([receipt('m1', 1, 2), receipt('m2', 0, 3)]), ['m1', 'm2']);
    assert.deepEqual(receipts.apply([receipt('m1', 1, 2), receipt('m2', 1, 2)]), ['m2'], 'an unchanged count is no change');
    assert.deepEqual(receipts.apply([{ msg_receipt_conv_id: 'bob', msg_receipt_conv_type: TIMConvType.C2C, msg_receipt_time_stamp: 5 }]), [], "a one-to-one chat's receipt carries no counts");
    assert.deepEqual(receipts.of('m2'), { read: 1, unread: 2 });
  });

  it('sends the user’s receipt once for messages of others that ask for one, and never for the user’s own', async () => {
    const { endpoint, receipts } = setUp();
    const shown = [
      message('a', 'bob'),
      message('b', 'carol', { message_conv_type: TIMConvType.C2C, message_conv_id: 'carol' }),
      message('sent-before', 'bob', { message_has_sent_receipt: true }),
      message('no-ask', 'bob', { message_need_read_receipt: false }),
      message('mine', 'me'),
    ];
    await receipts.report(shown);
    await receipts.report(shown);
    const calls = endpoint.calls.filter((c) => c.api === 'TIMMsgSendMessageReadReceipts').map((c) => idsOf(c.args[0]));
    assert.deepEqual(calls, [['a', 'b']], 'once, and only the messages that ask');
  });

  it('tries again later when a receipt could not be sent, and stops quietly for an app without receipts', async () => {
    const { endpoint, receipts, warnings } = setUp();
    endpoint.respond('TIMMsgSendMessageReadReceipts', { code: 6014, desc: 'not logged in' });
    await receipts.report([message('a', 'bob')]);
    assert.match(warnings.join('\n'), /not logged in/);
    endpoint.respond('TIMMsgSendMessageReadReceipts', { code: 60020, desc: 'service not enabled' });
    await receipts.report([message('a', 'bob')]);
    assert.equal(endpoint.calls.filter((c) => c.api === 'TIMMsgSendMessageReadReceipts').length, 2, 'sent again after the failure');
    const calls = endpoint.calls.length;
    await receipts.report([message('b', 'bob')]);
    await receipts.load([message('m', 'me')]);
    assert.equal(endpoint.calls.length, calls, 'nothing more is asked of TIM');
    assert.equal(warnings.length, 1, 'the missing feature is not a problem to log');
    receipts.reset();
    await receipts.report([message('b', 'bob')]);
    assert.equal(endpoint.calls.length, calls + 1, 'asked again after a new sign-in');
  });

  it('pages through who read a message and who has not', async () => {
    const { endpoint, receipts } = setUp();
    const member = (id: string) => ({ group_member_info_identifier: id, group_member_info_nick_name: id.toUpperCase() });
    endpoint.respond('TIMMsgGetGroupMessageReadMemberList', (args) => {
      const [, filter, nextSeq, count] = args;
      assert.equal(count, 100);
      const pages: Record<string, object> = {
        '0:0': { group_member_array: [member('bob')], next_seq: 7, is_finished: false },
        '0:7': { group_member_array: [member('carol')], next_seq: 0, is_finished: true },
        '1:0': { group_member_array: [member('dave')], next_seq: 0, is_finished: true },
      };
      return { code: 0, desc: '', json: JSON.stringify(pages[`${String(filter)}:${String(nextSeq)}`]) };
    });
    const { read, unread } = await receipts.members(message('m1', 'me'));
    assert.deepEqual(read.map((m) => m.group_member_info_identifier), ['bob', 'carol']);
    assert.deepEqual(unread.map((m) => m.group_member_info_identifier), ['dave']);
  });

  it('stops at an empty page that never says it is the last (what the SDK answers offline)', async () => {
    const { endpoint, receipts } = setUp();
    endpoint.respond('TIMMsgGetGroupMessageReadMemberList', { json: '{"group_member_array":[],"next_seq":0,"is_finished":false}' });
    assert.deepEqual(await receipts.members(message('m1', 'me')), { read: [], unread: [] });
    assert.equal(endpoint.calls.length, 2, 'one call per list');
  });
});
