/**
 * The card a shared code snippet shows as in the chat: a header with the path and lines, a badge saying
 * whether the receiver's copy still matches, the highlighted code with line numbers, and the actions
 * Open at This Line, Copy, Insert at Cursor and Show Diff. Built with DOM calls only: message data goes
 * into text nodes and attribute values, never into HTML.
 */
import './snippetCard.css';
import type { SnippetStaleness, SnippetStatus, SnippetView } from '../../shared/chatModel';
import { tokenize } from './highlighter';
import { snippetTranslate, type SnippetTranslate } from './snippetStrings';

/** What the card's buttons do; the chat panel forwards each to the host (`snippet/*` requests). */
export interface SnippetCardActions {
  open(snippet: SnippetView): Promise<unknown> | void;
  copy(snippet: SnippetView): Promise<unknown> | void;
  insert(snippet: SnippetView): Promise<unknown> | void;
  diff(snippet: SnippetView): Promise<unknown> | void;
  /** Asks the host whether the receiver's copy matches; called when the card is built and on refresh. */
  status?(snippet: SnippetView): Promise<SnippetStatus>;
}

export interface SnippetCardOptions {
  readonly t?: SnippetTranslate;
  /** Lines shown in the card; the rest is one "more lines" note (the editor shows everything). */
  readonly maxLines?: number;
  /** tabIndex of the buttons: -1 when the list moves focus itself (roving focus). */
  readonly buttonTabIndex?: number;
  readonly document?: Document;
}

const DEFAULT_MAX_LINES = 200;

interface CardState {
  readonly snippet: SnippetView;
  readonly actions: SnippetCardActions;
  readonly t: SnippetTranslate;
  readonly badge: HTMLElement;
}

const cards = new WeakMap<Element, CardState>();

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function codicon(doc: Document, name: string): HTMLElement {
  const icon = el(doc, 'span', `codicon codicon-${name}`);
  icon.setAttribute('aria-hidden', 'true');
  return icon;
}

function linesLabel(t: SnippetTranslate, start: number, end: number): string {
  return start === end ? t('snippet.line', start) : t('snippet.lines', start, end);
}

/** The highlighted code: one element per line (line number, then token spans). */
function renderCode(doc: Document, snippet: SnippetView, maxLines: number, t: SnippetTranslate): HTMLElement {
  const pre = el(doc, 'pre', 'snippet-code');
  pre.setAttribute('tabindex', '0');
  const code = el(doc, 'code');
  const lines = snippet.code.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const shown = lines.slice(0, maxLines);
  let line = el(doc, 'span', 'snippet-line');
  let number = snippet.startLine;
  const startLine = (): void => {
    line = el(doc, 'span', 'snippet-line');
    const gutter = el(doc, 'span', 'snippet-ln', String(number++));
    gutter.setAttribute('aria-hidden', 'true');
    line.append(gutter);
    code.append(line);
  };
  startLine();
  for (const token of tokenize(shown.join('\n'), snippet.languageId)) {
    const parts = token.text.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) {
        line.append(doc.createTextNode('\n'));
        startLine();
      }
      if (part) {
        line.append(token.type === 'text' ? doc.createTextNode(part) : el(doc, 'span', `tok tok-${token.type}`, part));
      }
    });
  }
  pre.append(code);
  if (lines.length > shown.length) {
    pre.append(el(doc, 'span', 'snippet-more', t('snippet.moreLines', lines.length - shown.length)));
  }
  return pre;
}

function button(doc: Document, label: string, icon: string, action: string, tabIndex: number | undefined): HTMLButtonElement {
  const node = el(doc, 'button', 'snippet-action');
  node.type = 'button';
  node.setAttribute('data-snippet-action', action);
  if (tabIndex !== undefined) {
    node.tabIndex = tabIndex;
  }
  node.append(codicon(doc, icon), doc.createTextNode(label));
  return node;
}

/** Shows the host's answer in the card's badge. */
export function setSnippetStatus(card: Element, status: SnippetStatus | { staleness: SnippetStaleness }): void {
  const state = cards.get(card);
  if (!state) {
    return;
  }
  const { badge, t, snippet } = state;
  const full = status as Partial<SnippetStatus> & { staleness: SnippetStaleness };
  const where = full.localPath || snippet.path;
  let text: string;
  let title = '';
  switch (full.staleness) {
    case 'same': {
      const moved = full.startLine !== undefined && full.startLine !== snippet.startLine;
      text = moved ? t('snippet.moved', full.startLine ?? snippet.startLine, full.endLine ?? snippet.endLine) : t('snippet.same');
      title = t('snippet.sameTitle', where);
      break;
    }
    case 'changed':
      text = t('snippet.changed');
      title = t('snippet.changedTitle', where);
      break;
    case 'missing':
      text = t('snippet.missing');
      title = t('snippet.missingTitle', snippet.path);
      break;
    default:
      text = t('snippet.checking');
  }
  badge.className = `snippet-badge snippet-badge-${full.staleness}`;
  badge.textContent = text;
  badge.title = title;
  card.setAttribute('data-staleness', full.staleness);
}

function check(card: Element): void {
  const state = cards.get(card);
  if (!state?.actions.status) {
    return;
  }
  state.actions.status(state.snippet).then(
    (status) => setSnippetStatus(card, status),
    () => setSnippetStatus(card, { staleness: 'unknown' }),
  );
}

/** Asks again for the status of every card under `root` (after `snippet/filesChanged`). */
export function refreshSnippetCards(root: ParentNode): void {
  for (const card of Array.from(root.querySelectorAll('.snippet-card'))) {
    check(card);
  }
}

/** The card for one snippet; the caller puts it into the message row. */
export function renderSnippetCard(snippet: SnippetView, actions: SnippetCardActions, options: SnippetCardOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const t = options.t ?? snippetTranslate();
  const card = el(doc, 'div', 'snippet-card');
  card.setAttribute('role', 'group');
  card.setAttribute('aria-label', t('snippet.label', snippet.path, snippet.startLine, snippet.endLine));

  const header = el(doc, 'div', 'snippet-header');
  const pathText = el(doc, 'span', 'snippet-path', snippet.path);
  const origin = snippet.gitRemote ? t('snippet.from', snippet.gitRemote, snippet.gitCommit ? snippet.gitCommit.slice(0, 12) : '') : '';
  pathText.title = origin ? `${snippet.path}\n${origin.trim()}` : snippet.path;
  const badge = el(doc, 'span', 'snippet-badge snippet-badge-unknown', t('snippet.checking'));
  badge.setAttribute('role', 'status');
  header.append(codicon(doc, 'file-code'), pathText, el(doc, 'span', 'snippet-lines', linesLabel(t, snippet.startLine, snippet.endLine)), badge);

  const feedback = el(doc, 'span', 'snippet-feedback');
  feedback.setAttribute('aria-live', 'polite');
  const bar = el(doc, 'div', 'snippet-actions');
  const entries: Array<{ action: keyof Omit<SnippetCardActions, 'status'>; label: string; icon: string; done?: string }> = [
    { action: 'open', label: t('snippet.open'), icon: 'go-to-file' },
    { action: 'copy', label: t('snippet.copy'), icon: 'copy', done: t('snippet.copied') },
    { action: 'insert', label: t('snippet.insert'), icon: 'insert', done: t('snippet.inserted') },
    { action: 'diff', label: t('snippet.diff'), icon: 'diff' },
  ];
  for (const entry of entries) {
    const node = button(doc, entry.label, entry.icon, entry.action, options.buttonTabIndex);
    node.addEventListener('click', (event) => {
      event.stopPropagation();
      feedback.textContent = '';
      Promise.resolve(actions[entry.action](snippet)).then(
        () => {
          if (entry.done) {
            feedback.textContent = entry.done;
          }
        },
        (error: unknown) => {
          feedback.textContent = t('snippet.failed', entry.label, error instanceof Error ? error.message : String(error));
        },
      );
    });
    bar.append(node);
  }
  bar.append(feedback);

  card.append(header, renderCode(doc, snippet, options.maxLines ?? DEFAULT_MAX_LINES, t), bar);
  cards.set(card, { snippet, actions, t, badge });
  check(card);
  return card;
}
