/**
 * Safe Markdown, inline part: code spans, emphasis (**bold**, *italic*, ~~strike~~), links
 * ([text](url), <url> and bare http/https/mailto URLs), backslash escapes and line breaks. Anything
 * else, HTML included, stays text. Every scan is bounded so hostile input cannot make it quadratic.
 */
import type { MdInline } from './markdownTypes';
import { safeLinkTarget } from './safeLink';

const MAX_DEPTH = 6;
const MAX_LABEL = 1000;
const MAX_URL = 2048;
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const ALNUM = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

interface Match<T> {
  readonly node: T;
  readonly end: number;
}

function runLength(text: string, at: number, char: string): number {
  let end = at;
  while (text[end] === char) {
    end++;
  }
  return end - at;
}

/** Parses one paragraph's text (newlines become breaks). `inLink` forbids links inside link labels. */
export function parseInline(text: string, depth = 0, inLink = false): MdInline[] {
  return new InlineParser(text, depth, inLink).parse();
}

class InlineParser {
  private readonly out: MdInline[] = [];
  private buffer = '';
  /** Per delimiter: a position from which no closer exists, so a failed search is never repeated. */
  private readonly noCloserFrom = new Map<string, number>();
  /** '[' position to its matching ']' position, found in one pass when first needed. */
  private brackets: Map<number, number> | undefined;

  constructor(
    private readonly text: string,
    private readonly depth: number,
    private readonly inLink: boolean,
  ) {}

  parse(): MdInline[] {
    const { text } = this;
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length && ESCAPABLE.test(text[i + 1])) {
        this.buffer += text[i + 1];
        i += 2;
        continue;
      }
      if (c === '\n') {
        this.push({ type: 'br' });
        i++;
        continue;
      }
      const match = this.tryAt(i, c);
      if (match) {
        this.push(match.node);
        i = match.end;
        continue;
      }
      // A delimiter run that opened nothing is literal text as a whole, so its tail is not retried.
      const run = c === '`' || c === '*' || c === '_' || c === '~' ? runLength(text, i, c) : 1;
      this.buffer += text.slice(i, i + run);
      i += run;
    }
    this.flush();
    return this.out;
  }

  private tryAt(i: number, c: string): Match<MdInline> | undefined {
    switch (c) {
      case '`':
        return this.codeSpan(i);
      case '*':
      case '_':
      case '~':
        return this.depth < MAX_DEPTH ? this.emphasis(i, c) : undefined;
      case '[':
        return this.inLink || this.depth >= MAX_DEPTH ? undefined : this.link(i);
      case '<':
        return this.inLink ? undefined : this.autolink(i);
      case 'h':
      case 'H':
      case 'm':
      case 'M':
        return this.inLink ? undefined : this.bareUrl(i);
      case 'v':
      case 'c':
        // TIM Chat's links, in the schemes of VS Code and its kin (vscode, vscode-insiders, vscodium,
        // code-oss, cursor): shared/chatLink.ts.
        return this.inLink ? undefined : this.bareUrl(i);
      default:
        return undefined;
    }
  }

  private push(node: MdInline): void {
    this.flush();
    this.out.push(node);
  }

  private flush(): void {
    if (this.buffer.length > 0) {
      this.out.push({ type: 'text', text: this.buffer });
      this.buffer = '';
    }
  }

  private codeSpan(i: number): Match<MdInline> | undefined {
    const { text } = this;
    const n = runLength(text, i, '`');
    const key = '`'.repeat(n);
    if ((this.noCloserFrom.get(key) ?? Infinity) <= i) {
      return undefined;
    }
    let j = text.indexOf('`', i + n);
    while (j !== -1) {
      const run = runLength(text, j, '`');
      if (run === n) {
        let content = text.slice(i + n, j).replace(/\n/g, ' ');
        if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim().length > 0) {
          content = content.slice(1, -1);
        }
        return { node: { type: 'code', text: content }, end: j + n };
      }
      j = text.indexOf('`', j + run);
    }
    this.noCloserFrom.set(key, i);
    return undefined;
  }

  private emphasis(i: number, c: string): Match<MdInline> | undefined {
    const { text } = this;
    const run = runLength(text, i, c);
    if (c === '~' && run !== 2) {
      return undefined;
    }
    const size = c === '~' ? 2 : Math.min(run, 3);
    if (run !== size) {
      return undefined;
    }
    const after = text[i + size];
    if (after === undefined || SPACE.test(after)) {
      return undefined;
    }
    if (c === '_' && i > 0 && ALNUM.test(text[i - 1])) {
      return undefined;
    }
    const close = this.findCloser(c, size, i + size + 1);
    if (close === undefined) {
      return undefined;
    }
    const children = parseInline(text.slice(i + size, close), this.depth + 1, this.inLink);
    let node: MdInline;
    if (c === '~') {
      node = { type: 'strike', children };
    } else if (size === 1) {
      node = { type: 'em', children };
    } else if (size === 2) {
      node = { type: 'strong', children };
    } else {
      node = { type: 'strong', children: [{ type: 'em', children }] };
    }
    return { node, end: close + size };
  }

  /** The start of the next run of exactly `size` delimiters that can close: not after a space, not intraword for `_`. */
  private findCloser(c: string, size: number, from: number): number | undefined {
    const { text } = this;
    const key = c.repeat(size);
    if ((this.noCloserFrom.get(key) ?? Infinity) <= from) {
      return undefined;
    }
    let j = text.indexOf(c, from);
    while (j !== -1) {
      const run = runLength(text, j, c);
      const before = text[j - 1];
      const next = text[j + run];
      const closes = run === size && before !== undefined && !SPACE.test(before) && !(c === '_' && next !== undefined && ALNUM.test(next));
      if (closes) {
        return j;
      }
      j = text.indexOf(c, j + run);
    }
    this.noCloserFrom.set(key, from);
    return undefined;
  }

  private link(i: number): Match<MdInline> | undefined {
    const { text } = this;
    const j = this.closingBracket(i);
    if (j === undefined || j - i > MAX_LABEL || text[j + 1] !== '(') {
      return undefined;
    }
    const destination = this.destination(j + 2);
    if (!destination) {
      return undefined;
    }
    const href = safeLinkTarget(destination.url);
    const label = text.slice(i + 1, j);
    if (!href) {
      // Not an allowed target: show the source as typed, so nothing is hidden behind a label.
      return { node: { type: 'text', text: text.slice(i, destination.end) }, end: destination.end };
    }
    const children = label.length > 0 ? parseInline(label, this.depth + 1, true) : [{ type: 'text' as const, text: href }];
    return { node: { type: 'link', href, children }, end: destination.end };
  }

  private closingBracket(open: number): number | undefined {
    if (!this.brackets) {
      this.brackets = new Map();
      const stack: number[] = [];
      const { text } = this;
      for (let k = 0; k < text.length; k++) {
        const ch = text[k];
        if (ch === '\\') {
          k++;
        } else if (ch === '[') {
          stack.push(k);
        } else if (ch === ']') {
          const start = stack.pop();
          if (start !== undefined) {
            this.brackets.set(start, k);
          }
        }
      }
    }
    return this.brackets.get(open);
  }

  /** `(url)`, `(<url>)` or `(url "title")` starting after the `(`; the title is dropped. */
  private destination(start: number): { url: string; end: number } | undefined {
    const { text } = this;
    let j = start;
    while (text[j] === ' ') {
      j++;
    }
    let url: string;
    if (text[j] === '<') {
      const close = text.indexOf('>', j);
      if (close === -1 || close - j > MAX_URL || text.slice(j, close).includes('\n')) {
        return undefined;
      }
      url = text.slice(j + 1, close);
      j = close + 1;
    } else {
      const begin = j;
      let parens = 0;
      for (; j < text.length && j - begin <= MAX_URL; j++) {
        const ch = text[j];
        if (SPACE.test(ch)) {
          break;
        }
        if (ch === '\\' && ESCAPABLE.test(text[j + 1] ?? '')) {
          j++;
        } else if (ch === '(') {
          parens++;
        } else if (ch === ')') {
          if (parens === 0) {
            break;
          }
          parens--;
        }
      }
      url = text.slice(begin, j).replace(/\\([!-/:-@[-`{-~])/g, '$1');
    }
    while (text[j] === ' ') {
      j++;
    }
    const quote = text[j];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, j + 1);
      if (close === -1 || close - j > MAX_LABEL) {
        return undefined;
      }
      j = close + 1;
      while (text[j] === ' ') {
        j++;
      }
    }
    return text[j] === ')' ? { url, end: j + 1 } : undefined;
  }

  private autolink(i: number): Match<MdInline> | undefined {
    const { text } = this;
    const close = text.indexOf('>', i + 1);
    if (close === -1 || close - i > MAX_URL) {
      return undefined;
    }
    const raw = text.slice(i + 1, close);
    if (/[\s<]/.test(raw) || !/^(https?|mailto):/i.test(raw)) {
      return undefined;
    }
    const href = safeLinkTarget(raw);
    return href ? { node: { type: 'link', href, children: [{ type: 'text', text: raw }] }, end: close + 1 } : undefined;
  }

  private bareUrl(i: number): Match<MdInline> | undefined {
    const { text } = this;
    if (i > 0 && (ALNUM.test(text[i - 1]) || text[i - 1] === '/' || text[i - 1] === '@')) {
      return undefined;
    }
    const head = text.slice(i, i + 8).toLowerCase();
    if (!head.startsWith('http://') && !head.startsWith('https://') && !head.startsWith('mailto:') && !chatLinkStartsAt(text, i)) {
      return undefined;
    }
    let end = i;
    while (end < text.length && end - i < MAX_URL && !/[\s<>"`]/.test(text[end])) {
      end++;
    }
    // Trailing punctuation belongs to the sentence, and a ')' only to the URL when it opened one.
    for (;;) {
      const last = text[end - 1];
      if (/[.,:;!?*_~'"]/.test(last)) {
        end--;
      } else if (last === ')' && countOf(text.slice(i, end), '(') < countOf(text.slice(i, end), ')')) {
        end--;
      } else {
        break;
      }
    }
    const raw = text.slice(i, end);
    const href = safeLinkTarget(raw);
    if (!href || raw.endsWith(':') || raw.endsWith('//')) {
      return undefined;
    }
    return { node: { type: 'link', href, children: [{ type: 'text', text: raw }] }, end };
  }
}

/** The start of a TIM Chat link (shared/chatLink.ts): an editor's scheme and TIM Chat's authority. */
const CHAT_LINK_START = /(?:vscode|vscode-insiders|vscodium|code-oss|cursor):\/\/timchat\.tim-chat\//y;

/** Whether a TIM Chat link starts at `i`: matched in place (sticky), as every word starting with c or v asks. */
function chatLinkStartsAt(text: string, i: number): boolean {
  CHAT_LINK_START.lastIndex = i;
  return CHAT_LINK_START.test(text);
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (const ch of text) {
    if (ch === char) {
      n++;
    }
  }
  return n;
}
