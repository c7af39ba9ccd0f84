/**
 * The seed's friends and friend requests (seed.ts; docs/emulator.md "Seed file"): a user's `friends`
 * (["bob"]) are two-way friendships, each one in the other's list as after an accepted request; the
 * file's `friendRequests` ([{ "from": "erin", "to": "alice", "wording": "...", "source": "AddSource_Type_..." }])
 * are requests waiting for their target, made as TIMFriendshipAddFriend makes them (friends.ts addFriend),
 * so its checks apply and the target must confirm requests (every seeded user does: NeedConfirm is the
 * default). Devices logged in from an earlier run in the data directory get the events, as for live calls.
 */
import { ApiError, Err } from './apiError';
import { type JsonObject, isObject } from './args';
import type { Emulator } from './context';
import { FriendNews } from './friendNews';
import { addFriend, joinList, parseAddFriend } from './friends';

/** A user's `friends`, checked: other users' ids. */
export function friendsOf(user: JsonObject, userId: string): string[] {
  const value = user.friends ?? [];
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && id.length > 0)) {
    throw new Error(`seed: user ${userId} "friends" must be an array of user ids`);
  }
  if (value.includes(userId)) {
    throw new Error(`seed: user ${userId} "friends" names ${userId}: nobody is their own friend`);
  }
  return value as string[];
}

/** Inside the seed's operation: `userId` and each of `friends` in each other's lists (kept when already there). */
export function seedFriendships(emu: Emulator, userId: string, friends: readonly string[]): void {
  const news = new FriendNews();
  const presets = { remark: '', groupName: '', source: '', wording: '' };
  for (const friend of friends) {
    emu.model.ensureUser(friend);
    joinList(emu, news, userId, friend, presets);
    joinList(emu, news, friend, userId, presets);
  }
  news.tell(emu.hub);
}

/** The file's `friendRequests`, checked for shape (the call's own checks come when they are made). */
export function friendRequestsOf(doc: JsonObject): JsonObject[] {
  const value = doc.friendRequests ?? [];
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw new Error('seed: "friendRequests" must be an array of { "from": ..., "to": ..., "wording": ... } objects');
  }
  return value;
}

/** Inside the seed's operation: each request made as its `from` user would make it; anything but a waiting request fails the seed. */
export function seedFriendRequests(emu: Emulator, requests: readonly JsonObject[]): void {
  requests.forEach((request, index) => {
    const where = `seed: friend request ${index}`;
    if (typeof request.from !== 'string' || request.from.length === 0) {
      throw new Error(`${where} needs a non-empty "from"`);
    }
    emu.model.ensureUser(request.from);
    let result;
    try {
      const ask = parseAddFriend({
        friendship_add_friend_param_identifier: request.to,
        friendship_add_friend_param_add_wording: request.wording,
        friendship_add_friend_param_add_source: request.source,
      });
      result = addFriend(emu, request.from, ask);
    } catch (error: unknown) {
      throw error instanceof ApiError ? new Error(`${where}: ${error.desc}`) : error;
    }
    if (result.friend_result_code !== Err.FRIENDSHIP_ALLOW_TYPE_NEED_CONFIRM) {
      throw new Error(`${where} from ${request.from} to ${String(request.to)}: ${result.friend_result_desc || 'they became friends at once, so no request waits'}`);
    }
  });
}
