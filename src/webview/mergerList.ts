/**
 * What an expanded merged message shows: its inner messages, each with its sender and time and its
 * content rendered as the chat renders its own (Markdown, code blocks with Copy, snippet cards). An
 * inner message that is itself merged gets its own Show/Hide Messages button and, once open, its own
 * list nested (indented) inside the item, recursively (issue 6). Each nested merger is named by its
 * path (the index of the inner message at each level): the path keys its expansion state and rides on
 * its button as `data-path`.
 */
import type { ChatMessageView } from '../shared/chatModel';
import { attrs, el, textButton } from './dom';
import { formatFullTime } from './format';
import type { Expansion } from './messageExtras';
import type { Translate } from './strings';

/** TIM nests mergers at most 100 layers deep; the host refuses longer paths anyway. */
const MAX_DEPTH = 100;

export interface MergerListContext {
  readonly t: Translate;
  readonly locale: string;
  /** The expansion state of the merger at `path` inside the row's message. */
  expansionOf(path: readonly number[]): Expansion | undefined;
  /**
   * An inner message's content, rendered as the chat renders its own messages (messageRow.ts); it is
   * message `index` of the list at `path`.
   */
  renderBody(inner: ChatMessageView, path: readonly number[], index: number): HTMLElement;
}

/** The Show/Hide Messages button of the merger at `path` ([] for the row's own message). */
export function mergerToggle(open: boolean, path: readonly number[], t: Translate): HTMLButtonElement {
  const toggle = textButton(open ? t('merger.collapse') : t('merger.expand'), 'expand', open ? 'chevron-up' : 'chevron-down');
  toggle.setAttribute('aria-expanded', String(open));
  if (path.length > 0) {
    toggle.dataset.path = path.join('.');
  }
  return toggle;
}

/** Reads a button's `data-path` back (a merger's toggle, an inner file's Download…); anything malformed is the row's own list. */
export function pathOfButton(button: HTMLElement): number[] {
  const raw = button.dataset.path;
  if (!raw) {
    return [];
  }
  const path = raw.split('.').map(Number);
  return path.every((i) => Number.isSafeInteger(i) && i >= 0) ? path : [];
}

/** The loading line, the error, or the list of the merger at `path`; nothing while closed. */
export function renderExpansion(expansion: Expansion | undefined, title: string, path: readonly number[], ctx: MergerListContext): HTMLElement | undefined {
  const { t } = ctx;
  switch (expansion?.state) {
    case 'loading':
      return el('div', 'element-detail', t('merger.loading'));
    case 'failed':
      return el('div', 'element-detail', t('merger.failed', expansion.error));
    case 'open':
      return renderList(expansion.messages, title, path, ctx);
    default:
      return undefined;
  }
}

function renderList(messages: readonly ChatMessageView[], title: string, path: readonly number[], ctx: MergerListContext): HTMLElement {
  const list = attrs(el('ol', 'merger-messages'), { 'aria-label': title });
  messages.forEach((inner, index) => {
    const item = el('li', 'merger-message');
    // "You" for the user's own messages, as the chat names them.
    const sender = inner.isSelf ? ctx.t('message.you') : inner.senderName || inner.sender;
    item.append(el('span', 'merger-sender', sender), el('time', 'merger-time', formatFullTime(inner.time, ctx.locale)));
    const body = ctx.renderBody(inner, path, index);
    item.append(body);
    const merger = inner.elements.find((e) => e.kind === 'merger');
    if (merger?.kind === 'merger' && inner.status !== 'revoked' && path.length + 1 < MAX_DEPTH) {
      const innerPath = [...path, index];
      const expansion = ctx.expansionOf(innerPath);
      // As at the top level: the list, then its Show/Hide Messages button, inside the merger's card.
      const card = body.querySelector<HTMLElement>('.element-merger') ?? item;
      const content = renderExpansion(expansion, merger.title, innerPath, ctx);
      if (content) {
        card.append(content);
      }
      const buttons = el('div', 'element-buttons');
      buttons.append(mergerToggle(expansion !== undefined, innerPath, ctx.t));
      card.append(buttons);
    }
    list.append(item);
  });
  return list;
}
