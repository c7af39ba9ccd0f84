/**
 * Emoji from shortcodes in the composer, kept pure: where the ":query" being typed is, which emoji
 * match it, what picking one does to the text, and a shortcode typed out in full (":tada:") that becomes
 * its emoji at the closing colon, as in Slack and GitHub. Nothing happens inside code (a ``` block or
 * `inline code`), where colons are the code's own.
 */
import { EMOJI_SHORTCODES, emojiOfShortcode, type EmojiShortcode } from '../shared/emojiShortcodes';

/** The ":query" the caret is in: `start` is the index of the colon. */
export interface EmojiQuery {
  readonly start: number;
  readonly query: string;
}

/** How many matches the list shows. */
export const MAX_EMOJI_MATCHES = 8;
/** Longer than any shortcode: past this the colon is plain text. */
const MAX_QUERY = 32;
const HAN = /\p{Script=Han}/u;
const QUERY = /^(?:[a-z0-9_+-]|\p{Script=Han})+$/iu;
/** What may stand before the opening colon: nothing, a space, an opening bracket or quote. */
const OPENER = /[\s([{"'“‘（【「]/;

/** Whether `before` (the text up to the caret) ends inside a ``` block or an `inline code` span. */
export function insideCode(before: string): boolean {
  const fences = before.split('```');
  if ((fences.length - 1) % 2 === 1) {
    return true;
  }
  const afterFences = fences[fences.length - 1] ?? '';
  const line = afterFences.slice(afterFences.lastIndexOf('\n') + 1);
  return (line.split('`').length - 1) % 2 === 1;
}

function opensAt(before: string, colon: number): boolean {
  return (colon === 0 || OPENER.test(before[colon - 1] ?? '')) && !insideCode(before.slice(0, colon));
}

/**
 * The shortcode being typed at `caret`: a colon (or the full-width '：' a Chinese input method types) at
 * the start or after a space or an opening bracket, then at least two letters, digits, '_', '+' or '-'
 * (so "10:30", "http://" and ":)" open nothing), or at least one Chinese character.
 */
export function emojiQueryAt(text: string, caret: number): EmojiQuery | undefined {
  const before = text.slice(0, caret);
  const colon = Math.max(before.lastIndexOf(':'), before.lastIndexOf('：'));
  if (colon < 0) {
    return undefined;
  }
  const query = before.slice(colon + 1);
  if (query.length > MAX_QUERY || !QUERY.test(query) || (query.length < 2 && !HAN.test(query))) {
    return undefined;
  }
  return opensAt(before, colon) ? { start: colon, query } : undefined;
}

/**
 * The emoji for `query`, best first: a shortcode that is the query, then one that starts with it, then
 * one with a later word that does ("eyes" finds "heart_eyes"), then one that contains it; a Chinese query
 * matches the Chinese names the same way. Each emoji once, under its best shortcode; ties go to the
 * emoji the user picked last (`recent`, most recent first, as Slack ranks), then to table order.
 */
export function matchEmoji(query: string, limit = MAX_EMOJI_MATCHES, recent: readonly string[] = []): EmojiShortcode[] {
  const q = query.toLowerCase();
  const rank = (entry: EmojiShortcode): number => {
    for (const name of [entry.code, entry.zh]) {
      if (name === q) {
        return 0;
      }
    }
    if (entry.code.startsWith(q) || entry.zh.startsWith(q)) {
      return 1;
    }
    if (entry.code.split('_').some((word) => word.startsWith(q))) {
      return 2;
    }
    return entry.code.includes(q) || entry.zh.includes(q) ? 3 : -1;
  };
  const best = new Map<string, { entry: EmojiShortcode; rank: number; order: number }>();
  EMOJI_SHORTCODES.forEach((entry, order) => {
    const r = rank(entry);
    const known = best.get(entry.emoji);
    if (r >= 0 && (known === undefined || r < known.rank)) {
      best.set(entry.emoji, { entry, rank: r, order });
    }
  });
  // Not picked recently: after every recent one.
  const recency = (emoji: string): number => {
    const index = recent.indexOf(emoji);
    return index < 0 ? recent.length : index;
  };
  return [...best.values()]
    .sort((a, b) => a.rank - b.rank || recency(a.entry.emoji) - recency(b.entry.emoji) || a.order - b.order)
    .slice(0, limit)
    .map((match) => match.entry);
}

/** The text with the ":query" replaced by `emoji`, and where the caret goes (right after it). */
export function insertEmoji(text: string, query: EmojiQuery, emoji: string): { text: string; caret: number } {
  const end = query.start + 1 + query.query.length;
  return { text: text.slice(0, query.start) + emoji + text.slice(end), caret: query.start + emoji.length };
}

/**
 * A shortcode typed out in full just before `caret` (":tada:" with ASCII colons and a shortcode of the
 * table): the text with its emoji instead, the caret after it, and the emoji; undefined for anything
 * else.
 */
export function replaceTypedShortcode(text: string, caret: number): { text: string; caret: number; emoji: string } | undefined {
  const before = text.slice(0, caret);
  const typed = /:([a-z0-9_+-]{1,32}):$/.exec(before);
  const emoji = typed === null ? undefined : emojiOfShortcode(typed[1] ?? '');
  if (typed === null || emoji === undefined || !opensAt(before, typed.index)) {
    return undefined;
  }
  return { ...insertEmoji(text.slice(0, caret - 1) + text.slice(caret), { start: typed.index, query: typed[1] ?? '' }, emoji), emoji };
}
