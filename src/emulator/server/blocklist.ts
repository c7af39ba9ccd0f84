/**
 * The blocklist (TIMFriendshipManager.h 6.1-6.3; docs/emulator.md "Blocklist"): TIMFriendshipGetBlackList,
 * TIMFriendshipAddToBlackList and TIMFriendshipDeleteFromBlackList, each on the caller's own list only.
 * A blocked user's one-to-one messages to the blocker fail with 20007 (messages/send.ts sendTarget, which
 * asks the in-memory index of blocklistStore.ts). A change reaches every logged-in device of the caller,
 * the calling one included, as FriendBlackListAdded (the newly blocked users' FriendProfiles) or
 * FriendBlackListDeleted (the ids actually removed), stored and replayed like SelfInfoUpdated; the users
 * blocked or unblocked are never told of the block itself. A block ends the friendship both ways, as Tencent
 * documents: each one's entry of the other and the requests between them go (friends.ts endFriendship),
 * and whoever lost one of those hears of that loss (OnDeleteFriend, FriendApplicationListDeleted).
 */
import { stringifyTimJson } from '../../tim/json';
import type { TimFriendProfile, TimFriendResult } from '../../tim/types/friendship';
import { Err } from './apiError';
import type { Args } from './args';
import { MAX_BLOCKLIST_ENTRIES } from './blocklistStore';
import { type Handler, requireLogin, type Emulator } from './context';
import { friendProfileOf } from './friendProfiles';
import { endFriendship, friendResult } from './friends';
import { profileReader } from './profiles';

/** Users per add or delete call: Tencent's REST API takes 1,000 accounts per blocklist request (the typed client's cap too). */
export const MAX_BLOCKLIST_IDS = 1000;

/**
 * The call's ids, each once in the order first given (*choice*: one result per distinct id); bad JSON,
 * anything but an array of non-empty strings or over 1,000 ids is a 6017 before anything changes.
 */
function distinctIds(args: Args): string[] {
  return [...new Set(args.idList(0, 'json_identifier_array', MAX_BLOCKLIST_IDS, true, true))];
}

/**
 * `blocked` as the blocker's list shows them: a FriendProfile of their current user profile and the time
 * of the block, every friend field empty (a block ends the friendship, so they are no friend).
 */
function friendProfile(blocked: string, addTime: number, readProfile: ReturnType<typeof profileReader>): TimFriendProfile {
  return friendProfileOf({ friend: blocked, remark: '', groupNames: [], addSource: '', addWording: '', addTime, custom: {} }, readProfile);
}

/** `owner`'s blocklist, oldest block first. */
export function blocklistOf(emu: Emulator, owner: string): TimFriendProfile[] {
  const readProfile = profileReader(emu.db);
  return emu.blocklists.listOf(owner).map((row) => friendProfile(row.blocked, row.add_time, readProfile));
}

/** Why `owner` may not block `id`, or undefined when they may (or already did). */
function refusal(emu: Emulator, owner: string, id: string): TimFriendResult | undefined {
  if (id === owner) {
    return friendResult(id, Err.FRIENDSHIP_INVALID_PARAMETERS, 'you cannot block yourself');
  }
  if (!emu.model.userExists(id)) {
    return friendResult(id, Err.FRIENDSHIP_ACCOUNT_NOT_FOUND, `user ${id} does not exist`);
  }
  if (!emu.blocklists.blocks(owner, id) && emu.blocklists.countOf(owner) >= MAX_BLOCKLIST_ENTRIES) {
    return friendResult(id, Err.FRIENDSHIP_BLACKLIST_LIMIT, `the blocklist is full (${MAX_BLOCKLIST_ENTRIES} users)`);
  }
  return undefined;
}

/**
 * Inside an operation: `owner` blocks `ids` (distinct), one result per id; the users newly blocked reach
 * the owner's devices as FriendBlackListAdded, after the events of the friendships the blocks ended.
 * Blocking someone again changes nothing (result 0).
 */
export function blockUsers(emu: Emulator, owner: string, ids: readonly string[]): TimFriendResult[] {
  const added: TimFriendProfile[] = [];
  const addTime = emu.serverTime();
  const readProfile = profileReader(emu.db);
  const results = ids.map((id) => {
    const refused = refusal(emu, owner, id);
    if (refused !== undefined) {
      return refused;
    }
    if (!emu.blocklists.blocks(owner, id)) {
      emu.blocklists.add(owner, id, addTime);
      added.push(friendProfile(id, addTime, readProfile));
      endFriendship(emu, owner, id);
    }
    return friendResult(id, 0);
  });
  if (added.length > 0) {
    emu.hub.toUser(owner, { name: 'FriendBlackListAdded', json: stringifyTimJson(added) });
  }
  return results;
}

/**
 * Inside an operation: `owner` unblocks `ids` (distinct), result 0 for each (*choice*: also for an id
 * not blocked); the ids actually removed reach the owner's devices as FriendBlackListDeleted.
 */
export function unblockUsers(emu: Emulator, owner: string, ids: readonly string[]): TimFriendResult[] {
  const removed = ids.filter((id) => emu.blocklists.remove(owner, id));
  if (removed.length > 0) {
    emu.hub.toUser(owner, { name: 'FriendBlackListDeleted', json: stringifyTimJson(removed) });
  }
  return ids.map((id) => friendResult(id, 0));
}

const getBlackList: Handler = async (ctx) => {
  const { userId } = requireLogin(ctx);
  const list = await ctx.emu.queue.enqueue(() => blocklistOf(ctx.emu, userId));
  return { json: stringifyTimJson(list) };
};

/** An add or delete call: its ids checked, then `change` in one operation (nothing queued for none). */
function changeHandler(change: (emu: Emulator, owner: string, ids: readonly string[]) => TimFriendResult[]): Handler {
  return async (ctx, args) => {
    const ids = distinctIds(args);
    const { userId } = requireLogin(ctx);
    const results = ids.length === 0 ? [] : await ctx.emu.queue.enqueue(() => change(ctx.emu, userId, ids));
    return { json: stringifyTimJson(results) };
  };
}

export const blocklistHandlers: Record<string, Handler> = {
  TIMFriendshipGetBlackList: getBlackList,
  TIMFriendshipAddToBlackList: changeHandler(blockUsers),
  TIMFriendshipDeleteFromBlackList: changeHandler(unblockUsers),
};
