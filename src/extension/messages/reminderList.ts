/**
 * The reminders the user set about messages, as kept in globalState: each names the message (id and
 * locator, so it is found again as the Starred list finds its messages), what it said, and when to
 * remind. Belongs to one TIM account (app and user): another account signed in on this VS Code does not
 * see it. Pure, so the checks on what was stored (an older version, a hand edit) are unit-tested.
 */
import type { TimMessage } from '../../tim/types/message';
import type { MessageLocation } from './openAtMessage';

export interface Reminder {
  /** Random; names the reminder in the Reminders list. */
  readonly id: string;
  /** `<sdkAppId>:<userId>` of the account that set it. */
  readonly account: string;
  /** When to remind, ms since the epoch. */
  readonly dueAt: number;
  /** The message, as openAtMessage.ts finds it again. */
  readonly message: {
    readonly id: string;
    readonly convId: string;
    /** TIMConvType: 1 C2C, 2 group. */
    readonly convType: 1 | 2;
    /** message_seq as a decimal string (uint64). */
    readonly seq: string;
    readonly rand: number;
    /** message_server_time, seconds. */
    readonly time: number;
    readonly isSelf: boolean;
  };
  /** The sender's name when the reminder was set. */
  readonly sender: string;
  /** One line of what the message said. */
  readonly text: string;
}

/** More pending reminders than this and those due last are dropped: a list, not a database. */
export const MAX_REMINDERS = 200;
const TEXT_MAX = 200;

export function accountKey(sdkAppId: number, userId: string): string {
  return `${sdkAppId}:${userId}`;
}

function str(value: unknown, max = 1000): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

function reminderOf(value: unknown): Reminder | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const r = value as Record<string, unknown>;
  const m = (r.message ?? {}) as Record<string, unknown>;
  const id = str(r.id, 100);
  const account = str(r.account);
  const messageId = str(m.id);
  const convId = str(m.convId);
  const seq = typeof m.seq === 'string' && /^\d{1,20}$/.test(m.seq) ? m.seq : undefined;
  if (id === undefined || account === undefined || messageId === undefined || convId === undefined || seq === undefined) {
    return undefined;
  }
  if (!Number.isSafeInteger(r.dueAt) || (m.convType !== 1 && m.convType !== 2) || !Number.isSafeInteger(m.rand) || !Number.isSafeInteger(m.time)) {
    return undefined;
  }
  return {
    id,
    account,
    dueAt: r.dueAt as number,
    message: { id: messageId, convId, convType: m.convType, seq, rand: m.rand as number, time: m.time as number, isSelf: m.isSelf === true },
    sender: typeof r.sender === 'string' ? r.sender.slice(0, 100) : '',
    text: typeof r.text === 'string' ? r.text.slice(0, TEXT_MAX) : '',
  };
}

/** The stored reminders that are well formed, soonest first, at most MAX_REMINDERS. */
export function remindersOf(stored: unknown): Reminder[] {
  const list = Array.isArray(stored) ? stored.flatMap((value) => reminderOf(value) ?? []) : [];
  return list.sort((a, b) => a.dueAt - b.dueAt).slice(0, MAX_REMINDERS);
}

/** The message part of a reminder, from the message TIM gave. */
export function reminderMessageOf(message: TimMessage): Reminder['message'] {
  return {
    id: message.message_msg_id,
    convId: message.message_conv_id,
    convType: message.message_conv_type === 2 ? 2 : 1,
    seq: String(message.message_seq ?? 0),
    rand: Number(message.message_rand ?? 0),
    time: Number(message.message_server_time || message.message_client_time || 0),
    isSelf: message.message_is_from_self === true,
  };
}

/** The message's locator fields, for openAtMessage.ts (TIMMsgFindMessages, else TIMMsgFindByMsgLocatorList). */
export function locatorMessageOf(reminder: Reminder): MessageLocation {
  const m = reminder.message;
  return { message_msg_id: m.id, message_conv_id: m.convId, message_conv_type: m.convType, message_seq: BigInt(m.seq), message_rand: m.rand, message_server_time: m.time, message_is_from_self: m.isSelf };
}
