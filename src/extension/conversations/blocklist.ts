/**
 * Who the user blocked (TIM's blocklist, TIMFriendshipManager.h 6.1-6.3): read at sign-in, kept current
 * from FriendBlackListAdded and FriendBlackListDeleted (which also carry changes made on the user's other
 * devices), and changed by block() and unblock(). A blocked user's one-to-one messages are refused by TIM
 * (their sends fail with 20007); the user can still write to them.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../shared/errorMessage';
import type { TimClient } from '../../tim/client';
import { TimErrorCode } from '../../tim/errorCodes';
import type { TimFriendProfile, TimFriendResult } from '../../tim/types/friendship';
import { log } from '../log';
import { ClientFollower } from '../session/clientFollower';
import type { TimSession } from '../session/timSession';

export interface BlockedUser {
  readonly userId: string;
  /** Their nickname when TIM sent their profile, else their user ID. */
  readonly name: string;
  /** When they were blocked, seconds since the epoch (0 when unknown). */
  readonly since: number;
}

function blockedUserOf(profile: TimFriendProfile): BlockedUser {
  const id = profile.friend_profile_identifier;
  return { userId: id, name: profile.friend_profile_user_profile?.user_profile_nick_name || id, since: profile.friend_profile_add_time ?? 0 };
}

/** Why TIM did not block or unblock someone, in words; undefined when it did (code 0). */
export function blocklistFailure(result: TimFriendResult): string | undefined {
  const id = result.friend_result_identifier;
  switch (result.friend_result_code) {
    case 0:
      return undefined;
    case TimErrorCode.ERR_SVR_FRIENDSHIP_ACCOUNT_NOT_FOUND:
    case TimErrorCode.ERR_SVR_FRIENDSHIP_ACCOUNT_NOT_FOUND_EX:
      return vscode.l10n.t('There is no user {0}.', id);
    case TimErrorCode.ERR_SVR_FRIENDSHIP_BLACKLIST_LIMIT:
      return vscode.l10n.t('You have blocked as many people as TIM allows. Unblock someone first (Blocked Users…).');
    case TimErrorCode.ERR_SVR_FRIENDSHIP_INVALID_PARAMETERS:
      return vscode.l10n.t('{0} cannot be blocked: {1}', id, result.friend_result_desc || String(result.friend_result_code));
    default:
      return vscode.l10n.t('TIM did not change the blocklist for {0}: {1} ({2})', id, result.friend_result_desc, result.friend_result_code);
  }
}

export class Blocklist extends ClientFollower {
  private readonly onDidChangeEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when someone was blocked or unblocked, here or on another of the user's devices. */
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly byUser = new Map<string, BlockedUser>();

  constructor(session: TimSession) {
    super(session);
    this.startFollowing();
  }

  has(userId: string): boolean {
    return this.byUser.has(userId);
  }

  /** Everyone blocked, the longest blocked first. */
  list(): BlockedUser[] {
    return [...this.byUser.values()].sort((a, b) => a.since - b.since);
  }

  /** Blocks one user; throws with TIM's reason, in words, when it did not. */
  async block(userId: string): Promise<void> {
    const client = this.requireClient();
    const [result] = await client.friendshipAddToBlackList([userId]);
    const failure = result && blocklistFailure(result);
    if (failure) {
      throw new Error(failure);
    }
    // The FriendBlackListAdded event will say so too (with the profile); the menus must not wait for it.
    if (!this.byUser.has(userId)) {
      this.add([{ userId, name: userId, since: Math.floor(Date.now() / 1000) }]);
    }
  }

  /** Unblocks one user; throws with TIM's reason, in words, when it did not. */
  async unblock(userId: string): Promise<void> {
    const client = this.requireClient();
    const [result] = await client.friendshipDeleteFromBlackList([userId]);
    const failure = result && blocklistFailure(result);
    if (failure) {
      throw new Error(failure);
    }
    this.remove([userId]);
  }

  protected forget(): void {
    if (this.byUser.size > 0) {
      this.byUser.clear();
      this.onDidChangeEmitter.fire();
    }
  }

  protected attach(client: TimClient): vscode.Disposable[] {
    const subscriptions = [
      client.onEvent('FriendBlackListAdded', (profiles) => this.add(profiles.map(blockedUserOf))),
      client.onEvent('FriendBlackListDeleted', (ids) => this.remove(ids)),
    ];
    void client.friendshipGetBlackList().then(
      (profiles) => {
        if (client === this.client) {
          this.add(profiles.map(blockedUserOf));
        }
      },
      (error: unknown) => log().warn(`blocklist not read: ${errorMessage(error)}`),
    );
    return subscriptions;
  }

  private add(users: readonly BlockedUser[]): void {
    for (const user of users) {
      this.byUser.set(user.userId, user);
    }
    if (users.length > 0) {
      this.onDidChangeEmitter.fire();
    }
  }

  private remove(userIds: readonly string[]): void {
    if (userIds.map((id) => this.byUser.delete(id)).some(Boolean)) {
      this.onDidChangeEmitter.fire();
    }
  }
}
