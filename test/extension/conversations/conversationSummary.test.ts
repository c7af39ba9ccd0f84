import * as assert from 'node:assert/strict';
import { englishOnly } from '../../../src/extension/chat/translate';
import { compareSummaries, shortTime, summarize } from '../../../src/extension/conversations/conversationSummary';
import { conversationKey, parseConversationKey } from '../../../src/extension/conversations/conversationKey';
import { TIMConvType, TIMElemType, TIMMsgStatus, TIMReceiveMessageOpt } from '../../../src/tim/enums';
import type { TimConvInfo } from '../../../src/tim/types/conversation';

function conv(id: string, overrides: Partial<TimConvInfo> = {}): TimConvInfo {
  return {
    conv_id: id,
    conv_type: TIMConvType.C2C,
    conv_unread_num: 0,
    conv_active_time: 0,
    conv_is_has_lastmsg: false,
    conv_is_has_draft: false,
    conv_is_pinned: false,
    ...overrides,
  };
}

function withLast(id: string, time: number, overrides: Partial<TimConvInfo> = {}): TimConvInfo {
  return conv(id, {
    conv_is_has_lastmsg: true,
    conv_last_msg: {
      message_msg_id: `${id}-m`, message_conv_id: id, message_conv_type: TIMConvType.C2C, message_sender: id, message_client_time: time,
      message_server_time: time, message_is_from_self: false, message_status: TIMMsgStatus.SendSucc, message_unique_id: 1, message_rand: 1, message_seq: 1,
      message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: `hi from ${id}` }],
    },
    ...overrides,
  });
}

describe('conversation keys', () => {
  it('round-trips C2C and group keys and reads a bare id as C2C', () => {
    assert.equal(conversationKey({ id: 'bob', type: TIMConvType.C2C }), 'c2c_bob');
    assert.equal(conversationKey({ id: 'team', type: TIMConvType.Group }), 'group_team');
    assert.deepEqual(parseConversationKey('group_team'), { id: 'team', type: TIMConvType.Group });
    assert.deepEqual(parseConversationKey('c2c_bob'), { id: 'bob', type: TIMConvType.C2C });
    assert.deepEqual(parseConversationKey('carol'), { id: 'carol', type: TIMConvType.C2C });
    assert.equal(parseConversationKey('  '), undefined);
    assert.deepEqual(parseConversationKey('group_'), { id: 'group_', type: TIMConvType.C2C });
  });
});

describe('conversation summaries', () => {
  it('takes the name, preview, unread count and flags from ConvInfo', () => {
    const s = summarize(withLast('bob', 100, { conv_show_name: 'Bob', conv_unread_num: 3n, conv_recv_opt: TIMReceiveMessageOpt.Not_Notify }), 'alice', englishOnly);
    assert.equal(s.key, 'c2c_bob');
    assert.equal(s.name, 'Bob');
    assert.equal(s.preview, 'hi from bob');
    assert.equal(s.unread, 3);
    assert.equal(s.muted, true);
    assert.equal(s.lastTime, 100);
  });

  it('sorts pinned first, then newest, then by name', () => {
    const list = [withLast('a', 100), withLast('b', 300), withLast('c', 200, { conv_is_pinned: true }), conv('d'), conv('e')]
      .map((c) => summarize(c, 'me', englishOnly))
      .sort(compareSummaries)
      .map((s) => s.ref.id);
    assert.deepEqual(list, ['c', 'b', 'a', 'd', 'e']);
  });

  it('shows the draft text', () => {
    const s = summarize(conv('bob', { conv_is_has_draft: true, conv_draft: { draft_msg: { message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'half a thought' }] } } }), 'me', englishOnly);
    assert.equal(s.draft, 'half a thought');
  });

  it('formats times short', () => {
    const now = new Date(2026, 10, 26, 15, 0, 0);
    assert.equal(shortTime(new Date(2026, 10, 26, 9, 5).getTime() / 1000, now), '09:05');
    assert.equal(shortTime(new Date(2025, 0, 2, 9, 5).getTime() / 1000, now), '2025-01-02');
    assert.equal(shortTime(0, now), '');
  });
});
