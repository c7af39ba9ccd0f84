/**
 * Does the receiver's file still hold the shared code? Compares the sent range of the file with the
 * snippet (line endings normalized); when the range differs but the same lines are elsewhere (code
 * above was added or removed), it still matches, at its new place. Pure.
 */
import type { SnippetStaleness } from '../../shared/chatModel';

export interface StalenessResult {
  readonly staleness: Exclude<SnippetStaleness, 'unknown'>;
  /** 1-based range of the code in the file now (`same`), or the sent range clamped to the file. */
  readonly startLine: number;
  readonly endLine: number;
}

export function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** A snippet's lines; one trailing newline (a selection ending at a line start) is not a line. */
export function snippetLines(code: string): string[] {
  const lines = splitLines(code);
  return lines.length > 1 && lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

function matchesAt(file: readonly string[], code: readonly string[], start: number): boolean {
  if (start < 0 || start + code.length > file.length) {
    return false;
  }
  for (let i = 0; i < code.length; i++) {
    if (file[start + i] !== code[i]) {
      return false;
    }
  }
  return true;
}

/** `fileText` undefined means the receiver has no such file. */
export function compareSnippet(code: string, startLine: number, endLine: number, fileText: string | undefined): StalenessResult {
  if (fileText === undefined) {
    return { staleness: 'missing', startLine, endLine };
  }
  const file = splitLines(fileText);
  const lines = snippetLines(code);
  const sentStart = startLine - 1;
  if (matchesAt(file, lines, sentStart)) {
    return { staleness: 'same', startLine, endLine: startLine + lines.length - 1 };
  }
  // Nearest other place holding the same lines (blank-only snippets match too often to move).
  if (lines.some((l) => l.trim() !== '')) {
    for (let distance = 1; distance <= file.length; distance++) {
      for (const start of [sentStart - distance, sentStart + distance]) {
        if (matchesAt(file, lines, start)) {
          return { staleness: 'same', startLine: start + 1, endLine: start + lines.length };
        }
      }
      if (sentStart - distance < 0 && sentStart + distance + lines.length > file.length) {
        break;
      }
    }
  }
  const last = Math.max(1, file.length);
  const clampedStart = Math.min(startLine, last);
  return { staleness: 'changed', startLine: clampedStart, endLine: Math.min(Math.max(endLine, clampedStart), last) };
}

/**
 * The file's text with the sent range replaced by the snippet: the left side of the diff view, so the
 * diff shows exactly how the receiver's lines differ from what was sent.
 */
export function fileWithSnippet(fileText: string, code: string, startLine: number, endLine: number): string {
  const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
  const file = splitLines(fileText);
  const start = Math.min(startLine - 1, file.length);
  const end = Math.min(endLine, file.length);
  return [...file.slice(0, start), ...snippetLines(code), ...file.slice(Math.max(end, start))].join(eol);
}
