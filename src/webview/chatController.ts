/**
 * Wires the chat panel together: host notifications and requests (src/shared/protocol.ts) on one side;
 * the message store, virtual list, row renderer, focus, composer, menu and read reporting on the other.
 * Every failed request becomes a short line in the panel (and a host log entry), never a broken page.
 */
import { clockText } from '../shared/timeFormat';
import { errorMessage } from '../shared/errorMessage';
import type { ChatMessageView, ChatPanelInfo, MentionCandidate } from '../shared/chatModel';
import { ActionMenu } from './actionMenu';
import type { ChatView } from './chatView';
import { Composer } from './composer';
import { ComposerTools } from './composerTools';
import { firstUnreadIdOf, rowContextOf, type RowContext } from './dayGroups';
import { DraftKeeper } from './draftKeeper';
import { plainTextOf } from './elementText';
import { HistoryLoader } from './historyLoader';
import type { HostChannel } from './hostChannel';
import { ListFocus } from './listFocus';
import { EmojiPanel } from './emojiPanel';
import { RecentEmoji } from './recentEmoji';
import { MessageCommands } from './messageCommands';
import { MessageExtras } from './messageExtras';
import { PanelActions } from './panelActions';
import { PinnedBar } from './pinnedBar';
import { MessageRowRenderer } from './messageRow';
import { MessageStore, type Splice } from './messageStore';
import { ReadReporter } from './readReporter';
import type { SnippetCardActions } from './snippet/snippetCard';
import { createSnippetActions } from './snippetActions';
import { estimateRowHeight } from './rowEstimate';
import { createTranslate, type Translate } from './strings';
import { UnreadBanner } from './unreadBanner';
import { VirtualList } from './virtualList';
import type { VsCodeApi } from './vscodeApi';

/** What the webview keeps across reloads; `conversationId` is the conversation key the host's serializer reads. */
export interface WebviewState {
  readonly conversationId: string;
  readonly draft?: string;
  /** The message the composer's text replies to, as the panel showed it. */
  readonly replyTo?: ChatMessageView;
  /** Members picked to @-mention in this panel (the draft's "@name"s are sent as mentions of them). */
  readonly mentions?: readonly MentionCandidate[];
  /** An edit of a sent message under way: the message and the composer's text (`draft` is the draft kept aside). */
  readonly edit?: { readonly message: ChatMessageView; readonly text: string };
}

const REVEAL_HIGHLIGHT_MS = 3000;
const REVEAL_MAX_PAGES = 40;

export class ChatController {
  private t: Translate = createTranslate();
  private info: ChatPanelInfo | undefined;
  /** The conversation key from app/state (`c2c_<id>` or `group_<id>`), kept in the webview state. */
  private conversationKey = '';
  private renderer: MessageRowRenderer;
  private generation = 0;
  private readonly store = new MessageStore();
  private readonly extras: MessageExtras;
  private readonly panelActions: PanelActions;
  private readonly list: VirtualList;
  private readonly focus: ListFocus;
  private readonly menu: ActionMenu;
  private readonly commands: MessageCommands;
  private readonly composer: Composer;
  private readonly tools: ComposerTools;
  private readonly drafts: DraftKeeper;
  private readonly reads: ReadReporter;
  private unreadAtOpen: number | undefined;
  private firstUnreadId: string | undefined;
  private revealedId: string | undefined;
  private revealTimer: ReturnType<typeof setTimeout> | undefined;
  /** Reopens the composer when the user's mute in the group ends. */
  private muteTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly history: HistoryLoader;
  private readonly unreadBanner: UnreadBanner;
  private readonly pinnedBar: PinnedBar;
  private readonly snippetActions: SnippetCardActions;
  private pinged = false;
  private atBottom = true;
  /** The composer holds the real draft (restored, or typed into). */
  private draftReady = false;
  /** The message the composer replies to (kept in the webview state). */
  private replyTarget: ChatMessageView | undefined;
  /** The members picked to mention (kept in the webview state). */
  private mentionsPicked: readonly MentionCandidate[] = [];

  /** The panel's display language: VS Code's, as chat/info gives it, else the browser's. */
  private get locale(): string {
    return this.info?.locale || navigator.language;
  }

  constructor(
    private readonly view: ChatView,
    private readonly channel: HostChannel,
    private readonly api: VsCodeApi<WebviewState>,
  ) {
    this.conversationKey = api.getState()?.conversationId ?? '';
    this.snippetActions = createSnippetActions(channel, view.content);
    this.extras = new MessageExtras(
      () => this.list?.invalidate(),
      (ids) => this.panelActions?.selectionChanged(ids),
    );
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
      onNearTop: () => void this.history.loadOlder(),
      onViewChange: (state) => this.onViewChange(state.atBottom, state.distanceFromBottom),
    });
    this.focus = new ListFocus(this.list, this.store, {
      openActions: (id, anchor) => this.commands.openMenu(id, anchor.getBoundingClientRect()),
      focusComposer: () => this.composer.focus(),
    });
    this.list.onDidRender = () => this.focus.apply();
    this.menu = new ActionMenu(view.menu);
    // One emoji panel for the composer (insert) and the reaction picker (react).
    const recentEmoji = new RecentEmoji(channel);
    const emojiPanel = new EmojiPanel(view.root, { panel: () => this.t('emoji.panel'), recent: () => this.t('emoji.recent'), search: () => this.t('emoji.search'), none: () => this.t('emoji.none') }, () => this.locale, recentEmoji);
    this.commands = new MessageCommands({
      channel,
      store: this.store,
      list: this.list,
      view,
      menu: this.menu,
      extras: this.extras,
      emojiPanel,
      t: () => this.t,
      renderer: () => this.renderer,
      applySplices: (splices) => this.applySplices(splices),
      focusComposer: () => this.composer.focus(),
      reply: (message) => this.tools.reply(message),
      edit: (message) => this.tools.edit(message),
      reveal: (id) => this.reveal(id),
      log: (level, message) => this.log(level, message),
    });
    this.drafts = new DraftKeeper(
      (text) => this.channel.command('chat/saveDraft', { text }),
      (draft) => this.saveState(draft),
    );
    this.history = new HistoryLoader({
      channel,
      store: this.store,
      list: this.list,
      view,
      t: () => this.t,
      log: (level, message) => this.log(level, message),
      onPage: () => this.resolveUnreadMarker(),
      applySplices: (splices) => this.applySplices(splices),
      publishCounts: () => this.publishCounts(),
    });
    this.unreadBanner = new UnreadBanner({
      scroller: view.scroller,
      t: () => this.t,
      loaded: () => this.store.loaded,
      unreadAtOpen: () => this.unreadAtOpen,
      firstUnreadId: () => this.firstUnreadId,
      loadOlder: (count) => this.history.loadOlder(count),
      loadingOlder: () => this.history.isLoadingOlder,
      scrollToTop: (id) => {
        const index = this.store.indexOf(id);
        if (index !== undefined) {
          this.list.scrollToIndex(index, 'start');
        }
      },
    });
    view.scroller.before(this.unreadBanner.element);
    this.pinnedBar = new PinnedBar({
      t: () => this.t,
      reveal: (id) => this.reveal(id),
      unpin: (id) => this.commands.setPinned(id, false),
      setError: (text) => this.view.setError(text),
    });
    view.scroller.parentElement?.before(this.pinnedBar.element);
    this.tools = new ComposerTools({
      view,
      channel,
      store: this.store,
      composer: () => this.composer,
      t: () => this.t,
      isGroup: () => this.info?.conversationType === 'group',
      locale: () => this.locale,
      emojiPanel,
      emojiUsed: (emoji) => recentEmoji.used(emoji),
      recentEmoji: () => recentEmoji.list,
      draftChanged: (text) => this.drafts.changed(text),
      updated: (message) => {
        if (this.store.update(message) !== undefined) {
          this.list.invalidate();
        }
      },
      replyChanged: (message) => {
        this.replyTarget = message;
        this.saveState();
      },
      mentionsChanged: (picked) => {
        this.mentionsPicked = picked;
        this.saveState();
      },
      editChanged: () => this.saveState(),
      setError: (text) => this.view.setError(text),
      log: (level, message) => this.log(level, message),
    });
    // While editing, the composer's text is the edit's (the draft waits aside): kept as it is typed, for a reload.
    this.composer = new Composer(view, this.drafts, (text) => void this.send(text), (event) => this.tools.handleKey(event), () => this.tools.isEditing, () => this.saveState());
    this.reads = new ReadReporter(() => void this.markRead());
    this.panelActions = new PanelActions({
      channel,
      store: this.store,
      list: this.list,
      view,
      extras: this.extras,
      t: () => this.t,
      log: (level, message) => this.log(level, message),
      applySplices: (splices) => this.applySplices(splices),
    });
    this.wireDom();
    this.wireHost();
    this.publishCounts();
  }

  private createRenderer(conversationType: 'c2c' | 'group', locale: string): MessageRowRenderer {
    this.generation++;
    return new MessageRowRenderer({
      t: this.t,
      strings: this.info?.strings ?? {},
      snippetActions: this.snippetActions,
      locale,
      conversationType,
      now: () => Date.now(),
      extras: this.extras,
      requestMedia: (id, elemIndex, inner) => void this.panelActions.loadMedia(id, elemIndex, inner),
    });
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
    return `${m.id}\u0000${this.store.revisionOf(m.id)}.${this.extras.revisionOf(m.id)}\u0000${flags}\u0000${this.generation}`;
  }

  private renderRow(index: number): HTMLElement {
    const message = this.messageAt(index);
    return this.renderer.render(message, { ...this.contextOf(index), revealed: message.id === this.revealedId });
  }

  // ---- host ----

  private wireHost(): void {
    this.channel.on('app/state', (state) => {
      this.conversationKey = state.conversationId;
      if (!this.info) {
        this.view.setTitle(state.title);
        this.setSignedIn(state.signedIn);
        this.view.applyStrings(this.t, state.title);
        // Without chat/info (yet) only the webview state's draft is known.
        const saved = this.savedDraft();
        if (saved && this.composer.value.length === 0) {
          this.composer.value = saved;
        }
      }
      this.saveState();
      this.afterHandshake();
    });
    this.channel.on('chat/info', (info) => this.applyInfo(info));
    this.channel.on('chat/messagesAdded', ({ messages }) => this.onAdded(messages));
    this.channel.on('chat/messageUpdated', ({ message, replacesId }) => {
      const splices = replacesId === undefined ? undefined : this.store.replaceId(replacesId, message);
      if (splices !== undefined) {
        this.applySplices(splices);
        this.list.invalidate();
      } else if (this.store.update(message) !== undefined) {
        this.list.invalidate();
      }
      if (message.status === 'revoked') {
        this.tools.forget([message.id]);
      }
    });
    this.channel.on('chat/messagesRemoved', ({ ids }) => {
      this.extras.forget(ids);
      this.tools.forget(ids);
      this.applySplices(this.store.remove(ids));
    });
    this.channel.on('chat/uploadProgress', ({ id, percent }) => this.extras.setProgress(id, percent));
    this.channel.on('chat/setSelection', ({ ids }) => this.extras.setSelection(ids));
    this.channel.on('chat/reload', () => void this.history.loadLatest());
    this.channel.on('chat/reveal', ({ id }) => void this.reveal(id));
    this.channel.on('chat/pinned', ({ messages, canPin }) => this.pinnedBar.update(messages, canPin));
  }

  private applyInfo(info: ChatPanelInfo): void {
    const first = this.info === undefined;
    const wasSignedIn = this.info?.signedIn ?? false;
    this.info = info;
    // Not info.conversationId: that is the bare id (its type beside it), while the webview state must
    // keep the key app/state gave ('group_dev'), which the serializer parses. A bare 'dev' would revive
    // a group's panel as a C2C chat with a user called 'dev'.
    this.t = createTranslate(info.strings);
    this.renderer = this.createRenderer(info.conversationType, info.locale || navigator.language);
    this.view.setTitle(info.title);
    if (info.conversationType === 'group') {
      this.view.setNotice(info.notice ?? '');
      this.view.setPresence(undefined, '');
      this.view.setBlocked('', '');
    } else {
      this.view.setNotice(info.peerStatus ?? '', 'status');
      const presence = info.peerPresence;
      this.view.setPresence(presence, presence === 'online' ? this.t('presence.online') : presence === 'offline' ? this.t('presence.offline') : '');
      this.view.setBlocked(info.peerBlocked ? this.t('peer.blocked') : '', info.peerBlocked ? this.t('peer.blockedTitle') : '');
    }
    this.view.applyStrings(this.t, info.title);
    this.pinnedBar.refresh();
    this.setSignedIn(info.signedIn, info.closed, info.muted);
    if (first) {
      this.unreadAtOpen = info.unreadCount;
      if (info.unreadCount > 0) {
        this.reads.markUnseen();
      }
      this.drafts.knownToHost(info.draft);
      if (info.signedIn && document.hasFocus() && !this.view.root.contains(document.activeElement)) {
        // Ready to type as soon as the panel opens; never taking focus from the editor when in the background.
        this.composer.focus();
      }
      if (!this.draftReady) {
        this.composer.value = DraftKeeper.initialDraft(info.draft, this.savedDraft());
        this.draftReady = true;
      }
      const savedMentions = this.savedState()?.mentions;
      if (Array.isArray(savedMentions) && this.mentionsPicked.length === 0) {
        this.mentionsPicked = savedMentions;
        this.tools.restoreMentions(savedMentions);
      }
      const savedEdit = this.savedState()?.edit;
      if (savedEdit && !this.tools.isEditing) {
        // The edit under way before a reload; the composer now holds the draft it had put aside.
        this.tools.restoreEdit(savedEdit.message, savedEdit.text);
      }
      const savedReply = this.savedState()?.replyTo;
      if (savedReply && this.replyTarget === undefined) {
        // The reply under way before a reload: the host finds the message again when it is sent.
        this.tools.restoreReply(savedReply);
      }
      this.resolveUnreadMarker();
    }
    this.saveState();
    this.list.invalidate();
    this.afterHandshake();
    if (!first && info.signedIn && !wasSignedIn) {
      void this.history.loadLatest();
    }
  }

  /** The first time the host speaks: check the round trip and load the newest page. */
  private afterHandshake(): void {
    if (!this.pinged) {
      this.pinged = true;
      void this.measureHostRoundTrip();
    }
    if (!this.store.loaded && !this.history.isLoadingLatest) {
      void this.history.loadLatest();
    }
  }

  /** The webview state kept for this conversation, if any. */
  private savedState(): WebviewState | undefined {
    const state = this.api.getState();
    return state && state.conversationId === this.conversationKey ? state : undefined;
  }

  /** The draft kept in the webview state for this conversation, if any. */
  private savedDraft(): string | undefined {
    return this.savedState()?.draft;
  }

  /**
   * Keeps the conversation id (the host's serializer reads it), the draft, and the reply, mentions and
   * edit under way in the webview state. Until the composer has its draft (from chat/info, or typing)
   * the state stays as it was.
   */
  private saveState(draft?: string): void {
    if (draft !== undefined) {
      this.draftReady = true;
    }
    if (!this.conversationKey) {
      return;
    }
    if (!this.draftReady) {
      this.api.setState({ ...this.savedState(), conversationId: this.conversationKey });
      return;
    }
    const editing = this.tools.editUnderWay;
    this.api.setState({
      conversationId: this.conversationKey,
      // While editing, the composer holds the edit's text: the draft is the one the edit put aside.
      draft: draft ?? editing?.draft ?? this.composer.value,
      ...(this.replyTarget === undefined ? {} : { replyTo: this.replyTarget }),
      ...(this.mentionsPicked.length === 0 ? {} : { mentions: this.mentionsPicked }),
      ...(editing === undefined ? {} : { edit: { message: editing.message, text: this.composer.value } }),
    });
  }

  /**
   * The composer takes messages while signed in to a conversation open to the user (see
   * ChatPanelInfo.closed) who may write in it now (ChatPanelInfo.muted: a mute reopens it at its end).
   */
  private setSignedIn(signedIn: boolean, closed?: ChatPanelInfo['closed'], muted?: ChatPanelInfo['muted']): void {
    clearTimeout(this.muteTimer);
    const mutedUntilMs = muted !== undefined && 'mutedUntil' in muted ? muted.mutedUntil * 1000 : 0;
    const stillMuted = mutedUntilMs > Date.now();
    const silenced = stillMuted || (muted !== undefined && 'onlyAdmins' in muted);
    const notice = !signedIn
      ? this.t('panel.signedOut')
      : closed === 'dismissed'
        ? this.t('panel.dismissed')
        : closed === 'notMember'
          ? this.t('panel.notMember')
          : stillMuted
            ? this.t('panel.muted', clockText(mutedUntilMs, this.locale))
            : this.t('panel.onlyAdmins');
    this.composer.setEnabled(signedIn && closed === undefined && !silenced, notice);
    document.body.dataset.signedIn = String(signedIn);
    if (signedIn && closed === undefined && stillMuted) {
      // The mute ends by the clock: the composer opens again then (timers cap at about 24.8 days).
      this.muteTimer = setTimeout(() => this.setSignedIn(signedIn, closed, muted), Math.min(mutedUntilMs - Date.now() + 250, 0x7fffffff));
    }
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
      this.view.setStatus(this.t('panel.hostUnreachable', errorMessage(error)), 'error');
      this.log('error', `ping failed: ${errorMessage(error)}`);
    }
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.channel.command('app/log', { level, message });
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
    for (const m of fromOthers.slice(-5)) {
      this.view.announce(`${m.senderName || m.sender}: ${plainTextOf(m.elements, this.t).slice(0, 300)}`);
    }
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

  /**
   * Scrolls to a message (paging back to it) and highlights it: 'shown', 'missing' when the history has
   * no such message, or 'far' when it was not within the pages a reveal loads.
   */
  private async reveal(id: string): Promise<'shown' | 'missing' | 'far'> {
    if (!this.store.loaded) {
      // Opened for this message (search, Starred): the newest page first, then page back to it.
      await this.history.loadLatest();
    }
    for (let page = 0; this.store.indexOf(id) === undefined && page < REVEAL_MAX_PAGES; page++) {
      if (!(await this.history.loadOlder())) {
        break;
      }
    }
    const index = this.store.indexOf(id);
    if (index === undefined) {
      return this.store.hasMoreBefore ? 'far' : 'missing';
    }
    this.revealedId = id;
    clearTimeout(this.revealTimer);
    this.revealTimer = setTimeout(() => {
      this.revealedId = undefined;
      this.list.invalidate();
    }, REVEAL_HIGHLIGHT_MS);
    this.list.scrollToIndex(index, 'center');
    return 'shown';
  }

  private async jumpToLatest(): Promise<void> {
    this.list.scrollToBottom();
    this.composer.focus();
    await this.history.loadLatest();
  }

  // ---- view state ----

  private pageHasFocus(): boolean {
    return document.visibilityState === 'visible' && document.hasFocus();
  }

  private onViewChange(atBottom: boolean, distanceFromBottom: number): void {
    this.atBottom = atBottom;
    this.view.jumpLatest.hidden = distanceFromBottom < Math.max(120, this.view.scroller.clientHeight / 2);
    this.reads.update(atBottom && this.store.loaded, this.pageHasFocus());
    this.history.updateTopStatus();
    this.unreadBanner.refresh();
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
      const message = await this.tools.submit(text);
      if (message === undefined) {
        return;
      }
      this.view.setError('');
      this.applySplices(this.store.add([message]).splices);
      this.list.scrollToBottom();
    } catch (error: unknown) {
      if (this.composer.value.length === 0) {
        this.composer.value = text;
        this.drafts.changed(text);
      }
      this.view.setError(this.t('composer.sendFailed', errorMessage(error)));
      this.log('warn', `chat/sendText failed: ${errorMessage(error)}`);
    }
  }

  private async markRead(): Promise<void> {
    try {
      await this.channel.request('chat/markRead', {});
    } catch (error: unknown) {
      this.log('warn', `chat/markRead failed: ${errorMessage(error)}`);
    }
  }

  // ---- DOM events ----

  private wireDom(): void {
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
