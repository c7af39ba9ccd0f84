/**
 * An avatar without images: the sender's initials on a colour picked from the user id. The colours are
 * a fixed palette of theme variables (chart and terminal colours), so every theme, high contrast
 * included, supplies its own legible shades; chat.css maps `avatar-c<n>` to them.
 */

export const AVATAR_COLOURS = 8;

/** 1 or 2 upper-case characters: first and last word's first letters, or the first character of one word. */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s._\-@]+/u)
    .filter((w) => w.length > 0);
  if (words.length === 0) {
    return '?';
  }
  const first = firstGrapheme(words[0]);
  if (words.length === 1) {
    return first.toLocaleUpperCase();
  }
  return (first + firstGrapheme(words[words.length - 1])).toLocaleUpperCase();
}

let segmenter: Intl.Segmenter | undefined;

function firstGrapheme(word: string): string {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Segmenter) {
    segmenter ??= new Segmenter(undefined, { granularity: 'grapheme' });
    for (const { segment } of segmenter.segment(word)) {
      return segment;
    }
  }
  return Array.from(word)[0] ?? '?';
}

/** A stable palette index for an id (FNV-1a), the same on every machine and after every reload. */
export function colourIndexOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % AVATAR_COLOURS;
}
