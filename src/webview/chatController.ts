/**
 * Wires the chat panel together: host notifications and requests (src/shared/protocol.ts) on one side;
 * the message store, virtual list, row renderer, focus, composer, menu and read reporting on the other.
 * Every failed request becomes a short line in the panel (and a host log entry), never a broken page.
 */
import type { ChatMessageView, ChatPanelInfo } from '../shared/chatModel';
import { ActionMenu } from './actionMenu';
import type { ChatView } from './chatView';
import { Composer } from './composer';
import { firstUnreadIdOf, rowContextOf, type RowContext } from './dayGroups';
import { askDelete } from './deleteDialog';
import { DraftKeeper } from './draftKeeper';
import { plainTextOf } from './elementText';
import type { HostChannel } from './hostChannel';
import { ListFocus } from './listFocus';
import { actionsFor, type MessageActionId } from './messageActions';
import { MessageRowRenderer } from './messageRow';
import { MessageStore, type Splice } from './messageStore';
import { ReadReporter } from './readReporter';
import { estimateRowHeight } from './rowEstimate';
import { createTranslate, type Translate } from './strings';
import { VirtualList } from './virtualList';
import type { VsCodeApi } from './vscodeApi';

/** What the webview keeps across reloads; `conversationId` is what the host's serializer reads. */
export interface WebviewState {
  readonly conversationId: string;
  readonly draft?: string;
}

export const PAGE_SIZE = 50;
const REVEAL_HIGHLIGHT_MS = 3000;
const REVEAL_MAX_PAGES = 40;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ChatController {
  private t: Translate = createTranslate();
  private info: ChatPanelInfo | undefined;
  private conversationId = '';
  private renderer: MessageRowRenderer;
  private generation = 0;
  private readonly store = new MessageStore();
  private readonly list: VirtualList;
  private readonly focus: ListFocus;
  private readonly menu: ActionMenu;
  private readonly composer: Composer;
  private readonly drafts: DraftKeeper;
  private readonly reads: ReadReporter;
  private unreadAtOpen: number | undefined;
  private firstUnreadId: string | undefined;
  private revealedId: string | undefined;
  private revealTimer: ReturnType<typeof setTimeout> | undefined;
  private loadingLatest = false;
  private loadingOlder = false;
  private pinged = false;
  private atBottom = true;

  constructor(
    private readonly view: ChatView,
    private readonly channel: HostChannel,
    private readonly api: VsCodeApi<WebviewState>,
  ) {
    this.conversationId = api.getState()?.conversationId ?? '';
    this.renderer = this.createRenderer('c2c', navigator.language);
    const store = this.store;
    this.list = new VirtualList(view.scroller, view.content, {
      get count(): number {
        return store.count;
      },
      keyOf: (i) => this.keyOf(i),
      render: (i) => this.renderRow(i),
      estimate: (i, width) => estimateRowHeight(this.messageAt(i), this.contextOf(i), width),
    }, {
      onNearTop: () => void this.loadOlder(),
      onViewChange: (state) => this.onViewChange(state.atBottom, state.distanceFromBottom),
    });
    this.focus = new ListFocus(this.list, this.store, {
      openActions: (id, anchor) => this.openMenu(id, anchor.getBoundingClientRect()),
      focusComposer: () => this.composer.focus(),
    });
    this.list.onDidRender = () => this.focus.apply();
    this.menu = new ActionMenu(view.menu);
    this.drafts = new DraftKeeper(
      (text) => this.channel.command('chat/saveDraft', { text }),
      (draft) => this.saveState(draft),
    );
    this.composer = new Composer(view, this.drafts, (text) => void this.send(text));
    this.reads = new ReadReporter(() => void this.markRead());
    this.wireDom();
    this.wireHost();
    this.publishCounts();
  }

  private createRenderer(conversationType: 'c2c' | 'group', locale: string): MessageRowRenderer {
    this.generation++;
    return new MessageRowRenderer({ t: this.t, locale, conversationType, now: () => Date.now() });
  }

  // ---- rows ----

  private messageAt(index: number): ChatMessageView {
    const message = this.store.at(index);
    if (!message) {
      throw new RangeError(`no message at ${index}`);
    }
    return message;
  }

  private contextOf(index: number): RowContext {
    return rowContextOf(this.store.at(index - 1), this.messageAt(index), this.firstUnreadId);
  }

  private keyOf(index: number): string {
    const m = this.messageAt(index);
    const c = this.contextOf(index);
    const flags = `${c.daySeparator ? 1 : 0}${c.unreadMarker ? 1 : 0}${c.showHeader ? 1 : 0}${m.id === this.revealedId ? 1 : 0}`;
    return `${m.id}\u0000${this.store.revisionOf(m.id)}\u0000${flags}\u0000${this.generation}`;
  }

  private renderRow(index: number): HTMLElement {
    const message = this.messageAt(index);
    return this.renderer.render(message, { ...this.contextOf(index), revealed: message.id === this.revealedId });
  }

  // ---- host ----

  private wireHost(): void {
    this.channel.on('app/state', (state) => {
      this.conversationId = state.conversationId;
      if (!this.info) {
        this.view.setTitle(state.title);
        this.setSignedIn(state.signedIn);
        this.view.applyStrings(this.t, state.title);
        this.restoreDraft('');
      }
      this.saveState(this.composer.value);
      this.afterHandshake();
    });
    this.channel.on('chat/info', (info) => this.applyInfo(info));
    this.channel.on('chat/messagesAdded', ({ messages }) => this.onAdded(messages));
    this.channel.on('chat/messageUpdated', ({ message }) => {
      if (this.store.update(message) !== undefined) {
        this.list.invalidate();
      }
    });
    this.channel.on('chat/messagesRemoved', ({ ids }) => this.applySplices(this.store.remove(ids)));
    this.channel.on('chat/reveal', ({ id }) => void this.reveal(id));
  }

  private applyInfo(info: ChatPanelInfo): void {
    const first = this.info === undefined;
    const wasSignedIn = this.info?.signedIn ?? false;
    this.info = info;
    this.conversationId = info.conversationId;
    this.t = createTranslate(info.strings);
    this.renderer = this.createRenderer(info.conversationType, info.locale || navigator.language);
    this.view.setTitle(info.title);
    this.view.applyStrings(this.t, info.title);
    this.setSignedIn(info.signedIn);
    if (first) {
      this.unreadAtOpen = info.unreadCount;
      if (info.unreadCount > 0) {
        this.reads.markUnseen();
      }
      this.drafts.knownToHost(info.draft);
      this.restoreDraft(info.draft);
      this.resolveUnreadMarker();
    }
    this.saveState(this.composer.value);
    this.list.invalidate();
    this.afterHandshake();
    if (!first && info.signedIn && !wasSignedIn) {
      void this.loadLatest();
    }
  }

  /** The first time the host speaks: check the round trip and load the newest page. */
  private afterHandshake(): void {
    if (!this.pinged) {
      this.pinged = true;
      void this.measureHostRoundTrip();
    }
    if (!this.store.loaded && !this.loadingLatest) {
      void this.loadLatest();
    }
  }

  private restoreDraft(hostDraft: string): void {
    if (this.composer.value.length > 0) {
      return;
    }
    const state = this.api.getState();
    const stateDraft = state && state.conversationId === this.conversationId ? state.draft : undefined;
    this.composer.value = DraftKeeper.initialDraft(hostDraft, stateDraft);
  }

  private saveState(draft: string): void {
    if (this.conversationId) {
      this.api.setState({ conversationId: this.conversationId, draft });
    }
  }

  private setSignedIn(signedIn: boolean): void {
    this.composer.setEnabled(signedIn, this.t('panel.signedOut'));
    document.body.dataset.signedIn = String(signedIn);
  }

  /** Shows whether the host answers, and how fast: the first thing to look at when the panel misbehaves. */
  private async measureHostRoundTrip(): Promise<void> {
    const started = performance.now();
    try {
      const answer = await this.channel.request('app/ping', { text: 'ping' });
      if (answer.echo !== 'ping') {
        throw new Error('the host answered with something else');
      }
      this.view.setStatus(this.t('panel.connected', Math.round(performance.now() - started)), 'ok');
    } catch (error: unknown) {
      this.view.setStatus(this.t('panel.hostUnreachable', messageOf(error)), 'error');
      this.log('error', `ping failed: ${messageOf(error)}`);
    }
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.channel.command('app/log', { level, message });
  }

  // ---- loading ----

  private async loadLatest(): Promise<void> {
    if (this.loadingLatest) {
      return;
    }
    this.loadingLatest = true;
    document.body.dataset.loadState = 'loading';
    if (this.store.count === 0) {
      this.view.setTopStatus(this.t('list.loading'), true);
    }
    try {
      const page = await this.channel.request('chat/loadLatest', { count: PAGE_SIZE });
      this.store.reset(page);
      this.resolveUnreadMarker();
      this.list.reset();
      this.view.setError('');
      document.body.dataset.loadState = 'loaded';
    } catch (error: unknown) {
      document.body.dataset.loadState = 'error';
      this.view.setError(this.t('list.loadFailed', messageOf(error)), { label: this.t('list.retryLoad'), run: () => void this.loadLatest() });
      this.log('warn', `chat/loadLatest failed: ${messageOf(error)}`);
    } finally {
      this.loadingLatest = false;
      this.updateTopStatus();
      this.publishCounts();
    }
  }

  private async loadOlder(): Promise<boolean> {
    const oldest = this.store.oldest;
    if (this.loadingOlder || this.loadingLatest || !this.store.hasMoreBefore || !oldest) {
      return false;
    }
    this.loadingOlder = true;
    this.updateTopStatus();
    try {
      const page = await this.channel.request('chat/loadOlder', { beforeId: oldest.id, count: PAGE_SIZE });
      if (this.store.oldest?.id !== oldest.id) {
        return false;
      }
      const splice = this.store.prepend(page);
      if (splice.inserted === 0) {
        // A page with nothing new would be asked for again and again.
        this.store.hasMoreBefore = false;
      }
      this.resolveUnreadMarker();
      this.applySplices([splice]);
      return splice.inserted > 0;
    } catch (error: unknown) {
      this.view.setError(this.t('list.loadFailed', messageOf(error)), { label: this.t('list.retryLoad'), run: () => {
        this.view.setError('');
        void this.loadOlder();
      } });
      this.log('warn', `chat/loadOlder failed: ${messageOf(error)}`);
      return false;
    } finally {
      this.loadingOlder = false;
      this.updateTopStatus();
      this.publishCounts();
    }
  }

  private updateTopStatus(): void {
    if (this.loadingOlder) {
      this.view.setTopStatus(this.t('list.loadingOlder'), true);
    } else if (this.loadingLatest && this.store.count === 0) {
      this.view.setTopStatus(this.t('list.loading'), true);
    } else if (this.store.loaded && this.store.count === 0) {
      this.view.setTopStatus(this.t('list.empty'), false);
    } else if (this.store.loaded && !this.store.hasMoreBefore && this.list.renderedRange.start === 0 && this.view.scroller.scrollTop < 8) {
      this.view.setTopStatus(this.t('list.start'), false);
    } else {
      this.view.setTopStatus('', false);
    }
  }

  private resolveUnreadMarker(): void {
    if (this.firstUnreadId === undefined && this.unreadAtOpen !== undefined && this.store.loaded) {
      this.firstUnreadId = firstUnreadIdOf(this.store.messages, this.unreadAtOpen);
      if (this.firstUnreadId === undefined && !this.store.hasMoreBefore && this.unreadAtOpen > 0) {
        this.firstUnreadId = this.store.oldest?.id;
      }
    }
  }

  private applySplices(splices: readonly Splice[]): void {
    for (const splice of splices) {
      this.list.splice(splice);
    }
    this.publishCounts();
  }

  private onAdded(messages: readonly ChatMessageView[]): void {
    if (!this.store.loaded) {
      return;
    }
    const seen = this.atBottom && this.pageHasFocus();
    const { splices, updated } = this.store.add(messages);
    const fromOthers = messages.filter((m) => !m.isSelf && updated.every((i) => this.store.at(i)?.id !== m.id));
    if (fromOthers.length > 0) {
      this.reads.markUnseen();
      if (!seen && this.firstUnreadId === undefined) {
        this.firstUnreadId = fromOthers[0].id;
      }
    }
    this.applySplices(splices);
    if (updated.length > 0) {
      this.list.invalidate();
    }
    this.reads.update(this.atBottom, this.pageHasFocus());
  }

  private async reveal(id: string): Promise<void> {
    for (let page = 0; this.store.indexOf(id) === undefined && page < REVEAL_MAX_PAGES; page++) {
      if (!(await this.loadOlder())) {
        break;
      }
    }
    const index = this.store.indexOf(id);
    if (index === undefined) {
      return;
    }
    this.revealedId = id;
    clearTimeout(this.revealTimer);
    this.revealTimer = setTimeout(() => {
      this.revealedId = undefined;
      this.list.invalidate();
    }, REVEAL_HIGHLIGHT_MS);
    this.list.scrollToIndex(index, 'center');
  }

  private async jumpToLatest(): Promise<void> {
    this.list.scrollToBottom();
    this.composer.focus();
    await this.loadLatest();
  }

  // ---- view state ----

  private pageHasFocus(): boolean {
    return document.visibilityState === 'visible' && document.hasFocus();
  }

  private onViewChange(atBottom: boolean, distanceFromBottom: number): void {
    this.atBottom = atBottom;
    this.view.jumpLatest.hidden = distanceFromBottom < Math.max(120, this.view.scroller.clientHeight / 2);
    this.reads.update(atBottom && this.store.loaded, this.pageHasFocus());
    this.updateTopStatus();
    this.publishCounts();
  }

  /** For UI tests and benchmarks: what the list holds and how much of it is in the DOM. */
  private publishCounts(): void {
    const data = document.body.dataset;
    data.renderedRows = String(this.list.renderedCount);
    data.listNodes = String(this.view.scroller.getElementsByTagName('*').length);
    data.loadedMessages = String(this.store.count);
    data.hasMoreBefore = String(this.store.hasMoreBefore);
    data.atBottom = String(this.atBottom);
  }

  // ---- actions ----

  private async send(text: string): Promise<void> {
    try {
      const message = await this.channel.request('chat/sendText', { text });
      this.view.setError('');
      this.applySplices(this.store.add([message]).splices);
      this.list.scrollToBottom();
    } catch (error: unknown) {
      if (this.composer.value.length === 0) {
        this.composer.value = text;
        this.drafts.changed(text);
      }
      this.view.setError(this.t('composer.sendFailed', messageOf(error)));
      this.log('warn', `chat/sendText failed: ${messageOf(error)}`);
    }
  }

  private async markRead(): Promise<void> {
    try {
      await this.channel.request('chat/markRead', {});
    } catch (error: unknown) {
      this.log('warn', `chat/markRead failed: ${messageOf(error)}`);
    }
  }

  private openMenu(id: string, at: { readonly left: number; readonly bottom: number }): void {
    const index = this.store.indexOf(id);
    const message = index === undefined ? undefined : this.store.at(index);
    const row = index === undefined ? undefined : this.list.elementAt(index)?.querySelector<HTMLElement>('.message');
    if (!message || !row) {
      return;
    }
    const links = this.renderer.linksOf(message);
    const t = this.t;
    const actions = actionsFor(message, Date.now(), links, {
      retry: t('action.retry'),
      cancel: t('action.cancel'),
      revoke: t('action.revoke'),
      delete: t('action.delete'),
      copy: t('action.copy'),
      link: (url) => t('message.linkTitle', url),
    }, message.elements.some((e) => e.kind === 'text'));
    this.menu.open(actions, { x: at.left, y: at.bottom }, row, (action) => void this.perform(message.id, action, links));
  }

  private async perform(id: string, action: MessageActionId, links: readonly string[] = []): Promise<void> {
    const message = this.store.at(this.store.indexOf(id) ?? -1);
    if (!message) {
      return;
    }
    const labelOf: Record<string, string> = { retry: this.t('action.retry'), cancel: this.t('action.cancel'), revoke: this.t('action.revoke'), delete: this.t('action.delete'), copy: this.t('action.copy') };
    try {
      if (action.startsWith('link:')) {
        const url = links[Number(action.slice(5))];
        if (url) {
          this.channel.command('chat/openLink', { url });
        }
        return;
      }
      switch (action) {
        case 'retry': {
          const updated = await this.channel.request('chat/retry', { id });
          if (this.store.update(updated) !== undefined) {
            this.list.invalidate();
          }
          return;
        }
        case 'cancel':
          await this.channel.request('chat/cancel', { id });
          return;
        case 'revoke': {
          const { revoked } = await this.channel.request('chat/revoke', { id });
          if (revoked && this.store.update({ ...message, status: 'revoked', revocableUntil: 0 }) !== undefined) {
            this.list.invalidate();
          }
          return;
        }
        case 'delete': {
          const choice = await askDelete(this.t);
          if (!choice) {
            return;
          }
          await this.channel.request('chat/delete', { ids: [id], everywhere: choice === 'everywhere' });
          this.applySplices(this.store.remove([id]));
          this.composer.focus();
          return;
        }
        case 'copy':
          await navigator.clipboard.writeText(plainTextOf(message.elements, this.t));
          return;
      }
    } catch (error: unknown) {
      this.view.setError(this.t('action.failed', labelOf[action] ?? action, messageOf(error)));
      this.log('warn', `${action} failed: ${messageOf(error)}`);
    }
  }

  // ---- DOM events ----

  private wireDom(): void {
    const { scroller } = this.view;
    scroller.addEventListener('click', (event) => {
      const target = event.target as HTMLElement;
      const link = target.closest<HTMLAnchorElement>('a.md-link');
      if (link) {
        event.preventDefault();
        const url = link.dataset.href;
        if (url) {
          this.channel.command('chat/openLink', { url });
        }
        return;
      }
      const button = target.closest<HTMLElement>('button[data-action]');
      const id = target.closest<HTMLElement>('.message')?.dataset.id;
      if (!button || !id) {
        return;
      }
      event.preventDefault();
      const action = button.dataset.action;
      if (action === 'menu') {
        this.openMenu(id, button.getBoundingClientRect());
      } else if (action === 'retry' || action === 'cancel') {
        void this.perform(id, action);
      }
    });
    // Middle click would open a link in a new webview window: never navigate.
    scroller.addEventListener('auxclick', (event) => {
      if ((event.target as HTMLElement).closest('a')) {
        event.preventDefault();
      }
    });
    scroller.addEventListener('contextmenu', (event) => {
      const message = (event.target as HTMLElement).closest<HTMLElement>('.message');
      if (message?.dataset.id) {
        event.preventDefault();
        this.openMenu(message.dataset.id, { left: event.clientX, bottom: event.clientY });
      }
    });
    this.view.jumpLatest.addEventListener('click', () => void this.jumpToLatest());
    const refreshReads = (): void => this.reads.update(this.atBottom && this.store.loaded, this.pageHasFocus());
    window.addEventListener('focus', refreshReads);
    window.addEventListener('blur', refreshReads);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') {
        this.drafts.flush();
      }
      refreshReads();
    });
    window.addEventListener('pagehide', () => this.drafts.flush());
  }
}
