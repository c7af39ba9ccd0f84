/**
 * Reading friend lists and changing one's entries (TIMFriendshipManager.h 4.1-4.3, 4.7; docs/emulator.md
 * "Friends and friend requests"): TIMFriendshipGetFriendProfileList, TIMFriendshipGetFriendsInfo,
 * TIMFriendshipCheckFriendType and TIMFriendshipModifyFriendProfile. Each reads the relations of the
 * caller, and changes only entries of the caller's own list; a change reaches the caller's devices as
 * UpdateFriendProfile.
 */
import { stringifyTimJson } from '../../tim/json';
import { TIMFriendCheckRelation, TIMFriendType, TIMFriendshipRelationType } from '../../tim/enums';
import type { TimCheckFriendTypeResult, TimFriendInfoGetResult, TimFriendProfile, TimFriendProfileItem } from '../../tim/types/friendship';
import type { TimUserProfile } from '../../tim/types/userProfile';
import { ApiError, Err, invalidParam } from './apiError';
import { type JsonObject, isObject } from './args';
import { type Emulator, type Handler, requireLogin } from './context';
import { MAX_FRIEND_IDS, customField, enumField, groupNamesField, idArray, paramObject, remarkField, requiredId } from './friendArgs';
import type { FriendRow } from './friendStore';
import { profileReader } from './profiles';
import { C2C } from './messageModel';

/** An entry holds at most this many custom fields (*choice*, as a profile: Tencent's console allows 20 per app). */
export const MAX_FRIEND_CUSTOM_FIELDS = 20;

/** FriendProfile (10.2): `row` of the caller's list, with the friend's whole user profile now. */
export function friendProfileOf(row: FriendRow, readProfile: (userId: string) => TimUserProfile | undefined): TimFriendProfile {
  return {
    friend_profile_identifier: row.friend,
    friend_profile_group_name_array: row.groupNames,
    friend_profile_remark: row.remark,
    friend_profile_add_wording: row.addWording,
    friend_profile_add_source: row.addSource,
    friend_profile_add_time: row.addTime,
    // Accounts are never deleted, so a friend (whose account existed when added) always has a profile.
    friend_profile_user_profile: readProfile(row.friend) ?? { user_profile_identifier: row.friend },
    friend_profile_custom_string_array: Object.entries(row.custom).map(([key, value]) => ({
      friend_profile_custom_string_info_key: key,
      friend_profile_custom_string_info_value: value,
    })),
  };
}

/** `owner`'s list, oldest entry first, as FriendProfiles. */
export function friendListOf(emu: Emulator, owner: string): TimFriendProfile[] {
  const readProfile = profileReader(emu.db);
  return emu.friends.listOf(owner).map((row) => friendProfileOf(row, readProfile));
}

/**
 * TIMFriendshipGetFriendsInfo's answer for `id` (15.2): the relation (1.6) and, for someone in the
 * caller's list, the entry. An unknown account: 30003 (*choice*, as the blocklist answers one).
 */
function friendInfo(emu: Emulator, user: string, id: string, readProfile: (userId: string) => TimUserProfile | undefined): TimFriendInfoGetResult {
  const answer = (relation: number, code: number, message: string, entry?: FriendRow): TimFriendInfoGetResult => ({
    friendship_friend_info_get_result_identifier: id,
    friendship_friend_info_get_result_relation_type: relation as TimFriendInfoGetResult['friendship_friend_info_get_result_relation_type'],
    friendship_friend_info_get_result_error_code: code,
    friendship_friend_info_get_result_error_message: message,
    ...(entry === undefined ? {} : { friendship_friend_info_get_result_field_info: friendProfileOf(entry, readProfile) }),
  });
  if (id !== user && !emu.model.userExists(id)) {
    return answer(TIMFriendshipRelationType.None, Err.FRIENDSHIP_ACCOUNT_NOT_FOUND, `user ${id} does not exist`);
  }
  const entry = emu.friends.entry(user, id);
  const theirs = emu.friends.has(id, user);
  let relation: number = TIMFriendshipRelationType.None;
  if (entry !== undefined) {
    relation = theirs ? TIMFriendshipRelationType.BothFriend : TIMFriendshipRelationType.InMyFriendList;
  } else if (theirs) {
    relation = TIMFriendshipRelationType.InOtherFriendList;
  }
  // "OK", as the header's example answers a success.
  return answer(relation, 0, 'OK', entry);
}

/**
 * TIMFriendshipCheckFriendType's answer for `id` (12.2): Single checks the caller's list only (AWithB or
 * NoRelation, as Tencent's CheckResult_Type_Single), Both both lists. An unknown account: 30003 (*choice*).
 */
function checkOne(emu: Emulator, user: string, id: string, type: number): TimCheckFriendTypeResult {
  const answer = (relation: number, code = 0, desc = ''): TimCheckFriendTypeResult => ({
    friendship_check_friendtype_result_identifier: id,
    friendship_check_friendtype_result_relation: relation as TimCheckFriendTypeResult['friendship_check_friendtype_result_relation'],
    friendship_check_friendtype_result_code: code,
    friendship_check_friendtype_result_desc: desc,
  });
  if (id !== user && !emu.model.userExists(id)) {
    return answer(TIMFriendCheckRelation.NoRelation, Err.FRIENDSHIP_ACCOUNT_NOT_FOUND, `user ${id} does not exist`);
  }
  const mine = emu.friends.has(user, id);
  const theirs = type === TIMFriendType.Both && emu.friends.has(id, user);
  if (mine) {
    return answer(theirs ? TIMFriendCheckRelation.BothWay : TIMFriendCheckRelation.AWithB);
  }
  return answer(theirs ? TIMFriendCheckRelation.BWithA : TIMFriendCheckRelation.NoRelation);
}

/** What a TIMFriendshipModifyFriendProfile call changes (10.3), checked; custom keys in full. */
interface EntryChange {
  readonly remark?: string;
  readonly groupNames?: string[];
  readonly custom?: Map<string, string>;
}

const ITEM = {
  remark: 'friend_profile_item_remark',
  groupNames: 'friend_profile_item_group_name_array',
  custom: 'friend_profile_item_custom_string_array',
} as const;

function parseItem(param: JsonObject): EntryChange {
  const item = param.friendship_modify_friend_profile_param_item;
  if (!isObject(item)) {
    throw invalidParam('friendship_modify_friend_profile_param_item must be an object (FriendProfileItem)');
  }
  const has = (key: string): boolean => item[key] !== undefined && item[key] !== null;
  if (!Object.values(ITEM).some(has)) {
    throw invalidParam(`nothing to change: name at least one of ${Object.values(ITEM).join(', ')}`);
  }
  const groupNames = groupNamesField(item, ITEM.groupNames);
  const custom = customField(item, ITEM.custom);
  return {
    ...(has(ITEM.remark) ? { remark: remarkField(item, ITEM.remark) } : {}),
    ...(groupNames === undefined ? {} : { groupNames }),
    ...(custom === undefined ? {} : { custom }),
  };
}

/** The entry with `change` applied (custom fields keep their order; new keys go last). */
function applyChange(row: FriendRow, change: EntryChange): FriendRow {
  const custom = { ...row.custom };
  for (const [key, value] of change.custom ?? []) {
    custom[key] = value;
  }
  if (Object.keys(custom).length > MAX_FRIEND_CUSTOM_FIELDS) {
    throw invalidParam(`${ITEM.custom}: a friend holds at most ${MAX_FRIEND_CUSTOM_FIELDS} custom fields`);
  }
  return { ...row, remark: change.remark ?? row.remark, groupNames: change.groupNames ?? row.groupNames, custom };
}

/** UpdateFriendProfile's item (10.3): what the call set, custom keys in full. */
function itemOf(change: EntryChange): TimFriendProfileItem {
  return {
    ...(change.remark === undefined ? {} : { friend_profile_item_remark: change.remark }),
    ...(change.groupNames === undefined ? {} : { friend_profile_item_group_name_array: change.groupNames }),
    ...(change.custom === undefined
      ? {}
      : { friend_profile_item_custom_string_array: [...change.custom].map(([key, value]) => ({ friend_profile_custom_string_info_key: key, friend_profile_custom_string_info_value: value })) }),
  };
}

/**
 * Inside an operation: `user` changes their entry of `friend`. Someone not in the caller's list: 31704
 * (*choice*: ERR_SVR_FRIENDSHIP_DEL_NONFRIEND, "no friendship with the account"). A change reaches every
 * device of the caller as UpdateFriendProfile; one that changes nothing tells nobody.
 */
export function modifyFriend(emu: Emulator, user: string, friend: string, change: EntryChange): void {
  const before = emu.friends.entry(user, friend);
  if (before === undefined) {
    throw new ApiError(Err.FRIENDSHIP_DEL_NONFRIEND, `${friend} is not in your friend list`);
  }
  const after = applyChange(before, change);
  if (stringifyTimJson(after) === stringifyTimJson(before)) {
    return;
  }
  emu.friends.update(user, friend, after);
  if (after.remark !== before.remark) {
    // The user's chat with the friend is shown under the remark (conv_show_name).
    emu.hub.touchConversation(user, C2C, friend);
  }
  emu.hub.toUser(user, { name: 'UpdateFriendProfile', json: stringifyTimJson([{ friend_profile_update_identifier: friend, friend_profile_update_item: itemOf(change) }]) });
}

const getFriendProfileList: Handler = async (ctx) => {
  const { userId } = requireLogin(ctx);
  const list = await ctx.emu.queue.enqueue(() => friendListOf(ctx.emu, userId));
  return { json: stringifyTimJson(list) };
};

const getFriendsInfo: Handler = async (ctx, args) => {
  const ids = [...new Set(args.idList(0, 'friend_id_list', MAX_FRIEND_IDS, true, true))];
  const { userId } = requireLogin(ctx);
  const infos =
    ids.length === 0
      ? []
      : await ctx.emu.queue.enqueue(() => {
          const readProfile = profileReader(ctx.emu.db);
          return ids.map((id) => friendInfo(ctx.emu, userId, id, readProfile));
        });
  return { json: stringifyTimJson(infos) };
};

const checkFriendType: Handler = async (ctx, args) => {
  const param = paramObject(args, 'json_check_friend_list_param');
  const ids = idArray(param, 'friendship_check_friendtype_param_identifier_array');
  const type = enumField(param, 'friendship_check_friendtype_param_check_type', { Single: TIMFriendType.Single, Both: TIMFriendType.Both }, TIMFriendType.Both);
  const { userId } = requireLogin(ctx);
  const results = ids.length === 0 ? [] : await ctx.emu.queue.enqueue(() => ids.map((id) => checkOne(ctx.emu, userId, id, type)));
  return { json: stringifyTimJson(results) };
};

const modifyFriendProfile: Handler = async (ctx, args) => {
  const param = paramObject(args, 'json_modify_friend_info_param');
  const friend = requiredId(param, 'friendship_modify_friend_profile_param_identifier');
  const change = parseItem(param);
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => modifyFriend(ctx.emu, userId, friend, change));
  return {};
};

export const friendProfileHandlers: Record<string, Handler> = {
  TIMFriendshipGetFriendProfileList: getFriendProfileList,
  TIMFriendshipGetFriendsInfo: getFriendsInfo,
  TIMFriendshipCheckFriendType: checkFriendType,
  TIMFriendshipModifyFriendProfile: modifyFriendProfile,
};
