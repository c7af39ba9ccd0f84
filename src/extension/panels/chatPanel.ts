/**
 * One chat webview panel per conversation: created or revealed by `timChat.openChat`, revived after a
 * window reload by the serializer registered in extension.ts (the webview keeps its conversation key in
 * its own state). The panel owns its webview channel; the ChatController answers the chat requests.
 */
import * as vscode from 'vscode';
import { ChatController } from '../chat/chatController';
import type { RecentEmojiStore } from '../chat/recentEmojiStore';
import { mediaDirOf } from '../chat/messageRequests';
import { TIMConvType } from '../../tim/enums';
import type { TimMessage } from '../../tim/types/message';
import { ContextKey, setContext } from '../contextKeys';
import { conversationKey, parseConversationKey, type ConversationRef } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import type { Blocklist } from '../conversations/blocklist';
import type { PresenceTracker } from '../conversations/presence';
import { Disposable } from '../lifecycle';
import { log } from '../log';
import type { TimSession } from '../session/timSession';
import type { SnippetService } from '../share/snippetRequests';
import { WebviewChannel } from './webviewChannel';
import { renderWebviewHtml } from './webviewHtml';

export const CHAT_VIEW_TYPE = 'timChat.chat';

/** What the webview persists with setState, read back by the serializer. */
export interface ChatPanelState {
  readonly conversationId: string;
}

export function isChatPanelState(value: unknown): value is ChatPanelState {
  return typeof value === 'object' && value !== null && typeof (value as { conversationId?: unknown }).conversationId === 'string';
}

export interface ChatPanelDependencies {
  readonly extensionUri: vscode.Uri;
  readonly session: TimSession;
  readonly store: ConversationStore;
  /** Answers the snippet cards' requests (open at line, diff, staleness) for every panel. */
  readonly snippets: SnippetService;
  /** Whether a one-to-one chat's peer is online. */
  readonly presence: PresenceTracker;
  readonly blocklist: Blocklist;
  /** The emoji the user picked last, for every panel's emoji panel. */
  readonly recentEmoji: RecentEmojiStore;
  /** Remind Me… about a message (messages/reminders.ts): resolves with when it is due, undefined when cancelled. */
  readonly remind: (message: TimMessage, sender: string, text: string) => Promise<number | undefined>;
}

/** A chat's tab title: its name, after the unread count while there is one ("(3) Bob Li"; "(99+)" beyond). */
export function panelTitle(name: string, unread: number): string {
  return unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${name}` : name;
}

export class ChatPanel extends Disposable {
  readonly channel: WebviewChannel;
  readonly controller: ChatController;
  /** Fires when the panel becomes visible or hidden (notifications depend on it). */
  private visible: boolean;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly key: string,
    readonly ref: ConversationRef,
    deps: ChatPanelDependencies,
    private readonly onDispose: () => void,
  ) {
    super();
    this.visible = panel.visible;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'tim-chat.svg');
    this.controller = this.register(new ChatController(ref, deps.session, deps.store, deps.presence, deps.blocklist, undefined));
    const controller = this.controller;
    this.channel = this.register(
      new WebviewChannel(
        panel.webview,
        {
          'app/ping': ({ text }) => ({ echo: text, receivedAt: Date.now() }),
          ...controller.handlers,
          ...deps.snippets.handlers,
          'chat/remind': async ({ id }) => {
            const { message, sender, text } = controller.reminderSubject(String(id));
            return { dueAt: (await deps.remind(message, sender, text)) ?? 0 };
          },
        },
        {
          // The webview's console is invisible to users: its messages go to the host log.
          'app/log': ({ level, message }) => log()[level](`[webview] ${String(message).slice(0, 2000)}`),
          'chat/saveDraft': ({ text }) => void controller.saveDraft(String(text)).catch((error: unknown) => log().warn(`draft: ${String(error)}`)),
          'chat/openLink': ({ url }) => void controller.openLink(String(url)),
          'chat/typing': ({ typing }) => controller.typing(typing === true),
          'chat/emojiUsed': ({ emoji }) => void deps.recentEmoji.use(emoji).catch((error: unknown) => log().warn(`recent emoji: ${String(error)}`)),
          // A sender's id from the panel: only a plausible one goes to the command (TIM ids are at most 32 bytes; 128 leaves room).
          'chat/showProfile': ({ userId }) => {
            if (typeof userId === 'string' && userId.length > 0 && userId.length <= 128) {
              void vscode.commands.executeCommand('timChat.showProfile', { userId });
            }
          },
          'chat/selectionChanged': ({ ids }) => (controller.selection = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string').slice(0, 1000) : []),
        },
      ),
    );
    controller.attach(this.channel, (file) => panel.webview.asWebviewUri(file).toString());
    // The tab says how many messages wait unread, as a background tab of a chat app does.
    const tabTitle = (): string => {
      const summary = deps.store.get(key);
      return panelTitle(summary?.name ?? ref.id, summary?.muted ? 0 : (summary?.unread ?? 0));
    };
    this.channel.onDidBecomeReady(() => {
      const info = controller.info();
      panel.title = tabTitle();
      this.channel.notify('app/state', { conversationId: key, title: info.title, signedIn: info.signedIn, locale: info.locale });
      this.channel.notify('chat/info', info);
      this.channel.notify('chat/recentEmoji', { emoji: deps.recentEmoji.list });
    });
    this.register(deps.recentEmoji.onDidChange((emoji) => this.channel.notify('chat/recentEmoji', { emoji })));
    this.register(deps.store.onDidChange(() => {
      const title = tabTitle();
      if (title !== panel.title) {
        panel.title = title;
      }
    }));
    panel.title = tabTitle();
    panel.webview.html = renderWebviewHtml({
      webview: panel.webview,
      distUri: vscode.Uri.joinPath(deps.extensionUri, 'dist'),
      title: deps.store.get(key)?.name ?? ref.id,
      lang: vscode.env.language,
    });
    this.register(deps.snippets.onDidChangeFiles(() => this.channel.notify('snippet/filesChanged', {})));
    const followActive = (active: boolean): void => {
      if (active) {
        void setContext(ContextKey.activeChatIsGroup, ref.type === TIMConvType.Group);
        void setContext(ContextKey.activeChatPeerBlocked, ref.type === TIMConvType.C2C && deps.blocklist.has(ref.id));
      }
    };
    followActive(panel.active);
    this.register(deps.blocklist.onDidChange(() => followActive(panel.active)));
    this.register(panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.visible && !this.visible) {
        // Shown again: the peer may have changed their status message meanwhile.
        controller.refreshPeerStatus();
      }
      this.visible = webviewPanel.visible;
      followActive(webviewPanel.active);
    }));
    this.register(panel.onDidDispose(() => this.dispose()));
  }

  get isVisible(): boolean {
    return this.visible;
  }

  /** Brings the panel to the front (and the focus into it). */
  reveal(): void {
    this.panel.reveal();
  }

  /** Scrolls the panel to a message and highlights it (the panel pages back to it when needed). */
  showMessage(messageId: string): void {
    this.channel.notify('chat/reveal', { id: messageId });
  }

  override dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.onDispose();
    super.dispose();
    this.panel.dispose();
  }
}

/** All open chat panels, one per conversation. */
export class ChatPanels extends Disposable {
  private readonly panels = new Map<string, ChatPanel>();

  constructor(private readonly deps: ChatPanelDependencies) {
    super();
    this.register({ dispose: () => this.disposeAll() });
  }

  private static webviewOptions(extensionUri: vscode.Uri, storageDir: string): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      // Only the bundle, its CSS, the codicon font and downloaded images (the storage's media folder)
      // can be loaded: nothing from the workspace.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.file(mediaDirOf(storageDir))],
    };
  }

  /** Opens the panel of a conversation key (`c2c_<id>`, `group_<id>`, or a bare user id), or reveals it. */
  open(keyOrId: string): ChatPanel {
    const ref = parseConversationKey(keyOrId);
    if (!ref) {
      throw new Error(vscode.l10n.t('Enter a conversation ID'));
    }
    const key = conversationKey(ref);
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    this.closeUnrevivedTabs(this.deps.store.get(key)?.name ?? ref.id);
    const panel = vscode.window.createWebviewPanel(CHAT_VIEW_TYPE, ref.id, vscode.ViewColumn.Active, ChatPanels.webviewOptions(this.deps.extensionUri, this.deps.session.storageDir));
    return this.adopt(panel, key, ref);
  }

  /**
   * After a window reload VS Code revives a chat tab only when it is first shown, so a hidden tab of the
   * conversation being opened may still be waiting, with no panel behind it yet: opening the
   * conversation would give it a second tab. Such a tab (this view type and the conversation's title,
   * which no live panel has) is closed instead; its draft is kept in TIM's conversation draft.
   */
  private closeUnrevivedTabs(title: string): void {
    if ([...this.panels.values()].some((chat) => chat.panel.title === title)) {
      // Another conversation shows the same title: the waiting tab cannot be told apart from it.
      return;
    }
    const waiting = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(CHAT_VIEW_TYPE) && tab.label === title);
    if (waiting.length > 0) {
      void vscode.window.tabGroups.close(waiting).then(undefined, (error: unknown) => log().warn(`could not close a chat tab waiting since the reload: ${String(error)}`));
    }
  }

  /** Recreates a panel VS Code restored after a reload. */
  revive(panel: vscode.WebviewPanel, state: ChatPanelState): void {
    const ref = parseConversationKey(state.conversationId);
    if (!ref || this.panels.has(conversationKey(ref))) {
      panel.dispose();
      return;
    }
    panel.webview.options = ChatPanels.webviewOptions(this.deps.extensionUri, this.deps.session.storageDir);
    this.adopt(panel, conversationKey(ref), ref);
  }

  private adopt(panel: vscode.WebviewPanel, key: string, ref: ConversationRef): ChatPanel {
    const chat = new ChatPanel(panel, key, ref, this.deps, () => this.panels.delete(key));
    this.panels.set(key, chat);
    return chat;
  }

  get(key: string): ChatPanel | undefined {
    return this.panels.get(key);
  }

  all(): readonly ChatPanel[] {
    return [...this.panels.values()];
  }

  disposeAll(): void {
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
    this.panels.clear();
  }
}
