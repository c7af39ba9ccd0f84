/**
 * TIM Chat's entry point: wires the session, the conversation store, the tree, the chat panels, the
 * status bar, notifications and commands. Activation is lazy (on the Conversations view, a command or a
 * restored chat panel), never on startup.
 */
import * as vscode from 'vscode';
import { registerBlockCommands } from './commands/blockCommands';
import { registerConversationCommands } from './commands/conversationCommands';
import { registerGoToDateCommand } from './commands/goToDate';
import { registerGoToMentionCommand } from './commands/goToMention';
import { registerGroupCommands } from './commands/groupCommands';
import { registerGroupInfoCommands } from './commands/groupInfo';
import { registerProfileCommands } from './commands/profileCommands';
import { registerGroupManagementCommands } from './commands/groupManagement';
import { registerGroupMembershipCommands } from './commands/groupMembership';
import { registerGroupMuteCommands } from './commands/groupMute';
import { registerJoinRequestCommands } from './commands/joinRequestCommands';
import { registerMessageCommands } from './commands/messageCommands';
import { registerSessionCommands } from './commands/sessionCommands';
import { registerShowFilesCommand } from './commands/showFiles';
import { registerShowProfileCommand } from './commands/showProfile';
import { chatLinkUriHandler, registerChatLinkCommands } from './messages/chatLinks';
import { ContactBook } from './contacts/contactBook';
import { followContactsBadge } from './contacts/contactsBadge';
import { registerContactCommands } from './contacts/contactCommands';
import { ContactsTreeProvider } from './contacts/contactsTreeProvider';
import { announceRequests } from './contacts/friendRequestNotifications';
import { ContextKey, setContext } from './contextKeys';
import { Blocklist } from './conversations/blocklist';
import { ConversationStore } from './conversations/conversationStore';
import { JoinRequestCounts } from './conversations/joinRequestCounts';
import { PresenceTracker } from './conversations/presence';
import { describeFailure, log } from './log';
import { MessageNotifications } from './notifications';
import { RecentEmojiStore } from './chat/recentEmojiStore';
import { Reminders } from './messages/reminders';
import { showError } from './notify';
import { CHAT_VIEW_TYPE, ChatPanels, isChatPanelState, type ChatPanel } from './panels/chatPanel';
import { SignInFlow } from './session/signInFlow';
import { registerShareCommands } from './share/shareCommands';
import { SnippetService } from './share/snippetRequests';
import { AccountSecrets } from './session/secrets';
import { TimSession } from './session/timSession';
import { StatusBar } from './statusBar';
import { ConversationsTreeProvider } from './tree/conversationsTreeProvider';

/** What activate() returns: integration tests reach the live objects through it. */
export interface TimChatApi {
  readonly session: TimSession;
  readonly store: ConversationStore;
  readonly conversations: ConversationsTreeProvider;
  readonly signIn: SignInFlow;
  readonly statusBar: StatusBar;
  readonly notifications: MessageNotifications;
  readonly presence: PresenceTracker;
  readonly joinRequests: JoinRequestCounts;
  readonly blocklist: Blocklist;
  /** Opens TIM Chat links handed over by VS Code (tests call it as VS Code would). */
  readonly chatLinks: vscode.UriHandler;
  readonly treeView: vscode.TreeView<unknown>;
  readonly openChat: (conversationKey: string) => ChatPanel;
  readonly chatPanels: () => readonly ChatPanel[];
  readonly reminders: Reminders;
  readonly contactBook: ContactBook;
  readonly contactsTree: ContactsTreeProvider;
  readonly contactsView: vscode.TreeView<unknown>;
}

export function activate(context: vscode.ExtensionContext): TimChatApi {
  log().info(`TIM Chat ${String(context.extension.packageJSON.version)} activating`);
  const storageDir = context.globalStorageUri.fsPath;
  const session = new TimSession(context.extensionUri.fsPath, storageDir);
  const store = new ConversationStore();
  const presence = new PresenceTracker(session, store);
  const joinRequests = new JoinRequestCounts(session);
  const blocklist = new Blocklist(session);
  const conversations = new ConversationsTreeProvider(store, { presence, joinRequests, blocklist });
  const treeView = vscode.window.createTreeView('timChat.conversations', { treeDataProvider: conversations, showCollapseAll: false });
  const snippets = new SnippetService();
  const recentEmoji = new RecentEmojiStore(context.globalState);
  // Panels ask reminders for Remind Me…, and reminders open panels at a message: the closure reads
  // `reminders` only when called, once both exist.
  const panels: ChatPanels = new ChatPanels({
    extensionUri: context.extensionUri, session, store, snippets, presence, blocklist, recentEmoji,
    remind: (message, sender, text): Promise<number | undefined> => reminders.remindAbout(message, sender, text),
  });
  const reminders: Reminders = new Reminders(context.globalState, session, panels);
  const signIn = new SignInFlow(session, new AccountSecrets(context.secrets, context.globalState), context.extensionUri.fsPath, storageDir);
  const statusBar = new StatusBar(session, store);
  const notifications = new MessageNotifications(session, store, panels, joinRequests);
  const contactBook = new ContactBook(session);
  const contactsTree = new ContactsTreeProvider(contactBook, presence);
  const contactsView = vscode.window.createTreeView('timChat.contacts', { treeDataProvider: contactsTree, showCollapseAll: false });

  const updateBadge = (): void => {
    const total = store.totalUnread;
    treeView.badge = total > 0 ? { value: total, tooltip: vscode.l10n.t('{0} unread messages', total) } : undefined;
  };
  context.subscriptions.push(
    session, store, presence, joinRequests, blocklist, conversations, treeView, snippets, recentEmoji, panels, reminders, signIn, statusBar, notifications,
    vscode.commands.registerCommand('timChat.showReminders', () => reminders.showList().catch((error: unknown) => void showError(describeFailure(error)))),
    store.onDidChangeTotalUnread(updateBadge),
    contactBook, contactsTree, contactsView, followContactsBadge(contactsView as vscode.TreeView<unknown>, contactBook), announceRequests(contactBook),
    ...registerContactCommands({ session, store, panels, book: contactBook }),
    session.onDidChangeState((state) => {
      void setContext(ContextKey.signedIn, state.kind === 'signedIn');
      if (state.kind === 'signedIn') {
        void store.attach(state.client, state.account.userId).catch((error: unknown) => void showError(describeFailure(error)));
      } else if (state.kind === 'signedOut') {
        void store.attach(undefined, '');
        if (state.reason) {
          treeView.message = state.reason;
        }
      }
      if (state.kind !== 'signedOut') {
        treeView.message = undefined;
      }
    }),
    ...registerSessionCommands({ session, signIn }),
    ...registerProfileCommands({ session }),
    ...registerShowProfileCommand({ session, store, panels, blocklist, contacts: contactBook }),
    ...registerBlockCommands({ session, store, panels, blocklist }),
    ...registerConversationCommands({ session, store, panels, contacts: contactBook }),
    ...registerGroupCommands({ session, store, panels }),
    ...registerGroupManagementCommands({ session, store, panels }),
    ...registerGroupMembershipCommands({ session, store, panels }),
    ...registerGroupMuteCommands({ session, store, panels }),
    ...registerGroupInfoCommands({ session, store, panels }),
    ...registerJoinRequestCommands({ session, store, panels, joinRequests }),
    ...registerShareCommands({ session, store, openChat: (key) => panels.open(key) }),
    ...registerMessageCommands({ session, store, panels }),
    ...registerGoToDateCommand({ session, store, panels }),
    ...registerGoToMentionCommand({ session, store, panels }),
    ...registerShowFilesCommand({ session, store, panels }),
    ...registerChatLinkCommands({ session, store, panels }),
    vscode.window.registerUriHandler(chatLinkUriHandler),
    vscode.window.registerWebviewPanelSerializer(CHAT_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        if (isChatPanelState(state)) {
          panels.revive(panel, state);
        } else {
          // Nothing to restore (state from another version): close rather than show an empty panel.
          panel.dispose();
        }
      },
    }),
  );
  void setContext(ContextKey.signedIn, false);
  void autoSignIn(signIn);
  return {
    session,
    store,
    conversations,
    signIn,
    statusBar,
    notifications,
    presence,
    joinRequests,
    blocklist,
    chatLinks: chatLinkUriHandler,
    treeView: treeView as vscode.TreeView<unknown>,
    openChat: (key) => panels.open(key),
    reminders,
    chatPanels: () => panels.all(),
    contactBook,
    contactsTree,
    contactsView: contactsView as vscode.TreeView<unknown>,
  };
}

/**
 * `npm start` (and the UI tests) start an emulator and name the user to sign in as, through the
 * environment of the VS Code server: TIMCHAT_AUTO_SIGN_IN=<user id>, TIMCHAT_EMULATOR_DATA=<its data
 * folder>. Nothing secret travels this way: the key is read from the emulator's own data folder.
 */
async function autoSignIn(signIn: SignInFlow): Promise<void> {
  const userId = process.env.TIMCHAT_AUTO_SIGN_IN;
  if (!userId) {
    return;
  }
  try {
    await signIn.signInToOwnEmulator(userId, process.env.TIMCHAT_EMULATOR_URL || undefined);
  } catch (error: unknown) {
    void showError(vscode.l10n.t('TIM Chat: automatic sign-in as {0} failed: {1}', userId, describeFailure(error)));
  }
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}
