/**
 * User profiles (TIMManager.h 8.1-8.5): TIMProfileGetUserProfileList reads them, and
 * TIMProfileModifySelfUserProfile changes the caller's own. Stored in the `users` row (schema.ts):
 * nick, face_url, gender, signature, the custom string fields as one JSON object, and the add permission
 * (who may add the user as a friend, which TIMFriendshipAddFriend reads: friends.ts). After a change
 * every logged-in device of the user gets SelfInfoUpdated with the whole profile (stored and replayed
 * like MsgReactionsChanged), and when the nick changed, every peer whose C2C conversation with the user
 * is in their list gets a ConvEvent Update of it (conv_show_name is the peer's nick, read when listed).
 */
import type { Database as Db } from 'better-sqlite3';
import { parseTimJson, stringifyTimJson } from '../../tim/json';
import { TIMProfileAddPermission } from '../../tim/enums';
import type { TimUserProfile } from '../../tim/types/userProfile';
import { invalidParam } from './apiError';
import { isObject, optArray } from './args';
import { type Ctx, type Handler, requireLogin } from './context';
import { C2C } from './messageModel';

/** Tencent keeps at most this many bytes (UTF-8) of a nick, signature, face URL or custom string value. */
export const MAX_PROFILE_BYTES = 500;
/** Custom profile keys carry this prefix; calls may leave it out. */
export const CUSTOM_PREFIX = 'Tag_Profile_Custom_';
/** Tencent's naming rule for the part after the prefix (at most 8 bytes; letters, digits, underscore); friends' custom fields follow it too. */
export const CUSTOM_KEYWORD = /^[A-Za-z0-9_]{1,8}$/;
/** Custom profile fields an app may define (Tencent's console allows 20), so a user holds at most as many. */
export const MAX_CUSTOM_FIELDS = 20;

interface UserRow {
  readonly user_id: string;
  readonly nick: string;
  readonly face_url: string;
  readonly gender: number;
  readonly signature: string;
  readonly custom: string;
  readonly add_permission: number;
}

/** The stored custom fields: full key to value, in the order they were first set. */
function customOf(row: UserRow): Record<string, string> {
  try {
    const parsed = parseTimJson(row.custom);
    return isObject(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function profileOf(row: UserRow): TimUserProfile {
  return {
    user_profile_identifier: row.user_id,
    user_profile_nick_name: row.nick,
    user_profile_gender: row.gender as TimUserProfile['user_profile_gender'],
    user_profile_face_url: row.face_url,
    user_profile_self_signature: row.signature,
    user_profile_add_permission: row.add_permission as TimUserProfile['user_profile_add_permission'],
    user_profile_custom_string_array: Object.entries(customOf(row)).map(([key, value]) => ({
      user_profile_custom_string_info_key: key,
      user_profile_custom_string_info_value: value,
    })),
  };
}

const SELECT_USER = 'SELECT user_id, nick, face_url, gender, signature, custom, add_permission FROM users WHERE user_id = ?';

function userRow(db: Db, userId: string): UserRow | undefined {
  return db.prepare(SELECT_USER).get(userId) as UserRow | undefined;
}

/**
 * Reads users' whole profiles as TIMProfileGetUserProfileList and SelfInfoUpdated give them (undefined
 * for an unknown account), one prepared statement for every user read through it.
 */
export function profileReader(db: Db): (userId: string) => TimUserProfile | undefined {
  const select = db.prepare(SELECT_USER);
  return (userId) => {
    const row = select.get(userId) as UserRow | undefined;
    return row === undefined ? undefined : profileOf(row);
  };
}

const profileList: Handler = async (ctx, args) => {
  const param = args.jsonObject(0, true) ?? {};
  requireLogin(ctx);
  const ids = optArray(param, 'friendship_getprofilelist_param_identifier_array');
  if (ids === undefined || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
    throw invalidParam('friendship_getprofilelist_param_identifier_array must list user ids');
  }
  const list = await ctx.emu.queue.enqueue(() => {
    const readProfile = profileReader(ctx.emu.db);
    return (ids as string[]).flatMap((id) => readProfile(id) ?? []);
  });
  return { json: stringifyTimJson(list) };
};

/** What a TIMProfileModifySelfUserProfile call changes: the fields present, checked. */
interface ProfileChange {
  readonly nick?: string;
  readonly faceUrl?: string;
  readonly gender?: number;
  readonly signature?: string;
  /** Full keys (with the prefix) to their new values. */
  readonly custom?: ReadonlyMap<string, string>;
  readonly addPermission?: number;
}

const FIELDS = {
  nick: 'user_profile_item_nick_name',
  signature: 'user_profile_item_self_signature',
  faceUrl: 'user_profile_item_face_url',
  gender: 'user_profile_item_gender',
  custom: 'user_profile_item_custom_string_array',
  addPermission: 'user_profile_item_add_permission',
} as const;

/** The add permissions a user may choose: not Unknown (0), which is no permission at all. */
const ADD_PERMISSIONS: readonly number[] = [TIMProfileAddPermission.AllowAny, TIMProfileAddPermission.NeedConfirm, TIMProfileAddPermission.DenyAny];

/** A string of at most MAX_PROFILE_BYTES UTF-8 bytes, named `what` in the 6017 that refuses anything else. */
function limitedString(value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw invalidParam(`${what} must be a string`);
  }
  if (Buffer.byteLength(value, 'utf8') > MAX_PROFILE_BYTES) {
    throw invalidParam(`${what} is over ${MAX_PROFILE_BYTES} bytes (UTF-8)`);
  }
  return value;
}

/** The custom string fields of a call, keys given with or without the prefix (6017 naming the entry otherwise). */
function customChanges(value: unknown): Map<string, string> {
  if (!Array.isArray(value)) {
    throw invalidParam(`${FIELDS.custom} must be an array`);
  }
  const changes = new Map<string, string>();
  value.forEach((entry: unknown, index) => {
    const what = `${FIELDS.custom}[${index}]`;
    if (!isObject(entry)) {
      throw invalidParam(`${what} must be an object`);
    }
    const key = entry.user_profile_custom_string_info_key;
    if (typeof key !== 'string') {
      throw invalidParam(`${what}.user_profile_custom_string_info_key must be a string`);
    }
    const keyword = key.startsWith(CUSTOM_PREFIX) ? key.slice(CUSTOM_PREFIX.length) : key;
    if (!CUSTOM_KEYWORD.test(keyword)) {
      throw invalidParam(`${what}.user_profile_custom_string_info_key must be 1 to 8 letters, digits or underscores after ${CUSTOM_PREFIX}`);
    }
    const full = CUSTOM_PREFIX + keyword;
    if (changes.has(full)) {
      throw invalidParam(`${what}.user_profile_custom_string_info_key names ${full} a second time`);
    }
    changes.set(full, limitedString(entry.user_profile_custom_string_info_value, `${what}.user_profile_custom_string_info_value`));
  });
  return changes;
}

/** The call's argument as a change, or a 6017 naming what is wrong. Unknown keys are ignored. */
function parseChange(text: string): ProfileChange {
  let param: unknown;
  try {
    param = parseTimJson(text);
  } catch {
    throw invalidParam('json_modify_self_user_profile_param is not valid JSON');
  }
  if (!isObject(param)) {
    throw invalidParam('json_modify_self_user_profile_param must be a JSON object (UserProfileItem)');
  }
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(param, key);
  if (!Object.values(FIELDS).some(has)) {
    throw invalidParam(`nothing to change: name at least one of ${Object.values(FIELDS).join(', ')}`);
  }
  const gender = param[FIELDS.gender];
  if (has(FIELDS.gender) && gender !== 0 && gender !== 1 && gender !== 2) {
    throw invalidParam(`${FIELDS.gender} must be 0 (unknown), 1 (male) or 2 (female)`);
  }
  const addPermission = param[FIELDS.addPermission];
  if (has(FIELDS.addPermission) && !ADD_PERMISSIONS.includes(addPermission as number)) {
    throw invalidParam(`${FIELDS.addPermission} must be 1 (AllowAny), 2 (NeedConfirm) or 3 (DenyAny)`);
  }
  return {
    ...(has(FIELDS.nick) ? { nick: limitedString(param[FIELDS.nick], FIELDS.nick) } : {}),
    ...(has(FIELDS.signature) ? { signature: limitedString(param[FIELDS.signature], FIELDS.signature) } : {}),
    ...(has(FIELDS.faceUrl) ? { faceUrl: limitedString(param[FIELDS.faceUrl], FIELDS.faceUrl) } : {}),
    ...(has(FIELDS.gender) ? { gender: gender as number } : {}),
    ...(has(FIELDS.custom) ? { custom: customChanges(param[FIELDS.custom]) } : {}),
    ...(has(FIELDS.addPermission) ? { addPermission: addPermission as number } : {}),
  };
}

/** The row with `change` applied (the stored custom fields keep their order; new keys go last). */
function applyChange(row: UserRow, change: ProfileChange): UserRow {
  let custom = row.custom;
  if (change.custom !== undefined && change.custom.size > 0) {
    const fields = { ...customOf(row) };
    for (const [key, value] of change.custom) {
      fields[key] = value;
    }
    if (Object.keys(fields).length > MAX_CUSTOM_FIELDS) {
      throw invalidParam(`${FIELDS.custom}: a profile holds at most ${MAX_CUSTOM_FIELDS} custom fields`);
    }
    custom = stringifyTimJson(fields);
  }
  return {
    user_id: row.user_id,
    nick: change.nick ?? row.nick,
    face_url: change.faceUrl ?? row.face_url,
    gender: change.gender ?? row.gender,
    signature: change.signature ?? row.signature,
    custom,
    add_permission: change.addPermission ?? row.add_permission,
  };
}

/** Tells the user's devices (SelfInfoUpdated) and, for a new nick, the peers whose C2C conversation shows it. */
function publishProfile(ctx: Ctx, before: UserRow, after: UserRow): void {
  const { emu } = ctx;
  emu.hub.toUser(after.user_id, { name: 'SelfInfoUpdated', json: stringifyTimJson(profileOf(after)) });
  if (after.nick === before.nick) {
    return;
  }
  // Rare enough for a scan of convs (no index by conv_id): hidden conversations are not in the list.
  const peers = emu.db.prepare('SELECT user_id FROM convs WHERE conv_type = ? AND conv_id = ? AND hidden = 0').all(C2C, after.user_id) as Array<{ user_id: string }>;
  for (const { user_id: peer } of peers) {
    emu.hub.touchConversation(peer, C2C, after.user_id);
  }
}

const modifySelf: Handler = async (ctx, args) => {
  const text = args.str(0);
  const { userId } = requireLogin(ctx);
  const change = parseChange(text);
  await ctx.emu.queue.enqueue(() => {
    const { emu } = ctx;
    emu.model.ensureUser(userId);
    const before = userRow(emu.db, userId) as UserRow;
    const after = applyChange(before, change);
    const same = (Object.keys(before) as Array<keyof UserRow>).every((key) => before[key] === after[key]);
    if (same) {
      return;
    }
    emu.db
      .prepare('UPDATE users SET nick = ?, face_url = ?, gender = ?, signature = ?, custom = ?, add_permission = ? WHERE user_id = ?')
      .run(after.nick, after.face_url, after.gender, after.signature, after.custom, after.add_permission, userId);
    emu.model.forgetProfile(userId);
    publishProfile(ctx, before, after);
  });
  return {};
};

export const profileHandlers: Record<string, Handler> = {
  TIMProfileGetUserProfileList: profileList,
  TIMProfileModifySelfUserProfile: modifySelf,
};
