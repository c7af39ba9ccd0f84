/**
 * Safe Markdown, block part: paragraphs (every newline is a line break, as people expect in chat),
 * fenced code blocks, bullet and numbered lists (nested by indentation), and block quotes. Produces the
 * node tree of markdownTypes.ts; there is no HTML block, so markup in a message is shown as text.
 */
import { parseInline } from './markdownInline';
import type { MdBlock } from './markdownTypes';

const MAX_DEPTH = 8;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])( {1,4}|\t|$)(.*)$/;

interface ListMarker {
  readonly ordered: boolean;
  readonly start: number;
  /** The bullet character, or the ordered delimiter: a different one starts a new list. */
  readonly symbol: string;
  readonly contentIndent: number;
  readonly content: string;
}

function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function expandTabs(line: string): string {
  return line.replace(/^\t+/, (tabs) => '    '.repeat(tabs.length));
}

function listMarker(line: string): ListMarker | undefined {
  const match = LIST_ITEM.exec(line);
  if (!match) {
    return undefined;
  }
  const [, indent, marker, gap, content] = match;
  // "-" alone, or "1." with nothing after it, only starts a list when followed by content later: keep it simple.
  if (content.trim().length === 0) {
    return undefined;
  }
  // A thematic break like "* * *" or "---" is not a list.
  if (/^[-*_](\s*[-*_]){2,}\s*$/.test(line.trim())) {
    return undefined;
  }
  const ordered = /\d/.test(marker);
  return {
    ordered,
    start: ordered ? Number.parseInt(marker, 10) : 1,
    symbol: ordered ? marker.slice(-1) : marker,
    contentIndent: indent.length + marker.length + (gap === '\t' ? 1 : gap.length),
    content,
  };
}

/** Parses a message's text into blocks. */
export function parseMarkdown(source: string): MdBlock[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n').map(expandTabs), 0);
}

function parseBlocks(lines: readonly string[], depth: number): MdBlock[] {
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  const flushParagraph = (): void => {
    if (paragraph.length > 0) {
      const text = paragraph.map((l) => l.trimStart()).join('\n').trimEnd();
      if (text.length > 0) {
        blocks.push({ type: 'paragraph', children: parseInline(text) });
      }
      paragraph = [];
    }
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      flushParagraph();
      i++;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      flushParagraph();
      i = parseFence(lines, i, fence[1], fence[2], blocks);
      continue;
    }
    if (depth < MAX_DEPTH && QUOTE.test(line)) {
      flushParagraph();
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) {
        quoted.push(lines[i].replace(QUOTE, ''));
        i++;
      }
      blocks.push({ type: 'quote', children: parseBlocks(quoted, depth + 1) });
      continue;
    }
    const marker = depth < MAX_DEPTH ? listMarker(line) : undefined;
    if (marker) {
      flushParagraph();
      i = parseList(lines, i, marker, depth, blocks);
      continue;
    }
    paragraph.push(line);
    i++;
  }
  flushParagraph();
  return blocks;
}

function parseFence(lines: readonly string[], start: number, fence: string, language: string, blocks: MdBlock[]): number {
  const indent = indentOf(lines[start]);
  const body: string[] = [];
  let i = start + 1;
  for (; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (indentOf(lines[i]) <= 3 && trimmed.length >= fence.length && trimmed === fence[0].repeat(trimmed.length)) {
      i++;
      break;
    }
    // Strip at most the opening fence's own indentation, as CommonMark does.
    body.push(lines[i].slice(Math.min(indent, indentOf(lines[i]))));
  }
  blocks.push({ type: 'codeBlock', language, text: body.join('\n') });
  return i;
}

function parseList(lines: readonly string[], start: number, first: ListMarker, depth: number, blocks: MdBlock[]): number {
  const items: MdBlock[][] = [];
  let i = start;
  while (i < lines.length) {
    const marker = listMarker(lines[i]);
    if (!marker || marker.ordered !== first.ordered || marker.symbol !== first.symbol) {
      break;
    }
    const itemLines = [marker.content];
    i++;
    while (i < lines.length) {
      const line = lines[i];
      if (isBlank(line)) {
        let next = i + 1;
        while (next < lines.length && isBlank(lines[next])) {
          next++;
        }
        if (next < lines.length && indentOf(lines[next]) >= marker.contentIndent) {
          itemLines.push(...lines.slice(i, next).map(() => ''));
          i = next;
          continue;
        }
        break;
      }
      if (indentOf(line) >= marker.contentIndent) {
        itemLines.push(line.slice(marker.contentIndent));
      } else if (listMarker(line) || FENCE_OPEN.test(line) || QUOTE.test(line)) {
        break;
      } else {
        // A lazy continuation line: part of the item's last paragraph.
        itemLines.push(line.trimStart());
      }
      i++;
    }
    items.push(parseBlocks(itemLines, depth + 1));
    // Blank lines between two items of the same list do not end it.
    let next = i;
    while (next < lines.length && isBlank(lines[next])) {
      next++;
    }
    const following = next < lines.length ? listMarker(lines[next]) : undefined;
    if (next > i && following && following.ordered === first.ordered && following.symbol === first.symbol) {
      i = next;
    }
  }
  blocks.push({ type: 'list', ordered: first.ordered, start: first.start, items });
  return i;
}
