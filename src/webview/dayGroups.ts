/**
 * How consecutive messages are grouped: a day separator when the local calendar day changes, and a
 * sender header (avatar, name, time) when the sender changes, a few minutes pass, or a marker or tip
 * interrupts the run. Pure, so the rules are unit-tested.
 */
import type { ChatElementView, ChatMessageView } from '../shared/chatModel';
import { safeFormat } from '../shared/timeFormat';

/** Messages of one sender closer together than this share one header. */
export const GROUP_GAP_SECONDS = 5 * 60;

export function dayKeyOf(timeSeconds: number): string {
  const d = new Date(timeSeconds * 1000);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export interface RowContext {
  readonly daySeparator: boolean;
  readonly unreadMarker: boolean;
  readonly showHeader: boolean;
}

/** Group tips, and the custom messages shown as tips (a group's call records, TUIKit's "created the group"). */
export function isTipElement(element: ChatElementView): boolean {
  return element.kind === 'groupTips' || (element.kind === 'custom' && element.card?.tip === true);
}

/** A message shown as a centred tip line rather than a bubble. */
export function isTip(message: ChatMessageView): boolean {
  return message.elements.length > 0 && message.elements.every(isTipElement);
}

export function rowContextOf(previous: ChatMessageView | undefined, message: ChatMessageView, firstUnreadId: string | undefined): RowContext {
  const daySeparator = !previous || dayKeyOf(previous.time) !== dayKeyOf(message.time);
  const unreadMarker = firstUnreadId !== undefined && message.id === firstUnreadId;
  const showHeader =
    !isTip(message) &&
    (daySeparator ||
      unreadMarker ||
      !previous ||
      isTip(previous) ||
      previous.sender !== message.sender ||
      previous.status === 'revoked' ||
      Math.abs(message.time - previous.time) > GROUP_GAP_SECONDS);
  return { daySeparator, unreadMarker, showHeader };
}

/** "Today", "Yesterday", or the date in the panel's locale (with the year when it is not this year). */
export function dayLabelOf(timeSeconds: number, now: Date, locale: string, today: string, yesterday: string): string {
  const key = dayKeyOf(timeSeconds);
  if (key === dayKeyOf(now.getTime() / 1000)) {
    return today;
  }
  const before = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12);
  if (key === dayKeyOf(before.getTime() / 1000)) {
    return yesterday;
  }
  const date = new Date(timeSeconds * 1000);
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric' };
  if (date.getFullYear() !== now.getFullYear()) {
    options.year = 'numeric';
  }
  return safeFormat(locale, options, date);
}

/**
 * The first unread message when the panel opens: walking back from the newest, the `unreadCount`-th
 * message from someone else. Undefined when there is nothing unread or it is not loaded yet.
 */
export function firstUnreadIdOf(messages: readonly ChatMessageView[], unreadCount: number): string | undefined {
  if (unreadCount <= 0) {
    return undefined;
  }
  let seen = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    // Group tips are not counted unread; a message shown as a tip (a group's call record) is.
    const groupTipsOnly = m.elements.length > 0 && m.elements.every((e) => e.kind === 'groupTips');
    if (!m.isSelf && !groupTipsOnly && m.status !== 'revoked') {
      seen++;
      if (seen === unreadCount) {
        return m.id;
      }
    }
  }
  return undefined;
}
