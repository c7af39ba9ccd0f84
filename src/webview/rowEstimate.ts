/**
 * A row's height before it has been rendered, from its text and the list's width. Only a first guess:
 * the virtual list measures every row it renders and keeps the scroll anchored while guesses become
 * measurements. The constants follow chat.css.
 */
import type { ChatMessageView } from '../shared/chatModel';
import type { RowContext } from './dayGroups';

export const ROW_METRICS = {
  lineHeight: 20,
  charWidth: 7.2,
  codeLineHeight: 18,
  codeBlockPadding: 16,
  rowPadding: 4,
  headerExtra: 28,
  daySeparator: 36,
  unreadMarker: 28,
  gutter: 56,
  metaLine: 18,
  replyQuote: 42,
  reactions: 28,
} as const;

export function estimateRowHeight(message: ChatMessageView, context: RowContext, listWidth: number): number {
  const m = ROW_METRICS;
  const textWidth = Math.max(80, listWidth - m.gutter - 40);
  const charsPerLine = Math.max(10, Math.floor(textWidth / m.charWidth));
  let height = m.rowPadding;
  if (context.daySeparator) {
    height += m.daySeparator;
  }
  if (context.unreadMarker) {
    height += m.unreadMarker;
  }
  if (context.showHeader) {
    height += m.headerExtra;
  }
  if (message.status === 'revoked') {
    return height + m.lineHeight;
  }
  if (message.replyTo) {
    height += m.replyQuote;
  }
  for (const element of message.elements) {
    if (element.kind === 'text') {
      height += estimateText(element.text, charsPerLine);
    } else if (element.kind === 'custom' && element.snippet) {
      // The snippet card: header, up to 200 code lines, the actions bar.
      height += 90 + m.codeLineHeight * Math.min(200, element.snippet.code.split('\n').length);
    } else if (element.kind === 'merger') {
      height += m.lineHeight * (1 + Math.min(4, element.abstracts.length)) + 8;
    } else {
      height += m.lineHeight + 8;
    }
  }
  if (message.reactions && message.reactions.length > 0) {
    height += m.reactions;
  }
  if ((message.isSelf && message.status !== 'sent') || message.pinned || message.readReceipt) {
    height += m.metaLine;
  }
  return Math.round(height);
}

function estimateText(text: string, charsPerLine: number): number {
  const m = ROW_METRICS;
  let height = 0;
  let inCode = false;
  for (const line of text.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) {
      inCode = !inCode;
      height += inCode ? m.codeBlockPadding : 0;
      continue;
    }
    height += inCode ? m.codeLineHeight : m.lineHeight * Math.max(1, Math.ceil(line.length / charsPerLine));
  }
  return height;
}
