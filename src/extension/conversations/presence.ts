/**
 * Who of the user's one-to-one peers and contacts is online (TIM's user status, TIMManager.h 6.5-6.8):
 * read at sign-in, for each new peer in the conversation list, each chat panel's peer (watch) and each
 * contact (watchAll), then kept current from UserStatusChanged by subscribing to them once each (TIM keeps
 * at most 200 subscriptions and drops the oldest first: past 200 people in all, those subscribed first stop
 * being updated). On an app whose console tells users of their friends' status, the contacts'
 * subscriptions are redundant and harmless. On a Tencent app without the premium
 * edition the first read fails: presence is then simply not shown, and the failure is logged once.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../shared/errorMessage';
import type { TimClient } from '../../tim/client';
import { TIMConvType, TIMUserStatusType } from '../../tim/enums';
import type { TimUserStatus } from '../../tim/types/userStatus';
import { MAX_SUBSCRIBE_STATUS_IDS, MAX_USER_STATUS_IDS } from '../../tim/userStatusApi';
import { Disposable, disposeAll } from '../lifecycle';
import { log } from '../log';
import type { ConversationStore } from './conversationStore';
import type { ConversationSummary } from './conversationSummary';
import type { TimSession } from '../session/timSession';

export type Presence = 'online' | 'offline';

export interface PeerPresence {
  readonly presence: Presence;
  /** The custom status the peer set (TIMSetSelfStatus); '' when none. */
  readonly customStatus: string;
}

/** What a status says of presence: online, or not (offline and logged out alike); unknown says nothing. */
export function presenceOf(status: TimUserStatus): PeerPresence | undefined {
  switch (status.user_status_status_type) {
    case TIMUserStatusType.Online:
      return { presence: 'online', customStatus: status.user_status_custom_status ?? '' };
    case TIMUserStatusType.Offline:
    case TIMUserStatusType.UnLogined:
      return { presence: 'offline', customStatus: status.user_status_custom_status ?? '' };
    default:
      return undefined;
  }
}

/** The colour of an online person's icon in the sidebar's views: VS Code's colour of things up and running. */
export function presenceIconColour(presence: PeerPresence | undefined): vscode.ThemeColor | undefined {
  return presence?.presence === 'online' ? new vscode.ThemeColor('charts.green') : undefined;
}

export class PresenceTracker extends Disposable {
  private readonly onDidChangeEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when anyone's presence as shown changed. */
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly byUser = new Map<string, PeerPresence>();
  /** Peers whose status was read (or asked for) in this session. */
  private readonly known = new Set<string>();
  private subscriptions: vscode.Disposable[] = [];
  /** Unset until the first read; false once TIM refused it (no presence for this session). */
  private available: boolean | undefined;
  private client: TimClient | undefined;

  constructor(
    private readonly session: TimSession,
    private readonly store: ConversationStore,
  ) {
    super();
    this.register(session.onDidChangeState(() => this.follow()));
    this.register(store.onDidChange(() => void this.readNewPeers()));
    this.register({ dispose: () => this.unfollow() });
    this.follow();
  }

  presenceOf(userId: string): PeerPresence | undefined {
    return this.byUser.get(userId);
  }

  private unfollow(): void {
    disposeAll(this.subscriptions);
    this.client = undefined;
  }

  private follow(): void {
    this.unfollow();
    const hadAny = this.byUser.size > 0;
    this.byUser.clear();
    this.known.clear();
    this.available = undefined;
    if (hadAny) {
      this.onDidChangeEmitter.fire();
    }
    const state = this.session.state;
    if (state.kind !== 'signedIn') {
      return;
    }
    this.client = state.client;
    this.subscriptions = [
      state.client.onEvent('UserStatusChanged', (statuses) => {
        if (statuses.some((status) => this.apply(status))) {
          this.onDidChangeEmitter.fire();
        }
      }),
    ];
    void this.readNewPeers();
  }

  /**
   * Follows one user's presence too (a chat panel's peer, who may not be in the conversation list yet):
   * read and subscribed once per sign-in, then presenceOf and onDidChange tell it.
   */
  watch(userId: string): void {
    void this.read([userId]);
  }

  /** Follows many users' presence (the contacts), as watch does, in calls of at most 500. */
  watchAll(userIds: readonly string[]): void {
    void (async () => {
      for (let start = 0; start < userIds.length; start += MAX_USER_STATUS_IDS) {
        await this.read(userIds.slice(start, start + MAX_USER_STATUS_IDS));
      }
    })();
  }

  /** Reads (and subscribes to) the peers of the conversation list not read yet, newest first. */
  private async readNewPeers(): Promise<void> {
    const notReadYet = (summary: ConversationSummary): boolean => summary.ref.type === TIMConvType.C2C && !this.known.has(summary.ref.id);
    // Nearly every change is a new message in a chat whose peer is known: the sorted list only when one is not.
    if (!this.client || this.available === false || !this.store.some(notReadYet)) {
      return;
    }
    await this.read(this.store.list().flatMap((summary) => (notReadYet(summary) ? [summary.ref.id] : [])));
  }

  /** Reads and subscribes to those of `userIds` not read yet in this sign-in (the first 500; newest first). */
  private async read(userIds: readonly string[]): Promise<void> {
    const client = this.client;
    if (!client || this.available === false) {
      return;
    }
    const peers = userIds.filter((id) => !this.known.has(id)).slice(0, MAX_USER_STATUS_IDS);
    if (peers.length === 0) {
      return;
    }
    for (const peer of peers) {
      this.known.add(peer);
    }
    try {
      const statuses = await client.getUserStatus(peers);
      this.available = true;
      // The newest peers last, so that TIM's eviction of the oldest subscriptions drops the oldest chats.
      await client.subscribeUserStatus(peers.slice(0, MAX_SUBSCRIBE_STATUS_IDS).reverse());
      if (client === this.client && statuses.map((status) => this.apply(status)).some(Boolean)) {
        this.onDidChangeEmitter.fire();
      }
    } catch (error: unknown) {
      if (this.available === undefined) {
        this.available = false;
        log().info(`online status not shown: ${errorMessage(error)}`);
      } else {
        log().warn(`online status of ${peers.length} people not read: ${errorMessage(error)}`);
      }
    }
  }

  /** Records one status; true when what is shown changed. */
  private apply(status: TimUserStatus): boolean {
    const next = presenceOf(status);
    const before = this.byUser.get(status.user_status_identifier);
    if (next === undefined) {
      return this.byUser.delete(status.user_status_identifier);
    }
    if (before?.presence === next.presence && before.customStatus === next.customStatus) {
      return false;
    }
    this.byUser.set(status.user_status_identifier, next);
    return true;
  }
}
