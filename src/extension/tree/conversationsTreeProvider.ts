/**
 * The Conversations view: one item per conversation (pinned first, then newest), with the name, a
 * preview of the last message and its time, an unread count badge (a file decoration on the item's
 * resourceUri, like SCM's), a pinned or muted icon (green while a one-to-one chat's peer is online; a
 * blocked peer's is crossed out), and context values for the menus. While signed out
 * it has no items, so VS Code shows the view's welcome content with the Sign In button.
 */
import * as vscode from 'vscode';
import { TIMConvType } from '../../tim/enums';
import { shortTime, type ConversationSummary } from '../conversations/conversationSummary';
import type { Blocklist } from '../conversations/blocklist';
import type { ConversationStore } from '../conversations/conversationStore';
import type { JoinRequestCounts } from '../conversations/joinRequestCounts';
import { type PeerPresence, type PresenceTracker, presenceIconColour } from '../conversations/presence';
import { Disposable } from '../lifecycle';
import { contextValueOf } from './conversationMenu';
import { diffTree } from './treeDiff';

export const CONVERSATION_URI_SCHEME = 'timchat-conversation';

export function conversationUri(key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CONVERSATION_URI_SCHEME, path: `/${encodeURIComponent(key)}` });
}

export class ConversationsTreeProvider extends Disposable implements vscode.TreeDataProvider<ConversationSummary>, vscode.FileDecorationProvider {
  private readonly onDidChangeTreeDataEmitter = this.register(new vscode.EventEmitter<ConversationSummary | undefined>());
  readonly onDidChangeTreeData = this.onDidChangeTreeDataEmitter.event;
  private readonly onDidChangeFileDecorationsEmitter = this.register(new vscode.EventEmitter<vscode.Uri[]>());
  readonly onDidChangeFileDecorations = this.onDidChangeFileDecorationsEmitter.event;

  /** What the tree shows now, to refresh only when a change alters it (see treeDiff.ts). */
  private shown: ConversationSummary[] = [];

  private readonly presence: PresenceTracker | undefined;
  private readonly joinRequests: JoinRequestCounts | undefined;
  private readonly blocklist: Blocklist | undefined;

  constructor(
    private readonly store: ConversationStore,
    extras: { readonly presence?: PresenceTracker; readonly joinRequests?: JoinRequestCounts; readonly blocklist?: Blocklist } = {},
  ) {
    super();
    this.presence = extras.presence;
    this.joinRequests = extras.joinRequests;
    this.blocklist = extras.blocklist;
    // Someone came online or went away, requests to join came or were decided, someone was blocked or
    // unblocked: rows' icons, texts and menus change.
    for (const changed of [this.presence?.onDidChange, this.joinRequests?.onDidChange, this.blocklist?.onDidChange]) {
      if (changed) {
        this.register(changed(() => this.onDidChangeTreeDataEmitter.fire(undefined)));
      }
    }
    this.register(
      store.onDidChange(() => {
        const next = store.list();
        const diff = diffTree(this.shown, next);
        this.shown = next;
        if (diff.rows) {
          this.onDidChangeTreeDataEmitter.fire(undefined);
        }
        if (diff.badges.length > 0) {
          this.onDidChangeFileDecorationsEmitter.fire(diff.badges.map(conversationUri));
        }
      }),
    );
    this.register(vscode.window.registerFileDecorationProvider(this));
  }

  getTreeItem(summary: ConversationSummary): vscode.TreeItem {
    const item = new vscode.TreeItem(summary.name, vscode.TreeItemCollapsibleState.None);
    // A stable id keeps the selection and focus across refreshes.
    item.id = summary.key;
    item.resourceUri = conversationUri(summary.key);
    const time = shortTime(summary.lastTime, vscode.env.language);
    const draft = summary.draft ? `${vscode.l10n.t('[Draft]')} ${summary.draft}` : '';
    // As Tencent's own conversation lists do: an unread @-mention of me is called out before the preview,
    // and so are requests to join waiting for the user's decision.
    const waiting = this.waitingRequests(summary);
    const callouts = [waiting > 0 ? vscode.l10n.t('[{0} asking to join]', waiting) : '', summary.mentioned ? vscode.l10n.t('[Mentioned you]') : ''].filter(Boolean);
    const preview = [...callouts, summary.preview].join(' ');
    // A star before the time: the tree's icon already says pinned, muted or the kind of chat.
    item.description = `${summary.starred ? '★ ' : ''}${[time, draft || preview].filter(Boolean).join(' · ')}`;
    item.tooltip = this.tooltip(summary);
    const blocked = this.isBlocked(summary);
    item.contextValue = contextValueOf(summary, waiting, blocked);
    const presence = this.peerPresence(summary);
    // An online peer's icon, whichever it is, in the colour VS Code gives things that are up and running;
    // a blocked peer's says so before anything else.
    item.iconPath = blocked
      ? new vscode.ThemeIcon('circle-slash')
      : new vscode.ThemeIcon(
          summary.pinned ? 'pinned' : summary.muted ? 'bell-slash' : summary.ref.type === TIMConvType.Group ? 'organization' : 'account',
          presenceIconColour(presence),
        );
    item.command = { command: 'timChat.openChat', title: vscode.l10n.t('Open'), arguments: [summary.key] };
    const name = blocked ? vscode.l10n.t('{0} (blocked)', summary.name) : presence?.presence === 'online' ? vscode.l10n.t('{0} (online)', summary.name) : summary.name;
    item.accessibilityInformation = {
      label: summary.mentioned
        ? vscode.l10n.t('{0}, {1} unread, mentioned you, {2}', name, summary.unread, summary.preview)
        : vscode.l10n.t('{0}, {1} unread, {2}', name, summary.unread, summary.preview),
    };
    return item;
  }

  /** Requests to join a group that wait for the user's decision. */
  private waitingRequests(summary: ConversationSummary): number {
    return summary.ref.type === TIMConvType.Group ? (this.joinRequests?.waitingIn(summary.ref.id) ?? 0) : 0;
  }

  /** The user blocked this one-to-one chat's peer. */
  private isBlocked(summary: ConversationSummary): boolean {
    return summary.ref.type === TIMConvType.C2C && this.blocklist?.has(summary.ref.id) === true;
  }

  /** A one-to-one chat's peer's presence, when TIM tells it. */
  private peerPresence(summary: ConversationSummary): PeerPresence | undefined {
    return summary.ref.type === TIMConvType.C2C ? this.presence?.presenceOf(summary.ref.id) : undefined;
  }

  private tooltip(summary: ConversationSummary): vscode.MarkdownString {
    const tip = new vscode.MarkdownString(undefined, true);
    tip.isTrusted = false;
    tip.supportHtml = false;
    tip.appendText(summary.name);
    tip.appendMarkdown('\n\n');
    tip.appendText(summary.preview);
    const presence = this.peerPresence(summary);
    const waiting = this.waitingRequests(summary);
    const flags = [
      this.isBlocked(summary) ? vscode.l10n.t('Blocked') : '',
      presence ? (presence.presence === 'online' ? vscode.l10n.t('Online') : vscode.l10n.t('Offline')) : '',
      presence?.customStatus ?? '',
      summary.unread ? vscode.l10n.t('{0} unread', summary.unread) : '',
      waiting > 0 ? vscode.l10n.t('{0} asking to join', waiting) : '',
      summary.mentioned ? vscode.l10n.t('Mentions you') : '',
      summary.pinned ? vscode.l10n.t('Pinned') : '',
      summary.starred ? vscode.l10n.t('Starred') : '',
      summary.markedUnread ? vscode.l10n.t('Marked as unread') : '',
      summary.muted ? vscode.l10n.t('Muted') : '',
    ].filter(Boolean);
    if (flags.length) {
      tip.appendMarkdown('\n\n');
      tip.appendText(flags.join(' · '));
    }
    return tip;
  }

  getChildren(element?: ConversationSummary): ConversationSummary[] {
    if (element) {
      return [];
    }
    this.shown = this.store.list();
    return this.shown;
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== CONVERSATION_URI_SCHEME) {
      return undefined;
    }
    const summary = this.store.get(decodeURIComponent(uri.path.slice(1)));
    if (summary?.unread === 0 && summary.markedUnread) {
      // Marked unread with nothing unread: a dot, as chat apps show it.
      return new vscode.FileDecoration('●', vscode.l10n.t('Marked as unread'), summary.muted ? undefined : new vscode.ThemeColor('list.highlightForeground'));
    }
    if (!summary || summary.unread === 0) {
      return undefined;
    }
    // A badge holds at most two characters.
    return new vscode.FileDecoration(
      summary.unread > 99 ? '9+' : String(summary.unread),
      vscode.l10n.t('{0} unread', summary.unread),
      summary.muted ? undefined : new vscode.ThemeColor('list.highlightForeground'),
    );
  }
}
