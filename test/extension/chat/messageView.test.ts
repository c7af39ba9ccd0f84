import * as assert from 'node:assert/strict';
import { REVOKE_LIMIT_SECONDS, previewText, toMessageView } from '../../../src/extension/chat/messageView';
import { englishOnly } from '../../../src/extension/chat/translate';
import { replyCloudData } from '../../../src/tim/tuikitReply';
import { TIMGroupTipGroupChangeFlag, TIM_MESSAGE_AT_ALL, TIMConvType, TIMElemType, TIMGroupTipType, TIMMsgStatus } from '../../../src/tim/enums';
import type { TimMessage } from '../../../src/tim/types/message';
import { timMessage } from './timMessage';

const message = timMessage;

const ctx = { selfId: 'alice', now: 1_700_000_010_000, displayName: (id: string) => (id === 'bob' ? 'Bob B.' : undefined), t: englishOnly };

describe('messageView', () => {
  it('keeps text as text and seqs exact as decimal strings', () => {
    const view = toMessageView(message({}), ctx);
    assert.deepEqual(view.elements, [{ kind: 'text', text: 'hello <b>there</b>' }]);
    assert.equal(view.seq, '9007199254740993');
    assert.equal(view.senderName, 'Bob B.');
    assert.equal(view.isSelf, false);
    assert.equal(view.revocableUntil, 0);
  });

  it('lets the sender revoke for two minutes after the server time', () => {
    const view = toMessageView(message({ message_sender: 'alice', message_is_from_self: true }), ctx);
    assert.equal(view.isSelf, true);
    assert.equal(view.revocableUntil, (1_700_000_001 + REVOKE_LIMIT_SECONDS) * 1000);
  });

  it('maps statuses', () => {
    const statuses: Array<[number, string]> = [[TIMMsgStatus.Sending, 'sending'], [TIMMsgStatus.SendFail, 'failed'], [TIMMsgStatus.Revoked, 'revoked'], [TIMMsgStatus.LocalImported, 'local'], [TIMMsgStatus.SendSucc, 'sent']];
    for (const [status, expected] of statuses) {
      assert.equal(toMessageView(message({ message_status: status as TimMessage['message_status'] }), ctx).status, expected);
    }
  });

  it('shows peer-read only on own C2C messages', () => {
    assert.equal(toMessageView(message({ message_is_from_self: true, message_sender: 'alice', message_is_peer_read: true }), ctx).isPeerRead, true);
    assert.equal(toMessageView(message({ message_is_peer_read: true }), ctx).isPeerRead, false);
  });

  it('notices mentions of me and of everyone', () => {
    assert.equal(toMessageView(message({ message_group_at_user_array: ['alice'] }), ctx).mentionsMe, true);
    assert.equal(toMessageView(message({ message_group_at_user_array: [TIM_MESSAGE_AT_ALL] }), ctx).mentionsMe, true);
    assert.equal(toMessageView(message({ message_group_at_user_array: ['carol'] }), ctx).mentionsMe, false);
  });

  it('describes files, merged messages and group tips', () => {
    const view = toMessageView(message({
      message_elem_array: [
        { elem_type: TIMElemType.File, file_elem_file_path: '/tmp/a/report.pdf', file_elem_file_name: '', file_elem_file_size: 2048 },
        { elem_type: TIMElemType.Merge, merge_elem_title: 'Chat', merge_elem_abstract_array: ['a: hi', 'b: yo'], merge_elem_compatible_text: 'x' },
        { elem_type: TIMElemType.GroupTips, group_tips_elem_tip_type: TIMGroupTipType.Quit, group_tips_elem_group_id: 'g', group_tips_elem_user_array: ['bob'] },
      ] as unknown as TimMessage['message_elem_array'],
    }), ctx);
    assert.deepEqual(view.elements[0], { kind: 'file', elemIndex: 0, name: 'report.pdf', size: 2048 });
    assert.deepEqual(view.elements[1], { kind: 'merger', elemIndex: 1, title: 'Chat', abstracts: ['a: hi', 'b: yo'], count: 0 });
    assert.deepEqual(view.elements[2], { kind: 'groupTips', text: 'Bob B. left the group' });
  });

  it('says what a group info change tip changed: the name, the notice, the owner, who may join', () => {
    const tip = (changes: Array<{ flag: number; value?: string; int?: number; bool?: boolean }>) =>
      toMessageView(message({
        message_elem_array: [{
          elem_type: TIMElemType.GroupTips,
          group_tips_elem_tip_type: TIMGroupTipType.GroupInfoChange,
          group_tips_elem_group_id: 'g',
          group_tips_elem_op_user: 'bob',
          group_tips_elem_group_change_info_array: changes.map((c) => ({ group_tips_group_change_info_flag: c.flag, group_tips_group_change_info_value: c.value, group_tips_group_change_info_int_value: c.int, group_tips_group_change_info_bool_value: c.bool })),
        }] as unknown as TimMessage['message_elem_array'],
      }), ctx).elements[0];
    assert.deepEqual(tip([{ flag: TIMGroupTipGroupChangeFlag.Name, value: 'Core <b>Team</b>' }, { flag: TIMGroupTipGroupChangeFlag.Notification, value: 'Release Friday' }]), {
      kind: 'groupTips',
      text: 'Bob B. renamed the group to "Core <b>Team</b>" · Bob B. changed the group notice: Release Friday',
    });
    assert.deepEqual(tip([{ flag: TIMGroupTipGroupChangeFlag.Owner, value: 'alice' }]), { kind: 'groupTips', text: 'Bob B. made alice the owner' });
    assert.deepEqual(tip([{ flag: TIMGroupTipGroupChangeFlag.FaceUrl, value: 'https://x' }]), { kind: 'groupTips', text: 'Bob B. changed the group info' });
    // Who may join: the new TIMGroupAddOption in the tip's int value (header 9.1).
    assert.deepEqual(tip([{ flag: TIMGroupTipGroupChangeFlag.GroupAddOpt, int: 1 }]), { kind: 'groupTips', text: 'Bob B. made joining the group need approval' });
    assert.deepEqual(tip([{ flag: TIMGroupTipGroupChangeFlag.GroupAddOpt, int: 2 }]), { kind: 'groupTips', text: 'Bob B. let anyone join the group' });
    assert.deepEqual(tip([{ flag: TIMGroupTipGroupChangeFlag.GroupAddOpt, int: 0 }]), { kind: 'groupTips', text: 'Bob B. closed the group to requests to join' });
    assert.deepEqual(tip([{ flag: TIMGroupTipGroupChangeFlag.GroupAddOpt }]), { kind: 'groupTips', text: 'Bob B. changed who can join the group' });
    // Everyone muted or not: the tip's bool value (header 9.1).
    assert.deepEqual(tip([{ flag: TIMGroupTipGroupChangeFlag.ShutupAll, bool: true }]), { kind: 'groupTips', text: 'Bob B. let only the owner and admins write' });
    assert.deepEqual(tip([{ flag: TIMGroupTipGroupChangeFlag.ShutupAll, bool: false }]), { kind: 'groupTips', text: 'Bob B. let everyone write again' });
  });

  it('says who was muted, for how long, or unmuted (MemberInfoChange tips)', () => {
    const tip = (changes: Array<{ id: string; seconds?: number }>) =>
      toMessageView(message({
        message_elem_array: [{
          elem_type: TIMElemType.GroupTips,
          group_tips_elem_tip_type: TIMGroupTipType.MemberInfoChange,
          group_tips_elem_group_id: 'g',
          group_tips_elem_op_user: 'bob',
          group_tips_elem_member_change_info_array: changes.map((c) => ({ group_tips_member_change_info_identifier: c.id, group_tips_member_change_info_shutupTime: c.seconds })),
        }] as unknown as TimMessage['message_elem_array'],
      }), ctx).elements[0];
    assert.deepEqual(tip([{ id: 'carol', seconds: 3600 }]), { kind: 'groupTips', text: 'Bob B. muted carol for 1 hour' });
    assert.deepEqual(tip([{ id: 'carol', seconds: 0 }, { id: 'dave' }]), { kind: 'groupTips', text: 'Bob B. unmuted carol · Bob B. unmuted dave' });
    assert.deepEqual(tip([]), { kind: 'groupTips', text: 'Bob B. changed members of the group' });
  });

  it('says who pinned or unpinned which message (PinnedMessageAdded / PinnedMessageDeleted tips)', () => {
    const tip = (tipType: number, pinned: unknown) =>
      toMessageView(message({
        message_elem_array: [{ elem_type: TIMElemType.GroupTips, group_tips_elem_tip_type: tipType, group_tips_elem_group_id: 'g', group_tips_elem_op_user: 'bob', group_tips_elem_pinned_message_list: pinned }] as unknown as TimMessage['message_elem_array'],
      }), ctx).elements[0];
    const pinnedText = (text: string) => [message({ message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: text }] })];
    assert.deepEqual(tip(TIMGroupTipType.PinnedMessageAdded, pinnedText('release at 5')), { kind: 'groupTips', text: 'Bob B. pinned "release at 5"' });
    assert.deepEqual(tip(TIMGroupTipType.PinnedMessageDeleted, pinnedText('x'.repeat(60))), { kind: 'groupTips', text: `Bob B. unpinned "${'x'.repeat(50)}…"` });
    // Without a readable message: the tip still says what happened.
    assert.deepEqual(tip(TIMGroupTipType.PinnedMessageAdded, undefined), { kind: 'groupTips', text: 'Bob B. pinned a message' });
    assert.deepEqual(tip(TIMGroupTipType.PinnedMessageDeleted, ['not a message']), { kind: 'groupTips', text: 'Bob B. unpinned a message' });
  });

  it("shows a TUIKit app's emoji keys as emoji, in the message and its preview", () => {
    const tuikit = message({ message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'nice[TUIEmoji_Like] [not an emoji]' }] });
    assert.deepEqual(toMessageView(tuikit, ctx).elements[0], { kind: 'text', text: 'nice👍 [not an emoji]' });
    assert.equal(previewText(tuikit, ctx), 'nice👍 [not an emoji]');
  });

  it("previews other apps' shortcodes as emoji, as the chat shows them", () => {
    const bot = message({ message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: ':white_check_mark: build 42 passed at 10:30:00' }] });
    assert.equal(previewText(bot, ctx), '✅ build 42 passed at 10:30:00');
    assert.deepEqual(toMessageView(bot, ctx).elements[0], { kind: 'text', text: ':white_check_mark: build 42 passed at 10:30:00' }, 'the chat renders it from the text (outside code only)');
  });

  it('previews one line, and says when a message was revoked', () => {
    const multi = message({ message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: '```ts\nconst a = 1;\n```' }] });
    assert.equal(previewText(multi, ctx), '```ts const a = 1; ```');
    assert.equal(previewText(message({ message_status: TIMMsgStatus.Revoked }), ctx), 'A message was revoked');
    assert.equal(previewText(undefined, ctx), '');
  });

  it("lists a root's thread replies with the names the chat shows, and no \"(edited)\" for the listing", () => {
    const cloud = JSON.stringify({
      messageReplies: { replies: [{ messageID: 'r1', messageSender: 'bob', messageAbstract: 'on it', messageTime: 1_700_000_100 }, { messageID: 'r2', messageSender: 'alice', messageAbstract: 'thanks', messageTime: 1_700_000_200 }, { messageID: 'r3', messageSender: 'carol', messageAbstract: '' }] },
    });
    const view = toMessageView(message({ message_cloud_custom_str: cloud, message_version: 2 }), ctx);
    assert.deepEqual(view.thread, [
      { id: 'r1', senderName: 'Bob B.', text: 'on it', time: 1_700_000_100 },
      { id: 'r2', senderName: 'You', text: 'thanks', time: 1_700_000_200 },
      { id: 'r3', senderName: 'carol', text: '', time: 0 },
    ]);
    assert.equal(view.edited, undefined);
    assert.equal(toMessageView(message({}), ctx).thread, undefined);
    assert.equal(toMessageView(message({ message_version: 1 }), ctx).edited, true);
  });

  it("parses a message's cloud data once for its whole view (quote, thread and edit mark read the same text)", () => {
    const cloud = JSON.stringify({
      messageReply: { messageID: 'orig-2', messageAbstract: 'the tests', messageSender: 'bob', messageType: 1, version: 1 },
      messageReplies: { replies: [{ messageID: 'r9', messageSender: 'bob', messageAbstract: 'done' }] },
    });
    const parse = JSON.parse;
    let parsedCloud = 0;
    JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      parsedCloud += text === cloud ? 1 : 0;
      return parse(text, reviver);
    }) as typeof JSON.parse;
    try {
      const view = toMessageView(message({ message_cloud_custom_str: cloud, message_version: 2 }), ctx);
      assert.equal(view.replyTo?.id, 'orig-2');
      assert.equal(view.thread?.[0]?.id, 'r9');
      assert.equal(view.edited, undefined);
      // Another text in between is parsed on its own, and the first is still read right after it.
      assert.equal(toMessageView(message({ message_cloud_custom_str: '{"other":1}' }), ctx).replyTo, undefined);
      assert.equal(toMessageView(message({ message_cloud_custom_str: cloud, message_version: 2 }), ctx).thread?.length, 1);
    } finally {
      JSON.parse = parse;
    }
    assert.equal(parsedCloud, 2, 'once per view, not once per reader');
  });

  it('puts the quote in the message view the panel renders', () => {
    const view = toMessageView(message({ message_cloud_custom_str: replyCloudData(message({ message_msg_id: 'orig-1' }), 'Bob Li', 'the build is red') }), ctx);
    assert.deepEqual(view.replyTo, { id: 'orig-1', sender: 'Bob Li', text: 'the build is red' });
    assert.equal(toMessageView(message({}), ctx).replyTo, undefined);
  });
});
