/**
 * What the Conversations tree shows of one conversation, derived from TIM's ConvInfo: name, preview,
 * time, unread count, pinned and muted, and the order (pinned first, then newest activity). Pure.
 */
import { formatClock, safeFormat } from '../../shared/timeFormat';
import { TIMConvType, TIMConversationMarkType, TIMElemType, TIMMsgStatus, TIMReceiveMessageOpt } from '../../tim/enums';
import type { TimConvInfo } from '../../tim/types/conversation';
import type { TimMessage } from '../../tim/types/message';
import { previewText } from '../chat/messageView';
import type { Translate } from '../chat/translate';
import { conversationKey, type ConversationRef } from './conversationKey';

export interface ConversationSummary {
  readonly key: string;
  readonly ref: ConversationRef;
  readonly name: string;
  readonly preview: string;
  /** Last message time, seconds; 0 when there is none. */
  readonly lastTime: number;
  readonly unread: number;
  readonly pinned: boolean;
  readonly receiveOpt: number;
  readonly muted: boolean;
  /** Unread @-mentions of me (groups). */
  readonly mentioned: boolean;
  /** The seqs (decimal) of the messages that @-mention the user, unread, oldest first (groups; TIM's at info). */
  readonly mentionSeqs: readonly string[];
  /** The user marked it unread (TIMConvMarkConversation); cleared when they open it or mark it read. */
  readonly markedUnread: boolean;
  /** The user starred it (TIMConvMarkConversation). */
  readonly starred: boolean;
  readonly draft: string;
}

/**
 * A group's preview names who wrote the last message ("Carol: …", "You: …"), as Tencent's conversation
 * lists do; group tips and recalled messages already say who.
 */
function withSender(preview: string, last: TimMessage | undefined, type: TIMConvType, selfId: string, t: Translate): string {
  if (type !== TIMConvType.Group || !last || preview === '' || last.message_status === TIMMsgStatus.Revoked || last.message_elem_array?.[0]?.elem_type === TIMElemType.GroupTips) {
    return preview;
  }
  const self = last.message_is_from_self === true || last.message_sender === selfId;
  const sender = self ? t('You') : last.message_sender_profile?.user_profile_nick_name || last.message_sender;
  return `${sender}: ${preview}`;
}

/** conv_mark_array lists each mark on its own (uint64 values, which may come as bigints). */
function hasMark(conv: TimConvInfo, mark: TIMConversationMarkType): boolean {
  return (conv.conv_mark_array ?? []).some((value) => BigInt(value) === BigInt(mark));
}

/** The conversation a ConvInfo describes (system and unknown types read as C2C, as the tree shows them). */
export function convRefOf(conv: TimConvInfo): ConversationRef {
  return { id: conv.conv_id, type: conv.conv_type === TIMConvType.Group ? TIMConvType.Group : TIMConvType.C2C };
}

export function summarize(conv: TimConvInfo, selfId: string, t: Translate): ConversationSummary {
  const ref = convRefOf(conv);
  const type = ref.type;
  const last = conv.conv_is_has_lastmsg ? conv.conv_last_msg : undefined;
  const receiveOpt = conv.conv_recv_opt ?? TIMReceiveMessageOpt.Receive;
  const draftElems = conv.conv_is_has_draft ? (conv.conv_draft?.draft_msg.message_elem_array ?? []) : [];
  const draft = draftElems.map((e) => ('text_elem_content' in e ? String(e.text_elem_content) : '')).join('');
  return {
    key: conversationKey(ref),
    ref,
    name: conv.conv_show_name || conv.conv_id,
    preview: withSender(previewText(last, { t, selfId, displayName: () => undefined }), last, type, selfId, t),
    lastTime: last ? Number(last.message_server_time || last.message_client_time || 0) : 0,
    unread: Number(conv.conv_unread_num ?? 0),
    pinned: conv.conv_is_pinned === true,
    receiveOpt,
    muted: receiveOpt !== TIMReceiveMessageOpt.Receive,
    mentioned: (conv.conv_group_at_info_array ?? []).length > 0,
    mentionSeqs: (conv.conv_group_at_info_array ?? []).map((at) => BigInt(at.conv_group_at_info_seq)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String),
    markedUnread: hasMark(conv, TIMConversationMarkType.Unread),
    starred: hasMark(conv, TIMConversationMarkType.Star),
    draft,
  };
}

/**
 * Pinned first, then the newest last message; within the same second (times are whole seconds) the
 * conversation that changed most recently (`recency`, higher is newer), then by name for a stable order.
 */
export function compareSummaries(a: ConversationSummary, b: ConversationSummary, recency: (key: string) => number = () => 0): number {
  if (a.pinned !== b.pinned) {
    return a.pinned ? -1 : 1;
  }
  if (a.lastTime !== b.lastTime) {
    return b.lastTime - a.lastTime;
  }
  const newer = recency(b.key) - recency(a.key);
  return newer !== 0 ? newer : a.name.localeCompare(b.name);
}

/**
 * A conversation's time, short enough for a tree item's description and in VS Code's display language:
 * the time of day as the chat panel shows it (formatClock) today, the weekday within a week, the date
 * before (with the year when it is not this year).
 */
export function shortTime(seconds: number, locale: string, now: Date = new Date()): string {
  if (!seconds) {
    return '';
  }
  const date = new Date(seconds * 1000);
  if (date.toDateString() === now.toDateString()) {
    return formatClock(seconds, locale);
  }
  const days = (now.getTime() - date.getTime()) / 86_400_000;
  if (days < 6 && days > 0) {
    return safeFormat(locale, { weekday: 'short' }, date);
  }
  const sameYear = date.getFullYear() === now.getFullYear();
  return safeFormat(locale, sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' }, date);
}
