/**
 * The snippet card's user-visible strings in English, keyed by a stable name. The host translates them
 * (src/extension/chat/panelStrings.ts) into the panel's `strings`; the card falls back to these.
 * Pure: no DOM, so the host may import it.
 */
import { format } from '../strings';

export const SNIPPET_STRINGS = {
  'snippet.label': 'Code from {0}, lines {1} to {2}',
  'snippet.lines': 'lines {0}–{1}',
  'snippet.line': 'line {0}',
  'snippet.from': '{0} at {1}',
  'snippet.open': 'Open at This Line',
  'snippet.copy': 'Copy',
  'snippet.copied': 'Copied',
  'snippet.insert': 'Insert at Cursor',
  'snippet.inserted': 'Inserted',
  'snippet.diff': 'Show Diff',
  'snippet.checking': 'Checking…',
  'snippet.same': 'Same as yours',
  'snippet.moved': 'Same as yours, now at lines {0}–{1}',
  'snippet.changed': 'Changed in your copy',
  'snippet.missing': 'Not in your workspace',
  'snippet.sameTitle': 'Your copy ({0}) has exactly these lines.',
  'snippet.changedTitle': 'Your copy ({0}) differs from what was sent: Show Diff compares them.',
  'snippet.missingTitle': 'No {0} in your workspace: Open at This Line shows the shared code read-only.',
  'snippet.moreLines': '… {0} more lines: Open at This Line shows them all',
  'snippet.failed': '{0} failed: {1}',
} as const;

export type SnippetStringKey = keyof typeof SNIPPET_STRINGS;

export type SnippetTranslate = (key: SnippetStringKey, ...args: ReadonlyArray<string | number>) => string;

/** English, or the host's translations when given, with `{n}` placeholders filled in. */
export function snippetTranslate(translations: Readonly<Record<string, string>> = {}): SnippetTranslate {
  return (key, ...args) => format(translations[key] || SNIPPET_STRINGS[key], args);
}
