/**
 * The code snippet message format: a custom element whose `custom_elem_data` is
 * `{"type":"timchat.codeSnippet","version":1,path,languageId,startLine,endLine,gitRemote?,gitCommit?,code}`,
 * preceded by a text element with a fenced code block so other TIM clients show something sensible.
 * Encoding keeps the message within TIM's 12 KB body limit; parsing treats the data as hostile and
 * returns a clean SnippetView or nothing. Pure (no vscode).
 */
import type { SnippetView } from '../../shared/chatModel';
import { TIMElemType } from '../../tim/enums';
import type { TimCustomElem, TimTextElem } from '../../tim/types/elements';

export const SNIPPET_TYPE = 'timchat.codeSnippet';
export const SNIPPET_VERSION = 1;
/** Marks the element for clients that look at the extension field only. */
export const SNIPPET_EXT = `${SNIPPET_TYPE}/${SNIPPET_VERSION}`;

/** TIM's limit on a message body, as the server measures it (the JSON of each element). */
export const MESSAGE_BODY_LIMIT = 12 * 1024;
/** Room left for what the server adds to the body (cloud custom data, its own framing). */
const BODY_MARGIN = 512;

const MAX_PATH_LENGTH = 1024;
const MAX_REMOTE_LENGTH = 2048;
const MAX_CODE_LENGTH = 64 * 1024;
const MAX_LINE = 100_000_000;

export class SnippetTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`the snippet takes ${bytes} bytes, more than a message may carry`);
    this.name = 'SnippetTooLargeError';
  }
}

/** The message a snippet is sent as: the readable text first, the structured element second. */
export interface SnippetMessage {
  readonly message_elem_array: readonly [TimTextElem, TimCustomElem];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A relative, `/`-separated path with no `..`, no absolute or drive prefix and no control characters. */
export function isSafeRelativePath(value: string): boolean {
  if (!value || value.length > MAX_PATH_LENGTH || CONTROL.test(value) || value.includes('\\')) {
    return false;
  }
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value) || value.startsWith('~')) {
    return false;
  }
  return value.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Makes a path from the sender's file system (any separators) into the message's form. */
export function toSnippetPath(relativePath: string): string {
  return relativePath.split(/[\\/]+/).filter((s) => s && s !== '.').join('/');
}

export function safeLanguageId(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.+#-]{0,63}$/.test(value) ? value : 'plaintext';
}

/**
 * Removes `user:password@` (or a lone `token@`) from URLs so a token in a remote never travels in a
 * message; ssh's `git@` is a login name, not a secret, and stays.
 */
export function stripRemoteCredentials(remote: string): string {
  return remote.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, (whole, scheme: string) => (/^ssh:\/\//i.test(scheme) ? whole : scheme));
}

function isSafeInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** Validates and copies the fields of a snippet; undefined when anything required is wrong. */
export function validateSnippet(value: unknown): SnippetView | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const raw = value as Record<string, unknown>;
  const { path, startLine, endLine, code } = raw;
  if (typeof path !== 'string' || !isSafeRelativePath(path)) {
    return undefined;
  }
  if (!isSafeInteger(startLine, 1, MAX_LINE) || !isSafeInteger(endLine, startLine, MAX_LINE)) {
    return undefined;
  }
  if (typeof code !== 'string' || code.length > MAX_CODE_LENGTH) {
    return undefined;
  }
  const snippet: { -readonly [K in keyof SnippetView]: SnippetView[K] } = { path, languageId: safeLanguageId(raw.languageId), startLine, endLine, code };
  if (typeof raw.gitRemote === 'string' && raw.gitRemote.length > 0 && raw.gitRemote.length <= MAX_REMOTE_LENGTH && !CONTROL.test(raw.gitRemote)) {
    snippet.gitRemote = stripRemoteCredentials(raw.gitRemote);
  }
  if (typeof raw.gitCommit === 'string' && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i.test(raw.gitCommit)) {
    snippet.gitCommit = raw.gitCommit.toLowerCase();
  }
  return snippet;
}

/** Parses `custom_elem_data`; undefined for anything that is not a valid version-1 snippet. */
export function parseSnippetData(data: unknown): SnippetView | undefined {
  if (typeof data !== 'string' || data.length > MAX_CODE_LENGTH * 8 || !data.trimStart().startsWith('{')) {
    return undefined;
  }
  let parsed: unknown;
  try {
    // Our own payload, with no uint64 in it: plain JSON.parse is right here.
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return undefined;
  }
  const { type, version } = parsed as { type?: unknown; version?: unknown };
  if (type !== SNIPPET_TYPE || version !== SNIPPET_VERSION) {
    return undefined;
  }
  return validateSnippet(parsed);
}

/** The snippet a message element carries, or undefined when it is not a snippet custom element. */
export function snippetOfElement(elem: { elem_type?: unknown; custom_elem_data?: unknown }): SnippetView | undefined {
  return elem.elem_type === TIMElemType.Custom ? parseSnippetData(elem.custom_elem_data) : undefined;
}

export function encodeSnippetData(snippet: SnippetView): string {
  const { path, languageId, startLine, endLine, gitRemote, gitCommit, code } = snippet;
  return JSON.stringify({
    type: SNIPPET_TYPE,
    version: SNIPPET_VERSION,
    path,
    languageId,
    startLine,
    endLine,
    ...(gitRemote ? { gitRemote: stripRemoteCredentials(gitRemote) } : {}),
    ...(gitCommit ? { gitCommit } : {}),
    code,
  });
}

/** "src/app.ts:10-24" (or ":10" for one line): the summary line and the fallback text's header. */
export function snippetHeader(snippet: Pick<SnippetView, 'path' | 'startLine' | 'endLine'>): string {
  const lines = snippet.startLine === snippet.endLine ? `${snippet.startLine}` : `${snippet.startLine}-${snippet.endLine}`;
  return `${snippet.path}:${lines}`;
}

/** A fence longer than any run of backticks in the code (CommonMark), so the code cannot close it. */
function fenceFor(code: string): string {
  let longest = 0;
  for (const run of code.matchAll(/`+/g)) {
    longest = Math.max(longest, run[0].length);
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The text element: the comment, then the header and the code in a fenced block. */
export function fallbackText(snippet: SnippetView, comment: string, code: string = snippet.code): string {
  const fence = fenceFor(code);
  const info = snippet.languageId === 'plaintext' ? '' : snippet.languageId;
  const block = `${snippetHeader(snippet)}\n${fence}${info}\n${code}\n${fence}`;
  const trimmed = comment.trim();
  return trimmed ? `${trimmed}\n\n${block}` : block;
}

/** What the server counts: the JSON of each element, in UTF-8 bytes. */
export function bodyBytes(elems: readonly object[]): number {
  return elems.reduce((sum, elem) => sum + Buffer.byteLength(JSON.stringify(elem), 'utf8'), 0);
}

function customElem(snippet: SnippetView): TimCustomElem {
  return { elem_type: TIMElemType.Custom, custom_elem_data: encodeSnippetData(snippet), custom_elem_desc: snippetHeader(snippet), custom_elem_ext: SNIPPET_EXT };
}

/**
 * The message for a snippet and an optional comment. When the code does not fit twice (structured and
 * as text), the text keeps only the first lines; when it does not fit once, SnippetTooLargeError.
 */
export function buildSnippetMessage(snippet: SnippetView, comment = '', limit = MESSAGE_BODY_LIMIT - BODY_MARGIN): SnippetMessage {
  const valid = validateSnippet(snippet);
  if (!valid) {
    throw new Error('invalid snippet');
  }
  const custom = customElem(valid);
  const text = (code: string): TimTextElem => ({ elem_type: TIMElemType.Text, text_elem_content: fallbackText(valid, comment, code) });
  let elems: [TimTextElem, TimCustomElem] = [text(valid.code), custom];
  if (bodyBytes(elems) <= limit) {
    return { message_elem_array: elems };
  }
  const lines = valid.code.split('\n');
  // Binary search for the longest prefix of lines that fits, with a note on what was left out.
  let low = 0;
  let high = lines.length - 1;
  let best: [TimTextElem, TimCustomElem] | undefined;
  while (low <= high) {
    const keep = Math.floor((low + high) / 2);
    const candidate: [TimTextElem, TimCustomElem] = [text(`${lines.slice(0, keep).join('\n')}\n… (${lines.length - keep} more lines)`), custom];
    if (bodyBytes(candidate) <= limit) {
      best = candidate;
      low = keep + 1;
    } else {
      high = keep - 1;
    }
  }
  if (!best) {
    throw new SnippetTooLargeError(bodyBytes([text(''), custom]));
  }
  elems = best;
  return { message_elem_array: elems };
}

/**
 * The comment of a message's fallback text (what the sender typed), or undefined when `text` is not
 * the fallback of `snippet`. The panel shows the comment and the card, not the code twice.
 */
export function commentOfFallback(text: string, snippet: SnippetView): string | undefined {
  const header = `${snippetHeader(snippet)}\n`;
  const at = text.lastIndexOf(header);
  if (at < 0 || !/^`{3,}/.test(text.slice(at + header.length))) {
    return undefined;
  }
  const before = text.slice(0, at);
  if (before !== '' && !before.endsWith('\n\n')) {
    return undefined;
  }
  return before.trim();
}
