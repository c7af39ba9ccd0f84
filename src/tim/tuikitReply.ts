/**
 * Replies, in the format Tencent's own chat UIs (TUIKit) write and read, so that a reply sent from
 * VS Code shows as a reply in a TUIKit app and theirs show as replies here. The reply is an ordinary
 * message whose cloud custom data (message_cloud_custom_str) holds
 *   {"messageReply": {"messageID", "messageAbstract", "messageSender", "messageType", "version": 1, "messageRootID"}}
 * where messageType is the quoted message's V2TIM element type (not the C API's TIMElemType) and
 * messageRootID the first message of a chain of replies. Used by the chat panel's host and by the
 * emulator's seed (demo replies). Pure, so it is unit-tested.
 */
import { TIMElemType } from './enums';
import type { TimMessage } from './types/message';

/** The message a reply quotes, as the reply carries it. */
export interface ReplyQuote {
  /** message_msg_id of the quoted message. */
  readonly id: string;
  /** Its sender's display name when the reply was written. */
  readonly sender: string;
  /** A one-line summary of it. */
  readonly text: string;
}

/** Longest quoted text kept in a reply (TUIKit quotes a short abstract, not the whole message). */
export const REPLY_ABSTRACT_MAX = 120;

/** V2TIMElemType of each TIMElemType (V2TIMMessage.h): what TUIKit puts in messageType. */
const V2_ELEM_TYPE: Partial<Record<number, number>> = {
  [TIMElemType.Text]: 1,
  [TIMElemType.Custom]: 2,
  [TIMElemType.Image]: 3,
  [TIMElemType.Sound]: 4,
  [TIMElemType.Video]: 5,
  [TIMElemType.File]: 6,
  [TIMElemType.Location]: 7,
  [TIMElemType.Face]: 8,
  [TIMElemType.GroupTips]: 9,
  [TIMElemType.Merge]: 10,
};

/** The V2TIM element type TUIKit writes for a message whose first element is `type` (0 when none). */
export function v2ElemTypeOf(type: number | undefined): number {
  return (type === undefined ? undefined : V2_ELEM_TYPE[type]) ?? 0;
}

interface CloudReply {
  readonly messageID: string;
  readonly messageAbstract: string;
  readonly messageSender: string;
  readonly messageType: number;
  readonly version: number;
  readonly messageRootID: string;
}

/** The text cloudDataObject parsed last, and what it found: one message's view reads its data three times. */
let lastCloudText: string | undefined;
let lastCloudObject: Readonly<Record<string, unknown>> | undefined;

/**
 * A message's cloud custom data as a JSON object; undefined when it is empty or anything else. The
 * object is shared with the next caller asking about the same text (the reply quote, the thread list and
 * the edit mark of one message are read one after another), so it is read-only: build a new one to change it.
 */
export function cloudDataObject(text: string | undefined): Readonly<Record<string, unknown>> | undefined {
  if (!text) {
    return undefined;
  }
  if (text === lastCloudText) {
    return lastCloudObject;
  }
  let found: Readonly<Record<string, unknown>> | undefined;
  try {
    const value: unknown = JSON.parse(text);
    found = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    // Cloud custom data is free-form: anything that is not a JSON object holds no reply.
    found = undefined;
  }
  lastCloudText = text;
  lastCloudObject = found;
  return found;
}

/** The quoted message of a reply, or undefined when the message is not one (or its data is malformed). */
export function replyQuoteOf(message: Pick<TimMessage, 'message_cloud_custom_str'>): ReplyQuote | undefined {
  const reply = cloudDataObject(message.message_cloud_custom_str)?.messageReply;
  if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) {
    return undefined;
  }
  const { messageID, messageAbstract, messageSender } = reply as Record<string, unknown>;
  if (typeof messageID !== 'string' || messageID.length === 0) {
    return undefined;
  }
  return {
    id: messageID,
    sender: typeof messageSender === 'string' ? messageSender.slice(0, 100) : '',
    text: typeof messageAbstract === 'string' ? messageAbstract.slice(0, REPLY_ABSTRACT_MAX) : '',
  };
}

/**
 * The quote's one line from a message's preview text: Markdown code fences (```ts) dropped, since other
 * clients show the abstract as plain text and the panel shows it on one line.
 */
export function replyAbstractOf(preview: string): string {
  return preview.replace(/(```|~~~)[\w+#.-]*/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The cloud custom data of a reply to `original`: `senderName` and `abstract` are what the quote shows
 * (the original's sender and a one-line summary of it). A reply to a reply keeps the chain's root.
 */
export function replyCloudData(original: Pick<TimMessage, 'message_msg_id' | 'message_elem_array' | 'message_cloud_custom_str'>, senderName: string, abstract: string): string {
  const firstType = original.message_elem_array?.[0]?.elem_type;
  const root = cloudDataObject(original.message_cloud_custom_str)?.messageReply as { messageRootID?: unknown; messageID?: unknown } | undefined;
  const rootId = typeof root?.messageRootID === 'string' && root.messageRootID ? root.messageRootID : typeof root?.messageID === 'string' && root.messageID ? root.messageID : original.message_msg_id;
  const reply: CloudReply = {
    messageID: original.message_msg_id,
    messageAbstract: [...abstract].slice(0, REPLY_ABSTRACT_MAX).join(''),
    messageSender: senderName,
    messageType: v2ElemTypeOf(firstType),
    version: 1,
    messageRootID: rootId,
  };
  return JSON.stringify({ messageReply: reply });
}
