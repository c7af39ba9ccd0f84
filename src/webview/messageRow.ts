/**
 * Builds the DOM of one list row: the day separator and unread marker that may precede the message,
 * then the message itself (avatar, sender, time, body, send status, read state, actions button).
 * Message data only ever reaches the DOM as text nodes and attribute values.
 */
import type { ChatElementView, ChatMessageView, ReplyQuoteView, SnippetView } from '../shared/chatModel';
import type { InnerMessageRef } from '../shared/protocol';
import { colourIndexOf, initialsOf } from './avatar';
import { dayLabelOf, isTip, type RowContext } from './dayGroups';
import { documentBuilder } from './domBuilder';
import { attrs, codicon, el, textButton } from './dom';
import { summarizeElement } from './elementText';
import type { MessageExtras } from './messageExtras';
import { formatClock } from '../shared/timeFormat';
import { formatFullTime } from './format';
import { mergerToggle, renderExpansion } from './mergerList';
import { parseMarkdown } from './markdownBlocks';
import { collectLinks, renderBlocks } from './markdownDom';
import type { MdBlock } from './markdownTypes';
import { renderReactions } from './reactionChips';
import { renderSnippetCard, type SnippetCardActions } from './snippet/snippetCard';
import { safeLinkTarget } from './safeLink';
import { snippetTranslate } from './snippet/snippetStrings';
import { renderThread } from './threadSummary';
import type { Translate } from './strings';

export interface RowOptions {
  readonly t: Translate;
  /** The panel's raw translations, for the snippet card's own strings. */
  readonly strings: Readonly<Record<string, string>>;
  readonly snippetActions: SnippetCardActions;
  readonly locale: string;
  readonly conversationType: 'c2c' | 'group';
  readonly now: () => number;
  /** Selection, upload progress, expanded merged messages and image URIs (absent in older tests). */
  readonly extras?: MessageExtras;
  /** Asks the host for an image's URI (`inner`: of a message inside the merged message `id`); the row is redrawn when it arrives. */
  readonly requestMedia?: (id: string, elemIndex: number, inner?: InnerMessageRef) => void;
}

export interface RowState extends RowContext {
  readonly revealed: boolean;
}

const PARSE_CACHE_LIMIT = 400;

export class MessageRowRenderer {
  private readonly builder = documentBuilder();
  /** Rows are rebuilt as they scroll in and out: parsing each text once is enough. */
  private readonly parsed = new Map<string, MdBlock[]>();

  private readonly snippetT: ReturnType<typeof snippetTranslate>;

  constructor(private readonly options: RowOptions) {
    this.snippetT = snippetTranslate(options.strings);
  }

  markdownOf(text: string): MdBlock[] {
    let blocks = this.parsed.get(text);
    if (!blocks) {
      blocks = parseMarkdown(text);
      if (this.parsed.size >= PARSE_CACHE_LIMIT) {
        const oldest = this.parsed.keys().next();
        if (!oldest.done) {
          this.parsed.delete(oldest.value);
        }
      }
      this.parsed.set(text, blocks);
    }
    return blocks;
  }

  linksOf(message: ChatMessageView): string[] {
    if (message.status === 'revoked') {
      return [];
    }
    return message.elements.flatMap((e) => {
      if (e.kind === 'text') {
        return collectLinks(this.markdownOf(e.text));
      }
      const href = e.kind === 'custom' && e.card?.link ? safeLinkTarget(e.card.link.url) : undefined;
      return href === undefined ? [] : [href];
    });
  }

  render(message: ChatMessageView, state: RowState): HTMLElement {
    const { t, locale } = this.options;
    const row = el('div', 'message-row');
    if (state.daySeparator) {
      const label = dayLabelOf(message.time, new Date(this.options.now()), locale, t('list.today'), t('list.yesterday'));
      const separator = attrs(el('div', 'day-separator'), { role: 'separator', 'aria-label': label });
      separator.append(el('span', 'day-label', label));
      row.append(separator);
    }
    if (state.unreadMarker) {
      const marker = attrs(el('div', 'unread-marker'), { role: 'separator', 'aria-label': t('list.unreadMarker') });
      marker.append(el('span', 'unread-label', t('list.unreadMarker')));
      row.append(marker);
    }
    row.append(this.renderMessage(message, state));
    return row;
  }

  private renderMessage(message: ChatMessageView, state: RowState): HTMLElement {
    const { t } = this.options;
    const tip = isTip(message) || message.status === 'revoked';
    const classes = ['message'];
    if (message.isSelf) {
      classes.push('self');
    }
    if (tip) {
      classes.push('tip');
    } else if (!state.showHeader) {
      classes.push('compact');
    }
    if (message.mentionsMe) {
      classes.push('mention');
    }
    if (state.revealed) {
      classes.push('revealed');
    }
    const selected = this.options.extras?.isSelected(message.id) === true;
    if (selected) {
      classes.push('selected');
    }
    const node = attrs(el('div', classes.join(' ')), { role: 'article', tabindex: '-1', 'data-id': message.id, 'data-status': message.status, 'data-sender': message.sender });
    const senderName = message.isSelf ? t('message.you') : message.senderName || message.sender;
    const flags = [selected ? t('message.selected') : '', message.starred ? t('message.starred') : '', message.pinned ? t('message.pinned') : ''].filter(Boolean);
    node.setAttribute('aria-label', [`${senderName}, ${formatFullTime(message.time, this.options.locale)}`, ...flags].join(', '));
    if (selected) {
      node.dataset.selected = 'true';
    }
    if (message.starred) {
      node.dataset.starred = 'true';
    }
    if (tip) {
      node.append(this.renderTip(message, senderName));
      return node;
    }
    if (state.showHeader) {
      const avatar = attrs(el('div', `avatar avatar-c${colourIndexOf(message.sender)}`, initialsOf(message.senderName || message.sender)), { 'aria-hidden': 'true', title: message.sender });
      node.append(avatar);
    } else {
      node.append(this.renderTime(message, 'gutter-time'));
    }
    const main = el('div', 'message-main');
    if (state.showHeader) {
      const header = el('div', 'message-header');
      // The name opens the sender's profile (so does the avatar, for the mouse: messageCommands.ts).
      const sender = attrs(el('button', 'sender', senderName), { type: 'button', 'data-action': 'profile', tabindex: '-1', title: t('message.profile', message.sender) });
      header.append(sender, this.renderTime(message, 'time'));
      if (message.mentionsMe) {
        const badge = el('span', 'mention-badge');
        badge.append(codicon('mention'), document.createTextNode(t('message.mentionsYou')));
        header.append(badge);
      }
      main.append(header);
    }
    if (message.replyTo) {
      main.append(this.renderQuote(message.replyTo));
    }
    main.append(this.renderBody(message));
    if (message.reactions && message.reactions.length > 0) {
      main.append(renderReactions(message.reactions, t));
    }
    if (message.thread && message.thread.length > 0) {
      main.append(renderThread(message.thread, this.options.extras?.threadOpen(message.id) === true, t, this.options.locale));
    }
    let meta = this.renderMeta(message);
    if (message.starred) {
      meta ??= el('div', 'message-meta');
      const star = attrs(el('span', 'star-badge'), { title: t('message.starred') });
      star.append(codicon('star-full'));
      meta.prepend(star);
    }
    if (message.pinned) {
      meta ??= el('div', 'message-meta');
      const pin = attrs(el('span', 'pin-badge'), { title: t('message.pinned') });
      pin.append(codicon('pinned'));
      meta.prepend(pin);
    }
    if (meta) {
      main.append(meta);
    }
    node.append(main);
    const more = attrs(el('button', 'message-more codicon codicon-ellipsis'), { type: 'button', 'aria-label': t('message.actions'), title: t('message.actions'), 'data-action': 'menu', tabindex: '-1' });
    node.append(more);
    return node;
  }

  /** What a reply quotes, as it quoted it; a click shows that message (messageCommands.ts). */
  private renderQuote(quote: ReplyQuoteView): HTMLElement {
    const { t } = this.options;
    const text = quote.text || '…';
    const button = attrs(el('button', 'reply-quote'), { type: 'button', 'data-action': 'quote', tabindex: '-1', 'aria-label': t('reply.quoteLabel', quote.sender, text) });
    button.append(el('span', 'reply-quote-sender', quote.sender), el('span', 'reply-quote-text', text));
    return button;
  }

  /**
   * The quote of a reply inside a forwarded chat history: shown, not a way to the quoted message, which
   * belongs to the chat the history came from (the user may never have been in it).
   */
  private renderStaticQuote(quote: ReplyQuoteView): HTMLElement {
    const box = el('div', 'reply-quote reply-quote-static');
    box.append(el('span', 'reply-quote-sender', quote.sender), el('span', 'reply-quote-text', quote.text || '…'));
    return box;
  }

  private renderTime(message: ChatMessageView, className: string): HTMLElement {
    const time = el('time', className, formatClock(message.time, this.options.locale));
    time.dateTime = new Date(message.time * 1000).toISOString();
    time.title = formatFullTime(message.time, this.options.locale);
    return time;
  }

  private renderTip(message: ChatMessageView, senderName: string): HTMLElement {
    const { t } = this.options;
    const body = el('div', 'tip-text');
    if (message.status === 'revoked') {
      body.append(codicon('discard'), document.createTextNode(message.isSelf ? t('message.revokedSelf') : t('message.revokedOther', senderName)));
    } else {
      const texts = message.elements.map((e) => (e.kind === 'groupTips' ? e.text : e.kind === 'custom' ? (e.card?.text ?? '') : '')).filter(Boolean);
      const first = message.elements[0];
      body.append(codicon(first?.kind === 'custom' && first.card ? first.card.icon : 'info'), document.createTextNode(texts.join(' ')));
    }
    return body;
  }

  /**
   * A Copy button on each fenced code block (shown on hover or focus, as on GitHub): selecting a block's
   * lines by hand is the fiddly part of taking code from a chat. The click is the list's (messageCommands).
   */
  private addCodeCopyButtons(text: HTMLElement): void {
    const label = this.options.t('code.copy');
    for (const pre of text.querySelectorAll<HTMLElement>('pre.md-pre')) {
      // Out of the Tab order until the list's roving focus makes its message the active one.
      const button = attrs(el('button', 'md-copy'), { type: 'button', 'data-action': 'copyCode', title: label, 'aria-label': label, tabindex: '-1' });
      button.append(codicon('copy'));
      // Beside the block, not in it: the block scrolls sideways under long lines, the button stays put.
      const wrap = el('div', 'md-pre-wrap');
      pre.replaceWith(wrap);
      wrap.append(pre, button);
    }
  }

  /** A text element as Markdown, with a Copy button on each code block. */
  private renderText(source: string): HTMLElement {
    const text = el('div', 'md');
    renderBlocks(this.builder, this.markdownOf(source), text);
    this.addCodeCopyButtons(text);
    return text;
  }

  /** Shared code as its card; buttons start out of the Tab order (the list's roving focus enables the active message's). */
  private renderSnippet(snippet: SnippetView): HTMLElement {
    return renderSnippetCard(snippet, this.options.snippetActions, { t: this.snippetT, buttonTabIndex: -1 });
  }

  /** Any other element as its icon, one line and details; undefined for elements that show nothing. */
  private renderSummary(element: ChatElementView): HTMLElement | undefined {
    const summary = summarizeElement(element, this.options.t);
    if (!summary) {
      return undefined;
    }
    const card = el('div', `element element-${element.kind}`);
    const line = el('div', 'element-line');
    line.append(codicon(summary.icon), el('span', 'element-text', summary.text));
    card.append(line);
    for (const detail of summary.details) {
      card.append(el('div', 'element-detail', detail));
    }
    if (element.kind === 'custom' && element.card?.link) {
      const link = this.renderCardLink(element.card.link);
      if (link) {
        card.append(link);
      }
    }
    return card;
  }

  /**
   * A card's link (a TUIKit link or order), checked as any link in a message and opened the same way
   * (the list's click handler sends `a.md-link` to the host); an unsafe target shows nothing.
   */
  private renderCardLink(link: { readonly url: string; readonly label: string }): HTMLElement | undefined {
    const href = safeLinkTarget(link.url);
    if (href === undefined) {
      return undefined;
    }
    const a = attrs(el('a', 'md-link card-link', link.label), { href, 'data-href': href, title: href, tabindex: '-1' });
    const line = el('div', 'element-detail');
    line.append(a);
    return line;
  }

  private renderBody(message: ChatMessageView): HTMLElement {
    const body = el('div', 'message-body');
    for (const element of message.elements) {
      if (element.kind === 'text') {
        body.append(this.renderText(element.text));
        continue;
      }
      if (element.kind === 'custom' && element.snippet) {
        body.append(this.renderSnippet(element.snippet));
        continue;
      }
      if (message.status !== 'revoked' && (element.kind === 'image' || element.kind === 'file' || element.kind === 'merger')) {
        body.append(this.renderTransferable(message, element));
        continue;
      }
      const card = this.renderSummary(element);
      if (card) {
        body.append(card);
      }
    }
    if (message.edited) {
      // After the text, on its last line when that is a paragraph (as chat apps show "(edited)").
      const mark = el('span', 'edited-mark', this.options.t('message.edited'));
      const last = body.lastElementChild?.lastElementChild;
      (last?.tagName === 'P' ? last : body).append(' ', mark);
    }
    return body;
  }

  /**
   * One message inside an expanded merged message (message `index` of the list at `path`), rendered as
   * the chat renders its own: text as Markdown (code blocks with Copy, links, emoji), shared code as its
   * card (Open at This Line works from here too: the card carries everything it needs), files and images
   * as their line with Download… (the host finds the element by `path` and `index`), anything else as
   * its summary line; images also show their thumbnail.
   */
  private renderInnerBody(id: string, inner: ChatMessageView, path: readonly number[], index: number): HTMLElement {
    const body = el('div', 'merger-body');
    if (inner.status === 'revoked') {
      const { t } = this.options;
      body.append(codicon('discard'), document.createTextNode(inner.isSelf ? t('message.revokedSelf') : t('message.revokedOther', inner.senderName || inner.sender)));
      return body;
    }
    if (inner.replyTo) {
      body.append(this.renderStaticQuote(inner.replyTo));
    }
    for (const element of inner.elements) {
      if (element.kind === 'text') {
        body.append(this.renderText(element.text));
      } else if (element.kind === 'custom' && element.snippet) {
        body.append(this.renderSnippet(element.snippet));
      } else {
        const card = this.renderSummary(element);
        if (card && element.kind === 'image') {
          card.append(this.renderThumbnail(id, element, { path, index }));
        }
        if (card && (element.kind === 'image' || element.kind === 'file')) {
          const download = textButton(this.options.t('media.download'), 'downloadInner', 'cloud-download');
          download.dataset.path = path.join('.');
          download.dataset.index = String(index);
          download.dataset.elem = String(element.elemIndex ?? 0);
          const buttons = el('div', 'element-buttons');
          buttons.append(download);
          card.append(buttons);
        }
        if (card) {
          body.append(card);
        }
      }
    }
    return body;
  }

  /**
   * An image's thumbnail once the host has its URI (asked once; the row is drawn again when it comes), a
   * placeholder until then; `inner` for an image inside the merged message `id`.
   */
  private renderThumbnail(id: string, element: Extract<ChatElementView, { kind: 'image' }>, inner?: InnerMessageRef): HTMLElement {
    const { t } = this.options;
    const index = element.elemIndex ?? 0;
    const media = this.options.extras?.mediaOf(id, index, inner);
    if (media?.state === 'ready') {
      const image = attrs(el('img', 'thumbnail'), { src: media.uri, alt: t('element.image', element.name), loading: 'lazy' });
      if (element.width > 0 && element.height > 0) {
        // Reserve the box before the image loads so the row's height does not jump (CSSOM, allowed by the CSP).
        image.width = element.width;
        image.height = element.height;
      }
      return image;
    }
    if (media?.state === 'failed') {
      return el('div', 'element-detail', t('media.failed'));
    }
    if (media === undefined) {
      // Rendering must stay synchronous: ask once, the row is drawn again when the URI arrives.
      queueMicrotask(() => this.options.requestMedia?.(id, index, inner));
    }
    return attrs(el('div', 'thumbnail-placeholder'), { 'aria-hidden': 'true' });
  }

  /** Images (a thumbnail once the host has it), files and merged messages, with their buttons. */
  private renderTransferable(message: ChatMessageView, element: Extract<ChatElementView, { kind: 'image' | 'file' | 'merger' }>): HTMLElement {
    const { t } = this.options;
    const summary = summarizeElement(element, t);
    const card = attrs(el('div', `element element-${element.kind}`), { 'data-elem': String(element.elemIndex ?? 0) });
    const line = el('div', 'element-line');
    line.append(codicon(summary?.icon ?? 'file'), el('span', 'element-text', summary?.text ?? ''));
    card.append(line);
    for (const detail of summary?.details ?? []) {
      card.append(el('div', 'element-detail', detail));
    }
    const index = element.elemIndex ?? 0;
    const uploaded = message.status === 'sent' || message.status === 'local';
    if (element.kind === 'image' && uploaded) {
      card.append(this.renderThumbnail(message.id, element));
    }
    const buttons = el('div', 'element-buttons');
    if ((element.kind === 'image' || element.kind === 'file') && uploaded) {
      const download = textButton(t('media.download'), 'download', 'cloud-download');
      download.dataset.elem = String(index);
      buttons.append(download);
    }
    if (element.kind === 'merger' && message.status !== 'sending') {
      const extras = this.options.extras;
      const expansion = extras?.expansionOf(message.id);
      buttons.append(mergerToggle(expansion !== undefined, [], t));
      const content = renderExpansion(expansion, element.title, [], {
        t,
        locale: this.options.locale,
        expansionOf: (path) => extras?.expansionOf(message.id, path),
        renderBody: (inner, path, index) => this.renderInnerBody(message.id, inner, path, index),
      });
      if (content) {
        card.append(content);
      }
    }
    if (buttons.childElementCount > 0) {
      card.append(buttons);
    }
    return card;
  }

  private renderMeta(message: ChatMessageView): HTMLElement | undefined {
    const { t } = this.options;
    const meta = el('div', 'message-meta');
    switch (message.status) {
      case 'sending': {
        const percent = this.options.extras?.progressOf(message.id);
        const label = percent === undefined ? t('message.sending') : t('message.uploading', percent);
        meta.append(codicon('loading', 'codicon-modifier-spin'), el('span', 'status-text', label));
        if (percent !== undefined) {
          const bar = attrs(el('progress', 'upload-progress'), { max: '100', value: String(percent), 'aria-label': label });
          meta.append(bar);
        }
        meta.append(textButton(t('action.cancel'), 'cancel'));
        return meta;
      }
      case 'failed':
        meta.classList.add('failed');
        // Message data (TIM's description of the failure): set as text only.
        meta.append(codicon('error'), el('span', 'status-text', message.failure ? t('message.failedBecause', message.failure) : t('message.failed')), textButton(t('action.retry'), 'retry', 'refresh'));
        return meta;
      case 'local':
        meta.append(codicon('device-desktop'), el('span', 'status-text', t('message.localOnly')));
        return meta;
      case 'sent':
        if (message.isSelf && message.readReceipt) {
          // A group message that asked who read it: how many did; a click lists them (chat/whoRead).
          const { read, unread } = message.readReceipt;
          const everyone = read > 0 && unread === 0;
          meta.classList.add('receipt');
          meta.dataset.read = String(everyone);
          const label = read === 0 ? t('receipt.none') : everyone ? t('receipt.everyone') : t('receipt.some', read, read + unread);
          const button = textButton(label, 'whoRead', read > 0 ? 'check-all' : 'check');
          button.title = t('action.whoRead');
          meta.append(button);
          return meta;
        }
        if (message.isSelf && this.options.conversationType === 'c2c') {
          meta.classList.add('receipt');
          const read = message.isPeerRead;
          meta.dataset.read = String(read);
          meta.append(codicon(read ? 'check-all' : 'check'), el('span', 'status-text', read ? t('message.read') : t('message.sent')));
          return meta;
        }
        return undefined;
      default:
        return undefined;
    }
  }
}
