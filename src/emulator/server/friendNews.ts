/**
 * What one friendship operation tells whom (docs/emulator.md "Friends and friend requests"): it notes,
 * per user, the requests that went, the friends that left the user's list and those that joined it, and
 * at its end tells every logged-in device of each user (the calling one included, as the blocklist does)
 * in one event per kind: FriendApplicationListDeleted, then OnDeleteFriend, then OnAddFriend, users in
 * the order they were first noted. One event per kind and call, as FriendBlackListAdded lists all of a
 * call's users, so that a call on 100 ids is 3 events per user rather than 300.
 */
import type { TimEvent } from '../../tim/endpoint';
import { stringifyTimJson } from '../../tim/json';
import type { EventHub } from './eventHub';
import { C2C } from './messageModel';

interface UserNews {
  readonly requestsGone: string[];
  readonly friendsRemoved: string[];
  readonly friendsAdded: string[];
}

export class FriendNews {
  private readonly byUser = new Map<string, UserNews>();

  /** A request between `user` and `other` (either way) is gone: `user`'s devices hear `other`'s id. */
  requestGone(user: string, other: string): void {
    this.of(user).requestsGone.push(other);
  }

  /** `friend` left `owner`'s list. */
  friendRemoved(owner: string, friend: string): void {
    this.of(owner).friendsRemoved.push(friend);
  }

  /** `friend` joined `owner`'s list. */
  friendAdded(owner: string, friend: string): void {
    this.of(owner).friendsAdded.push(friend);
  }

  /**
   * Inside the operation, at its end: records the events (stored, and pushed once it commits). A friend
   * who joined or left a list may change the name of the owner's chat with them (conv_show_name shows
   * the owner's remark of a friend), so that conversation is published again too.
   */
  tell(hub: EventHub): void {
    for (const [user, news] of this.byUser) {
      for (const friend of new Set([...news.friendsAdded, ...news.friendsRemoved])) {
        hub.touchConversation(user, C2C, friend);
      }
      const events: Array<[TimEvent['name'], string[]]> = [
        ['FriendApplicationListDeleted', news.requestsGone],
        ['OnDeleteFriend', news.friendsRemoved],
        ['OnAddFriend', news.friendsAdded],
      ];
      for (const [name, ids] of events) {
        if (ids.length > 0) {
          hub.toUser(user, { name, json: stringifyTimJson([...new Set(ids)]) } as TimEvent);
        }
      }
    }
    this.byUser.clear();
  }

  private of(user: string): UserNews {
    let news = this.byUser.get(user);
    if (news === undefined) {
      news = { requestsGone: [], friendsRemoved: [], friendsAdded: [] };
      this.byUser.set(user, news);
    }
    return news;
  }
}
