/**
 * Threads, as Tencent's own chat UIs (TUIKit) keep them: a reply names the first message of its chain
 * (`messageReply.messageRootID`, tuikitReply.ts), and once sent, its sender lists it on that root
 * message by changing the root's cloud custom data (TIMMsgModifyMessage) to
 *   {…what it held, "messageReplies": {"replies": [{"messageID", "messageAbstract", "messageSender",
 *    "messageType", "messageTime", "messageSequence", "version": 1}, …]}, "version": "1"}
 * (messageSender a user ID, messageType a V2TIM element type, messageTime in seconds). Recalling a
 * reply takes it off the list. TUIKit shows the root's replies as "N replies" and lists them; TIM Chat
 * does the same, and writes the list the same way so both show one thread. Pure, so it is unit-tested.
 */
import { cloudDataObject, REPLY_ABSTRACT_MAX, v2ElemTypeOf } from './tuikitReply';
import type { TimMessage } from './types/message';

/** One reply as its root message lists it. */
export interface ThreadReply {
  readonly id: string;
  /** The replier's user ID. */
  readonly sender: string;
  /** A one-line summary of the reply. */
  readonly abstract: string;
  /** Seconds since the epoch; 0 when the entry has none. */
  readonly time: number;
}

/**
 * Most replies read from one root. A root is one message's cloud custom data, which TIM caps in size,
 * so a real list stays far below this; the cap only bounds what a malformed one costs.
 */
export const THREAD_REPLIES_MAX = 500;

/** The replies a root message lists, oldest first; empty when it lists none or its data is malformed. */
export function threadRepliesOf(message: Pick<TimMessage, 'message_cloud_custom_str'>): ThreadReply[] {
  const replies = (cloudDataObject(message.message_cloud_custom_str)?.messageReplies as { replies?: unknown } | undefined)?.replies;
  if (!Array.isArray(replies)) {
    return [];
  }
  const seen = new Set<string>();
  const out: ThreadReply[] = [];
  for (const entry of replies.slice(-THREAD_REPLIES_MAX)) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      continue;
    }
    const { messageID, messageSender, messageAbstract, messageTime } = entry as Record<string, unknown>;
    if (typeof messageID !== 'string' || messageID.length === 0 || seen.has(messageID)) {
      continue;
    }
    seen.add(messageID);
    out.push({
      id: messageID,
      sender: typeof messageSender === 'string' ? messageSender.slice(0, 100) : '',
      abstract: typeof messageAbstract === 'string' ? [...messageAbstract].slice(0, REPLY_ABSTRACT_MAX).join('') : '',
      time: typeof messageTime === 'number' && Number.isFinite(messageTime) && messageTime > 0 ? Math.floor(messageTime) : 0,
    });
  }
  return out;
}

/** The root message a reply belongs under (its chain's first message), or undefined for a message that is no reply. */
export function threadRootOf(reply: Pick<TimMessage, 'message_cloud_custom_str'>): string | undefined {
  const quote = cloudDataObject(reply.message_cloud_custom_str)?.messageReply as { messageRootID?: unknown; messageID?: unknown } | undefined;
  if (quote === null || typeof quote !== 'object') {
    return undefined;
  }
  if (typeof quote.messageRootID === 'string' && quote.messageRootID) {
    return quote.messageRootID;
  }
  return typeof quote.messageID === 'string' && quote.messageID ? quote.messageID : undefined;
}

/** The root's cloud data with its replies list replaced, everything else it held kept. */
function withReplies(rootCloud: string | undefined, change: (replies: unknown[]) => unknown[]): string {
  const data = cloudDataObject(rootCloud) ?? {};
  const listed = data.messageReplies !== null && typeof data.messageReplies === 'object' && !Array.isArray(data.messageReplies) ? (data.messageReplies as Record<string, unknown>) : {};
  const replies = Array.isArray(listed.replies) ? listed.replies : [];
  return JSON.stringify({ ...data, messageReplies: { ...listed, replies: change(replies) }, version: '1' });
}

function entryId(entry: unknown): unknown {
  return entry !== null && typeof entry === 'object' ? (entry as { messageID?: unknown }).messageID : undefined;
}

/**
 * The root's cloud data with `reply` listed last (once: a reply already listed moves to the end with
 * what it says now). `abstract` is the one-line summary other clients show.
 */
export function withThreadReply(rootCloud: string | undefined, reply: Pick<TimMessage, 'message_msg_id' | 'message_sender' | 'message_elem_array' | 'message_server_time' | 'message_seq'>, abstract: string): string {
  const entry = {
    messageID: reply.message_msg_id,
    messageAbstract: [...abstract].slice(0, REPLY_ABSTRACT_MAX).join(''),
    messageSender: reply.message_sender,
    messageType: v2ElemTypeOf(reply.message_elem_array?.[0]?.elem_type),
    messageTime: Number(reply.message_server_time ?? 0),
    messageSequence: Number(reply.message_seq ?? 0),
    version: 1,
  };
  return withReplies(rootCloud, (replies) => [...replies.filter((r) => entryId(r) !== reply.message_msg_id), entry]);
}

/** The root's cloud data without the reply `replyId` (recalled); unchanged data when it was not listed. */
export function withoutThreadReply(rootCloud: string | undefined, replyId: string): string | undefined {
  const replies = (cloudDataObject(rootCloud)?.messageReplies as { replies?: unknown } | undefined)?.replies;
  if (!Array.isArray(replies) || !replies.some((r) => entryId(r) === replyId)) {
    return rootCloud;
  }
  return withReplies(rootCloud, (list) => list.filter((r) => entryId(r) !== replyId));
}
