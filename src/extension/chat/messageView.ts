/**
 * Turns TIM's message JSON into the chat panel's view model (src/shared/chatModel.ts): plain values,
 * validated here on the host, that the webview renders as text. Pure (no vscode) so it is unit-tested.
 */
import type { ChatElementView, ChatMessageStatus, ChatMessageView } from '../../shared/chatModel';
import { showShortcodes } from '../../shared/emojiShortcodes';
import { showTuikitEmoji } from '../../shared/tuikitEmoji';
import { TIM_MESSAGE_AT_ALL, TIMConvType, TIMElemType, TIMGroupAddOption, TIMGroupTipGroupChangeFlag, TIMGroupTipType, TIMMsgStatus } from '../../tim/enums';
import type { TimCustomElem, TimElem } from '../../tim/types/elements';
import type { TimGroupTipsElem } from '../../tim/types/groupElements';
import type { TimMessage } from '../../tim/types/message';
import { parseTuikitCustom } from '../../tim/tuikitCustom';
import { replyQuoteOf } from '../../tim/tuikitReply';
import { threadRepliesOf } from '../../tim/tuikitThread';
import { muteDurationText } from '../conversations/muteDuration';
import { isStarred } from '../messages/starMark';
import { snippetElementView, snippetPreviewText, withoutSnippetFallback } from '../share/snippetView';
import { isEdited } from './editMark';
import type { Translate } from './translate';
import { customCardOf } from './tuikitCustomView';

/** How long after sending a message its sender may revoke it: Tencent Cloud Chat's default, 2 minutes. */
export const REVOKE_LIMIT_SECONDS = 120;

export interface MessageViewContext {
  readonly selfId: string;
  /** Host clock, ms since the epoch. */
  readonly now: number;
  /** Nickname lookup; returns undefined when the user has none. */
  readonly displayName: (userId: string) => string | undefined;
  readonly t: Translate;
}

function num(value: number | bigint | undefined): number {
  return value === undefined ? 0 : Number(value);
}

function statusOf(message: TimMessage): ChatMessageStatus {
  switch (message.message_status) {
    case TIMMsgStatus.Sending:
      return 'sending';
    case TIMMsgStatus.SendFail:
    case TIMMsgStatus.Cancel:
      return 'failed';
    case TIMMsgStatus.Revoked:
      return 'revoked';
    case TIMMsgStatus.LocalImported:
      return 'local';
    default:
      return 'sent';
  }
}

function nameOf(userId: string, ctx: MessageViewContext): string {
  return ctx.displayName(userId) ?? userId;
}

function groupTipsText(tips: TimGroupTipsElem, ctx: MessageViewContext): string {
  const users = (tips.group_tips_elem_user_array ?? []).map((u) => nameOf(u, ctx)).join(', ');
  const operator = tips.group_tips_elem_op_user ? nameOf(tips.group_tips_elem_op_user, ctx) : '';
  switch (tips.group_tips_elem_tip_type) {
    case TIMGroupTipType.Invite:
      return operator && users && !tips.group_tips_elem_user_array?.includes(tips.group_tips_elem_op_user ?? '')
        ? ctx.t('{0} added {1}', operator, users)
        : ctx.t('{0} joined the group', users || operator);
    case TIMGroupTipType.Quit:
      return ctx.t('{0} left the group', users || operator);
    case TIMGroupTipType.Kick:
      return ctx.t('{0} removed {1}', operator, users);
    case TIMGroupTipType.SetAdmin:
      return ctx.t('{0} is now an admin', users);
    case TIMGroupTipType.CancelAdmin:
      return ctx.t('{0} is no longer an admin', users);
    case TIMGroupTipType.GroupInfoChange:
      return groupInfoChangeText(tips, operator, ctx);
    case TIMGroupTipType.MemberInfoChange:
      return memberInfoChangeText(tips, operator, ctx);
    case TIMGroupTipType.PinnedMessageAdded:
    case TIMGroupTipType.PinnedMessageDeleted:
      return pinTipText(tips, operator, ctx);
    default:
      return ctx.t('Group updated');
  }
}

/** The longest abstract of a pinned message a tip quotes. */
const PIN_TIP_ABSTRACT_CHARS = 50;

/** "Carol pinned "release at 5"" (or unpinned): the tip's first message abstracted, as TUIKit's tip shows it. */
function pinTipText(tips: TimGroupTipsElem, operator: string, ctx: MessageViewContext): string {
  const list = tips.group_tips_elem_pinned_message_list;
  const first = Array.isArray(list) && typeof list[0] === 'object' && list[0] !== null ? (list[0] as TimMessage) : undefined;
  const preview = previewText(first, ctx);
  const abstract = preview.length > PIN_TIP_ABSTRACT_CHARS ? `${preview.slice(0, PIN_TIP_ABSTRACT_CHARS)}…` : preview;
  const added = tips.group_tips_elem_tip_type === TIMGroupTipType.PinnedMessageAdded;
  if (!abstract) {
    return added ? ctx.t('{0} pinned a message', operator) : ctx.t('{0} unpinned a message', operator);
  }
  return added ? ctx.t('{0} pinned "{1}"', operator, abstract) : ctx.t('{0} unpinned "{1}"', operator, abstract);
}

/** What a change of who may join (TIMGroupAddOption in the tip's int value) says. */
function joinOptionChangeText(option: number | undefined, operator: string, ctx: MessageViewContext): string {
  switch (option) {
    case TIMGroupAddOption.Any:
      return ctx.t('{0} let anyone join the group', operator);
    case TIMGroupAddOption.Auth:
      return ctx.t('{0} made joining the group need approval', operator);
    case TIMGroupAddOption.Forbid:
      return ctx.t('{0} closed the group to requests to join', operator);
    default:
      return ctx.t('{0} changed who can join the group', operator);
  }
}

/** What a member info change tip says: who was muted (for how long) or unmuted, else that members changed. */
function memberInfoChangeText(tips: TimGroupTipsElem, operator: string, ctx: MessageViewContext): string {
  const changes = (tips.group_tips_elem_member_change_info_array ?? []).map((change) => {
    const member = nameOf(change.group_tips_member_change_info_identifier, ctx);
    const seconds = Number(change.group_tips_member_change_info_shutupTime ?? 0);
    return seconds > 0 ? ctx.t('{0} muted {1} for {2}', operator, member, muteDurationText(seconds, ctx.t)) : ctx.t('{0} unmuted {1}', operator, member);
  });
  return changes.length > 0 ? changes.join(' · ') : ctx.t('{0} changed members of the group', operator);
}

/** What a group info change tip says: each change it lists that people notice, else that something changed. */
function groupInfoChangeText(tips: TimGroupTipsElem, operator: string, ctx: MessageViewContext): string {
  const changes = (tips.group_tips_elem_group_change_info_array ?? []).flatMap((change) => {
    const value = String(change.group_tips_group_change_info_value ?? '');
    switch (change.group_tips_group_change_info_flag) {
      case TIMGroupTipGroupChangeFlag.Name:
        return [ctx.t('{0} renamed the group to "{1}"', operator, value)];
      case TIMGroupTipGroupChangeFlag.Notification:
        return [value ? ctx.t('{0} changed the group notice: {1}', operator, value) : ctx.t('{0} cleared the group notice', operator)];
      case TIMGroupTipGroupChangeFlag.Introduction:
        return [ctx.t('{0} changed the group introduction', operator)];
      case TIMGroupTipGroupChangeFlag.Owner:
        return [ctx.t('{0} made {1} the owner', operator, nameOf(value, ctx))];
      case TIMGroupTipGroupChangeFlag.GroupAddOpt:
        return [joinOptionChangeText(change.group_tips_group_change_info_int_value, operator, ctx)];
      case TIMGroupTipGroupChangeFlag.ShutupAll:
        return [change.group_tips_group_change_info_bool_value ? ctx.t('{0} let only the owner and admins write', operator) : ctx.t('{0} let everyone write again', operator)];
      default:
        return [];
    }
  });
  return changes.length > 0 ? changes.join(' · ') : ctx.t('{0} changed the group info', operator);
}

/** A custom element: a shared code snippet, a TUIKit message shown as its card, or its description. */
function customElementView(elem: TimCustomElem, ctx: MessageViewContext, isSelf: boolean): ChatElementView {
  const view = snippetElementView(elem);
  const custom = view.snippet ? undefined : parseTuikitCustom(view.data);
  return custom ? { ...view, card: customCardOf(custom, { t: ctx.t, nameOf: (id) => nameOf(id, ctx), isSelf }) } : view;
}

function elementView(elem: TimElem, index: number, ctx: MessageViewContext, isSelf: boolean): ChatElementView {
  switch (elem.elem_type) {
    case TIMElemType.Text:
      return { kind: 'text', text: showTuikitEmoji(String(elem.text_elem_content ?? '')) };
    case TIMElemType.Face:
      return { kind: 'face', index: num(elem.face_elem_index), data: String(elem.face_elem_buf ?? '') };
    case TIMElemType.Location:
      return { kind: 'location', description: String(elem.location_elem_desc ?? ''), latitude: num(elem.location_elem_latitude), longitude: num(elem.location_elem_longitude) };
    case TIMElemType.Image:
      return {
        kind: 'image',
        elemIndex: index,
        name: baseName(elem.image_elem_orig_path),
        size: num(elem.image_elem_orig_pic_size),
        width: num(elem.image_elem_orig_pic_width),
        height: num(elem.image_elem_orig_pic_height),
      };
    case TIMElemType.Sound:
      return { kind: 'sound', elemIndex: index, durationSeconds: num(elem.sound_elem_file_time), size: num(elem.sound_elem_file_size) };
    case TIMElemType.Video:
      return { kind: 'video', elemIndex: index, durationSeconds: num(elem.video_elem_video_duration), size: num(elem.video_elem_video_size) };
    case TIMElemType.File:
      return { kind: 'file', elemIndex: index, name: String(elem.file_elem_file_name || baseName(elem.file_elem_file_path)), size: num(elem.file_elem_file_size) };
    case TIMElemType.Custom:
      return customElementView(elem, ctx, isSelf);
    case TIMElemType.Merge:
      return {
        kind: 'merger',
        elemIndex: index,
        title: String(elem.merge_elem_title ?? ''),
        abstracts: (elem.merge_elem_abstract_array ?? []).map(String),
        count: elem.merge_elem_message_array?.length ?? 0,
      };
    case TIMElemType.GroupTips:
      return { kind: 'groupTips', text: groupTipsText(elem, ctx) };
    default:
      return { kind: 'unsupported', label: ctx.t('Unsupported message') };
  }
}

function baseName(path: string | undefined): string {
  return String(path ?? '').split(/[\\/]/).pop() ?? '';
}

export function toMessageView(message: TimMessage, ctx: MessageViewContext): ChatMessageView {
  const status = statusOf(message);
  const isSelf = message.message_is_from_self === true || message.message_sender === ctx.selfId;
  const sentAt = num(message.message_server_time) || num(message.message_client_time);
  const mentions = message.message_group_at_user_array ?? [];
  const replyTo = replyQuoteOf(message);
  const thread = threadRepliesOf(message);
  return {
    id: message.message_msg_id,
    seq: String(message.message_seq ?? 0),
    time: sentAt,
    sender: message.message_sender,
    // The nickname the message carries (what the sender had when sending), else our lookup, else the id.
    senderName: message.message_sender_profile?.user_profile_nick_name || nameOf(message.message_sender, ctx),
    isSelf,
    status,
    isPeerRead: isSelf && message.message_conv_type === TIMConvType.C2C && message.message_is_peer_read === true,
    revocableUntil: isSelf && status === 'sent' ? (sentAt + REVOKE_LIMIT_SECONDS) * 1000 : 0,
    mentionsMe: !isSelf && (mentions.includes(ctx.selfId) || mentions.includes(TIM_MESSAGE_AT_ALL)),
    ...(isStarred(message) ? { starred: true } : {}),
    ...(replyTo ? { replyTo } : {}),
    ...(thread.length > 0 ? { thread: thread.map((reply) => ({ id: reply.id, senderName: reply.sender === ctx.selfId ? ctx.t('You') : nameOf(reply.sender, ctx), text: reply.abstract, time: reply.time })) } : {}),
    ...(isEdited(message, thread.length > 0) ? { edited: true } : {}),
    // A snippet's plain-text copy (for other TIM clients) is not shown next to its card.
    elements: withoutSnippetFallback((message.message_elem_array ?? []).map((elem, index) => elementView(elem, index, ctx, isSelf))),
  };
}

/** One line for the conversation list and notifications: the first text, or the kind of content. */
export function previewText(message: TimMessage | undefined, ctx: Pick<MessageViewContext, 't' | 'displayName' | 'selfId'>): string {
  if (!message) {
    return '';
  }
  if (message.message_status === TIMMsgStatus.Revoked) {
    return ctx.t('A message was revoked');
  }
  const snippet = snippetPreviewText(message.message_elem_array ?? [], ctx.t);
  if (snippet !== undefined) {
    return snippet;
  }
  const parts = (message.message_elem_array ?? []).map((elem): string => {
    switch (elem.elem_type) {
      case TIMElemType.Text:
        // As the chat shows it: TUIKit's emoji keys and other apps' shortcodes as emoji.
        return showShortcodes(showTuikitEmoji(String(elem.text_elem_content ?? '')));
      case TIMElemType.Image:
        return ctx.t('[Image]');
      case TIMElemType.Sound:
        return ctx.t('[Voice]');
      case TIMElemType.Video:
        return ctx.t('[Video]');
      case TIMElemType.File:
        return ctx.t('[File] {0}', String(elem.file_elem_file_name ?? ''));
      case TIMElemType.Face:
        return ctx.t('[Sticker]');
      case TIMElemType.Location:
        return ctx.t('[Location] {0}', String(elem.location_elem_desc ?? ''));
      case TIMElemType.Merge:
        return ctx.t('[Chat history] {0}', String(elem.merge_elem_title ?? ''));
      case TIMElemType.Custom: {
        const custom = parseTuikitCustom(String(elem.custom_elem_data ?? ''));
        const isSelf = message.message_is_from_self === true || message.message_sender === ctx.selfId;
        return custom ? customCardOf(custom, { t: ctx.t, nameOf: (id) => ctx.displayName(id) ?? id, isSelf }).text : String(elem.custom_elem_desc || ctx.t('[Custom message]'));
      }
      case TIMElemType.GroupTips:
        return groupTipsText(elem, { ...ctx, now: 0 });
      default:
        return ctx.t('[Message]');
    }
  });
  // One line: collapse whitespace so Markdown and code do not break the list layout.
  return parts.join(' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}
