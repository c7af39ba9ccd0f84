import * as assert from 'node:assert/strict';
import { englishOnly } from '../../../src/extension/chat/translate';
import { compareSummaries, shortTime, summarize } from '../../../src/extension/conversations/conversationSummary';
import { formatClock } from '../../../src/shared/timeFormat';
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

  it('reads the unread and star marks from conv_mark_array, each listed on its own (numbers or bigints)', () => {
    const marks = (array: Array<number | bigint> | undefined) => {
      const s = summarize(conv('bob', { conv_mark_array: array } as Partial<TimConvInfo>), 'alice', englishOnly);
      return [s.markedUnread, s.starred];
    };
    assert.deepEqual(marks(undefined), [false, false]);
    assert.deepEqual(marks([1]), [false, true]);
    assert.deepEqual(marks([2n]), [true, false]);
    assert.deepEqual(marks([4, 1n, 2]), [true, true]);
  });

  it("names who wrote a group's last message, but not in one-to-one chats, tips or recalls", () => {
    const inGroup = (message: Partial<NonNullable<TimConvInfo['conv_last_msg']>>): string => {
      const base = withLast('team', 100).conv_last_msg!;
      return summarize({ ...withLast('team', 100), conv_type: TIMConvType.Group, conv_last_msg: { ...base, message_conv_type: TIMConvType.Group, ...message } }, 'alice', englishOnly).preview;
    };
    assert.equal(inGroup({ message_sender: 'bob', message_sender_profile: { user_profile_identifier: 'bob', user_profile_nick_name: 'Bob Li' } }), 'Bob Li: hi from team');
    assert.equal(inGroup({ message_sender: 'carol' }), 'carol: hi from team', 'the id when there is no nickname');
    assert.equal(inGroup({ message_sender: 'alice', message_is_from_self: true }), 'You: hi from team');
    assert.equal(inGroup({ message_elem_array: [{ elem_type: TIMElemType.GroupTips, group_tips_elem_tip_type: 1, group_tips_elem_group_id: 'team', group_tips_elem_op_user: 'bob', group_tips_elem_user_array: ['dave'] }] as never }).includes(':'), false);
    assert.equal(inGroup({ message_status: TIMMsgStatus.Revoked }), 'A message was revoked');
    assert.equal(summarize(withLast('bob', 100), 'alice', englishOnly).preview, 'hi from bob', 'a one-to-one chat is with one person');
  });

  it('sorts pinned first, then newest, then by name', () => {
    const list = [withLast('a', 100), withLast('b', 300), withLast('c', 200, { conv_is_pinned: true }), conv('d'), conv('e')]
      .map((c) => summarize(c, 'me', englishOnly))
      .sort(compareSummaries)
      .map((s) => s.ref.id);
    assert.deepEqual(list, ['c', 'b', 'a', 'd', 'e']);
  });

  it('lists the seqs of unread @-mentions of the user, oldest first, exact beyond 2^53', () => {
    const summary = summarize(conv('team', { conv_type: TIMConvType.Group, conv_group_at_info_array: [{ conv_group_at_info_seq: 12, conv_group_at_info_at_type: 1 }, { conv_group_at_info_seq: 9007199254740993n, conv_group_at_info_at_type: 3 }, { conv_group_at_info_seq: 3, conv_group_at_info_at_type: 2 }] }), 'me', englishOnly);
    assert.deepEqual(summary.mentionSeqs, ['3', '12', '9007199254740993']);
    assert.equal(summary.mentioned, true);
    assert.deepEqual(summarize(conv('bob'), 'me', englishOnly).mentionSeqs, []);
  });

  it('shows the draft text', () => {
    const s = summarize(conv('bob', { conv_is_has_draft: true, conv_draft: { draft_msg: { message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'half a thought' }] } } }), 'me', englishOnly);
    assert.equal(s.draft, 'half a thought');
  });

  it('formats times short, in the display language, today as the chat panel does', () => {
    const now = new Date(2026, 10, 26, 15, 0, 0);
    const seconds = (...parts: [number, number, number, number?, number?]): number => new Date(...parts).getTime() / 1000;
    const today = seconds(2026, 10, 26, 9, 5);
    // The same words as a message row's time in the panel, whichever the language.
    assert.equal(shortTime(today, 'en', now), formatClock(today, 'en'));
    assert.equal(shortTime(today, 'zh-cn', now), formatClock(today, 'zh-cn'));
    // Spaces normalised: newer ICU versions put a narrow no-break space before AM.
    assert.equal(shortTime(today, 'en', now).replace(/\s/gu, ' '), '09:05 AM');
    assert.equal(shortTime(today, 'zh-cn', now), '09:05');
    assert.equal(shortTime(seconds(2026, 10, 24, 9, 5), 'en', now), 'Tue');
    assert.equal(shortTime(seconds(2026, 10, 24, 9, 5), 'zh-cn', now), '周二');
    assert.equal(shortTime(seconds(2026, 1, 3), 'en', now), 'Feb 3');
    assert.equal(shortTime(seconds(2026, 1, 3), 'zh-cn', now), '2月3日');
    assert.equal(shortTime(seconds(2025, 0, 2, 9, 5), 'en', now), 'Jan 2, 2025');
    assert.equal(shortTime(seconds(2025, 0, 2, 9, 5), 'zh-cn', now), '2025年1月2日');
    // An unknown language tag falls back to the default rather than failing the tree.
    assert.ok(shortTime(today, 'not a locale!', now).includes('05'));
    assert.equal(shortTime(0, 'en', now), '');
  });
});
