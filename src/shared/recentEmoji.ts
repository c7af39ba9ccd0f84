/**
 * The emoji the user picked last, most recent first, shown as the emoji panel's first row (as Slack and
 * GitHub do): an emoji found once is found again at once. Kept by the extension host for every chat
 * (recentEmojiStore.ts); both sides check what they are given with these functions.
 */
import { DISTINCT_EMOJI } from './emojiShortcodes';

/** One row of the emoji panel. */
export const MAX_RECENT_EMOJI = 10;

const PANEL_EMOJI: ReadonlySet<string> = new Set(DISTINCT_EMOJI.map((entry) => entry.emoji));

/** Whether `value` is one of the emoji panel's emoji. */
export function isPanelEmoji(value: unknown): value is string {
  return typeof value === 'string' && PANEL_EMOJI.has(value);
}

/** A stored or received list, checked: panel emoji only, each once, at most MAX_RECENT_EMOJI. */
export function recentEmojiOf(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return [...new Set(value.filter(isPanelEmoji))].slice(0, MAX_RECENT_EMOJI);
}

/** `list` with `emoji` moved (or added) to the front; unchanged for anything not in the panel. */
export function withRecentEmoji(list: readonly string[], emoji: string): string[] {
  if (!isPanelEmoji(emoji)) {
    return [...list];
  }
  return [emoji, ...list.filter((other) => other !== emoji)].slice(0, MAX_RECENT_EMOJI);
}
