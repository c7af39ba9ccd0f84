/**
 * @-mentions in the composer, kept pure: where the "@query" being typed is, which group members match
 * it, what picking one does to the text, and which picked members the text still mentions when it is
 * sent (a mention deleted from the text is not sent).
 */
import type { MentionCandidate } from '../shared/chatModel';

/** The "@query" the caret is in: `start` is the index of the '@'. */
export interface MentionQuery {
  readonly start: number;
  readonly query: string;
}

/** Longer than any name worth completing: past this the '@' is taken as plain text. */
const MAX_QUERY = 40;
/** How many matches the list shows. */
export const MAX_MATCHES = 8;

/**
 * The mention being typed at `caret`: an '@' at the start or after a space, bracket or quote (not
 * inside a word, so `name@example.com` opens nothing), then no whitespace up to the caret.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | undefined {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || caret - at - 1 > MAX_QUERY) {
    return undefined;
  }
  const query = before.slice(at + 1);
  if (/\s/.test(query)) {
    return undefined;
  }
  const previous = at === 0 ? '' : before[at - 1];
  if (previous !== '' && !/[\s([{"'“‘（【「]/.test(previous)) {
    return undefined;
  }
  return { start: at, query };
}

/**
 * The candidates for `query`, best first: a name or user id that starts with it, then one with a word
 * that starts with it, then one that contains it (case-insensitive); members before "everyone".
 */
export function matchCandidates(candidates: readonly MentionCandidate[], query: string, limit = MAX_MATCHES): MentionCandidate[] {
  const q = query.toLocaleLowerCase();
  const rank = (c: MentionCandidate): number => {
    const name = c.name.toLocaleLowerCase();
    const id = c.userId.toLocaleLowerCase();
    const everyone = c.everyone ? 3 : 0;
    if (name.startsWith(q) || id.startsWith(q)) {
      return everyone;
    }
    if (name.split(/[\s._-]+/).some((word) => word.startsWith(q))) {
      return 1 + everyone;
    }
    if (name.includes(q) || id.includes(q)) {
      return 2 + everyone;
    }
    return -1;
  };
  return candidates
    .map((candidate, index) => ({ candidate, index, rank: rank(candidate) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

/**
 * The text with the "@query" at `mention` replaced by "@name", a space after it unless one or
 * punctuation already follows, and the caret after that.
 */
export function insertMention(text: string, mention: MentionQuery, name: string): { readonly text: string; readonly caret: number } {
  const rest = text.slice(mention.start + 1 + mention.query.length);
  const head = `${text.slice(0, mention.start)}@${name}`;
  if (/^\s/.test(rest)) {
    return { text: head + rest, caret: head.length + 1 };
  }
  const space = rest === '' || /^[\p{L}\p{N}_@]/u.test(rest) ? ' ' : '';
  return { text: head + space + rest, caret: head.length + space.length };
}

/**
 * The user ids of the picked members whose "@name" is still in the text, followed by the end, a space
 * or punctuation (so "@Bob" does not count inside "@Bobby"), without duplicates.
 */
export function mentionedIds(text: string, picked: readonly MentionCandidate[]): string[] {
  const ids: string[] = [];
  for (const candidate of picked) {
    if (ids.includes(candidate.userId)) {
      continue;
    }
    const token = `@${candidate.name}`;
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
      const next = text[at + token.length];
      if (next === undefined || !/[\p{L}\p{N}_]/u.test(next)) {
        ids.push(candidate.userId);
        break;
      }
    }
  }
  return ids;
}
