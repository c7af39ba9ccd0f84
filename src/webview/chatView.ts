/**
 * The chat panel's layout: header, the message list (an ARIA log) with its top status and "Jump to
 * latest" button, an error line, the host status line and the composer; plus the shared actions menu.
 * Only structure and small setters live here; behaviour is wired by chatController.ts.
 */
import { attrs, codicon, el } from './dom';
import type { Translate } from './strings';

export interface ChatView {
  readonly root: HTMLElement;
  readonly title: HTMLElement;
  readonly scroller: HTMLElement;
  readonly content: HTMLElement;
  readonly announcer: HTMLElement;
  readonly topStatus: HTMLElement;
  readonly jumpLatest: HTMLElement;
  readonly errorLine: HTMLElement;
  readonly hostStatus: HTMLElement;
  readonly composerForm: HTMLFormElement;
  readonly composerNotice: HTMLElement;
  readonly input: HTMLElementTagNameMap['vscode-textarea'];
  readonly send: HTMLElementTagNameMap['vscode-button'];
  readonly menu: HTMLElementTagNameMap['vscode-context-menu'];
  readonly insertEmoji: HTMLElementTagNameMap['vscode-button'];
  readonly attachFile: HTMLElementTagNameMap['vscode-button'];
  readonly attachImage: HTMLElementTagNameMap['vscode-button'];
  readonly selectionBar: HTMLElement;
  readonly selectionCount: HTMLElement;
  readonly selectionForward: HTMLElementTagNameMap['vscode-button'];
  readonly selectionDelete: HTMLElementTagNameMap['vscode-button'];
  readonly selectionClear: HTMLElementTagNameMap['vscode-button'];
  setTitle(title: string): void;
  /** The line under the title (one line, the whole text on hover): a group's notice (megaphone) or a peer's status message (comment); empty hides it. */
  setNotice(text: string, kind?: 'notice' | 'status'): void;
  /** Beside a one-to-one chat's title: whether the peer is online (the word, and a dot when online); undefined hides it. */
  setPresence(presence: 'online' | 'offline' | undefined, label: string): void;
  /** Beside a one-to-one chat's title: that the user blocked the peer (label and its tooltip); empty hides it. */
  setBlocked(label: string, title: string): void;
  setStatus(text: string, kind: 'ok' | 'error'): void;
  /** A short error line with an optional action button; empty text hides it. */
  setError(text: string, action?: { readonly label: string; readonly run: () => void }): void;
  setTopStatus(text: string, busy: boolean): void;
  applyStrings(t: Translate, peerName: string): void;
  /** Has the log's live region read out a line (a new message). */
  announce(text: string): void;
}

export function createChatView(root: HTMLElement, t: Translate): ChatView {
  const header = el('header', 'chat-header');
  const title = attrs(el('h1'), { id: 'chat-title' });
  const notice = attrs(el('div', 'chat-notice'), { id: 'chat-notice', hidden: '' });
  const noticeText = el('span', 'chat-notice-text');
  const noticeIcon = codicon('megaphone');
  notice.append(noticeIcon, noticeText);
  const presence = attrs(el('span', 'chat-presence'), { id: 'chat-presence', hidden: '' });
  const blocked = attrs(el('span', 'chat-blocked'), { id: 'chat-blocked', hidden: '' });
  const blockedText = el('span');
  blocked.append(codicon('circle-slash'), blockedText);
  const titleLine = el('div', 'chat-title-line');
  titleLine.append(title, presence, blocked);
  const titles = el('div', 'chat-titles');
  titles.append(titleLine, notice);
  header.append(codicon('comment-discussion'), titles);

  const wrap = el('div', 'list-wrap');
  const topStatus = attrs(el('div', 'list-top-status'), { id: 'list-top-status', 'aria-hidden': 'true' });
  const scroller = attrs(el('div'), { id: 'messages', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': t('list.label'), tabindex: '-1' });
  // Rows mount and unmount as the user scrolls (virtualization) and are rebuilt when a status changes:
  // that must not be read out, so the rows are not live; new messages are announced by `announcer`.
  const content = attrs(el('div', 'list-content'), { 'aria-live': 'off' });
  const announcer = attrs(el('div', 'visually-hidden'), { id: 'announcer' });
  scroller.append(announcer, content);
  const jumpLatest = attrs(el('vscode-button'), { id: 'jump-latest', icon: 'arrow-down', secondary: '', hidden: '' });
  jumpLatest.textContent = t('list.jumpLatest');
  wrap.append(topStatus, scroller, jumpLatest);

  const errorLine = attrs(el('div', 'error-line'), { id: 'error-line', role: 'alert', hidden: '' });
  const hostStatus = attrs(el('div'), { id: 'host-status', role: 'status' }, );
  hostStatus.textContent = t('panel.connecting');

  const composerForm = el('form', 'composer');
  const composerNotice = attrs(el('div', 'composer-notice'), { id: 'composer-notice', hidden: '' });
  const input = attrs(el('vscode-textarea'), { id: 'composer-input', rows: '2', resize: 'none' });
  const send = attrs(el('vscode-button'), { id: 'composer-send', type: 'submit', icon: 'send' });
  const insertEmoji = attrs(el('vscode-button'), { id: 'composer-emoji', icon: 'smiley', secondary: '', type: 'button' });
  const attachFile = attrs(el('vscode-button'), { id: 'composer-attach-file', icon: 'attach', secondary: '', type: 'button' });
  const attachImage = attrs(el('vscode-button'), { id: 'composer-attach-image', icon: 'file-media', secondary: '', type: 'button' });
  const row = el('div', 'composer-row');
  // After the input, so Shift+Tab from the composer still goes straight to the message list.
  row.append(input, insertEmoji, attachFile, attachImage, send);
  composerForm.append(composerNotice, row);

  const selectionBar = attrs(el('div', 'selection-bar'), { id: 'selection-bar', role: 'toolbar', hidden: '' });
  const selectionCount = attrs(el('span', 'selection-count'), { id: 'selection-count', 'aria-live': 'polite' });
  const selectionButton = (id: string, icon: string): HTMLElementTagNameMap['vscode-button'] => attrs(el('vscode-button'), { id, icon, secondary: '' });
  const selectionForward = selectionButton('selection-forward', 'forward');
  const selectionDelete = selectionButton('selection-delete', 'trash');
  const selectionClear = selectionButton('selection-clear', 'close');
  selectionBar.append(selectionCount, selectionForward, selectionDelete, selectionClear);

  const menu = attrs(el('vscode-context-menu'), { id: 'message-menu' });

  root.append(header, wrap, errorLine, selectionBar, hostStatus, composerForm, menu);

  const view: ChatView = {
    root,
    title,
    scroller,
    content,
    announcer,
    topStatus,
    jumpLatest,
    errorLine,
    hostStatus,
    composerForm,
    composerNotice,
    input,
    send,
    menu,
    insertEmoji,
    attachFile,
    attachImage,
    selectionBar,
    selectionCount,
    selectionForward,
    selectionDelete,
    selectionClear,
    setTitle(text) {
      title.textContent = text;
      document.title = text;
    },
    setPresence(value, label) {
      presence.textContent = label;
      if (value === undefined) {
        delete presence.dataset.presence;
      } else {
        presence.dataset.presence = value;
      }
      presence.hidden = value === undefined;
    },
    setBlocked(label, tooltip) {
      blockedText.textContent = label;
      blocked.title = tooltip;
      blocked.hidden = label === '';
    },
    setNotice(text, kind = 'notice') {
      // Message data: set as text only. The list shows one line; the tooltip the whole notice.
      noticeText.textContent = text.replace(/\s+/g, ' ').trim();
      noticeIcon.className = `codicon codicon-${kind === 'status' ? 'comment' : 'megaphone'}`;
      notice.dataset.kind = kind;
      notice.title = text;
      notice.hidden = text.trim() === '';
    },
    setStatus(text, kind) {
      hostStatus.textContent = text;
      hostStatus.dataset.kind = kind;
    },
    setError(text, action) {
      errorLine.replaceChildren();
      if (!text) {
        errorLine.hidden = true;
        return;
      }
      errorLine.append(codicon('warning'), el('span', 'error-text', text));
      if (action) {
        const button = attrs(el('vscode-button'), { secondary: '', id: 'error-action' });
        button.textContent = action.label;
        button.addEventListener('click', action.run);
        errorLine.append(button);
      }
      errorLine.hidden = false;
    },
    setTopStatus(text, busy) {
      topStatus.replaceChildren();
      topStatus.hidden = text.length === 0;
      if (busy) {
        topStatus.append(codicon('loading', 'codicon-modifier-spin'));
      }
      topStatus.append(document.createTextNode(text));
      topStatus.dataset.busy = String(busy);
    },
    announce(text) {
      announcer.append(el('div', undefined, text));
      while (announcer.childElementCount > 5) {
        announcer.firstElementChild?.remove();
      }
    },
    applyStrings(translate, peerName) {
      scroller.setAttribute('aria-label', translate('list.label'));
      jumpLatest.textContent = translate('list.jumpLatest');
      input.setAttribute('aria-label', translate('composer.label'));
      input.placeholder = translate('composer.placeholder', peerName);
      send.textContent = translate('composer.send');
      send.setAttribute('aria-label', translate('composer.send'));
      for (const [button, key] of [[insertEmoji, 'composer.emoji'], [attachFile, 'composer.attachFile'], [attachImage, 'composer.attachImage']] as const) {
        button.setAttribute('aria-label', translate(key));
        button.title = translate(key);
      }
      selectionForward.textContent = translate('selection.forward');
      selectionDelete.textContent = translate('selection.delete');
      selectionClear.textContent = translate('selection.clear');
      selectionBar.setAttribute('aria-label', translate('selection.hint'));
    },
  };
  view.applyStrings(t, '');
  return view;
}
