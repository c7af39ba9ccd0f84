/**
 * Reading the friendship calls' JSON arguments (TIMFriendshipManager.h 10-12; friends.ts,
 * friendRequests.ts). A malformed argument fails the whole call with 6017 naming what is wrong, as the
 * blocklist's id lists and TIMProfileModifySelfUserProfile do: bad JSON, NULL, not an object, a missing
 * required field or one of the wrong type, an enum value the header does not define, more ids than a call
 * takes. Remarks, messages, sources, friend list names and custom fields get the SDK's own codes, which it
 * answers before sending anything (TIMErrorCode.h 9001-9005; the typed client checks the same,
 * src/tim/friendshipApi.ts), so a raw call gets what the SDK would answer.
 */
import { parseTimJson } from '../../tim/json';
import { ApiError, Err, invalidParam } from './apiError';
import { type Args, type JsonObject, isObject } from './args';
import { CUSTOM_KEYWORD } from './profiles';

/** Users per delete, check, info or request-delete call (Tencent's REST API takes 100 per request; the typed client's cap). */
export const MAX_FRIEND_IDS = 100;
/** A remark holds at most 96 bytes of UTF-8 (9002). */
export const MAX_REMARK_BYTES = 96;
/** A request's message holds at most 120 bytes of UTF-8 (9003). */
export const MAX_WORDING_BYTES = 120;
/** A friend list name holds 1 to 30 bytes of UTF-8 (9005). */
export const MAX_GROUP_NAME_BYTES = 30;
/** A request's source starts with this (9004). */
export const ADD_SOURCE_PREFIX = 'AddSource_Type_';
/** Friends' custom fields carry this prefix; calls may leave it out (header 4.3). */
export const FRIEND_CUSTOM_PREFIX = 'Tag_SNS_Custom_';
/** A custom field's value holds at most this many bytes (9001, "自定义字段的值最长不能超过500字节"). */
export const MAX_CUSTOM_VALUE_BYTES = 500;

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The call's one JSON argument, an object: anything else is 6017 naming `what`. */
export function paramObject(args: Args, what: string): JsonObject {
  let value: unknown;
  try {
    value = parseTimJson(args.str(0));
  } catch {
    throw invalidParam(`${what} must be a JSON object`);
  }
  if (!isObject(value)) {
    throw invalidParam(`${what} must be a JSON object`);
  }
  return value;
}

/** A required user id: a non-empty string. */
export function requiredId(param: JsonObject, key: string): string {
  const value = param[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidParam(`${key} must be a non-empty user id`);
  }
  return value;
}

/** An enum field: one of `allowed` (named in the 6017), or `fallback` when absent (required without one). */
export function enumField(param: JsonObject, key: string, allowed: Readonly<Record<string, number>>, fallback?: number): number {
  const raw = param[key];
  const value = typeof raw === 'bigint' ? Number(raw) : raw;
  if ((value === undefined || value === null) && fallback !== undefined) {
    return fallback;
  }
  if (typeof value !== 'number' || !Object.values(allowed).includes(value)) {
    throw invalidParam(`${key} must be ${Object.entries(allowed).map(([name, n]) => `${n} (${name})`).join(', ')}`);
  }
  return value;
}

/** A whole-number field of at least 0, or `fallback` when absent. */
export function countField(param: JsonObject, key: string, fallback: number): number {
  const raw = param[key];
  if (raw === undefined || raw === null) {
    return fallback;
  }
  const value = typeof raw === 'bigint' && raw <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidParam(`${key} must be a whole number of at least 0`);
  }
  return value;
}

/** A list of 0..100 user ids, each once in the order first given (*choice*: one result per distinct id). */
export function idArray(param: JsonObject, key: string): string[] {
  const value = param[key];
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && id.length > 0)) {
    throw invalidParam(`${key} must be an array of non-empty user ids`);
  }
  if (value.length > MAX_FRIEND_IDS) {
    throw invalidParam(`${key} must hold at most ${MAX_FRIEND_IDS} ids`);
  }
  return [...new Set(value as string[])];
}

/** An optional string field ('' when absent), at most `max` bytes, else `code`. */
function limitedString(param: JsonObject, key: string, max: number, code: number): string {
  const value = param[key];
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value !== 'string') {
    throw invalidParam(`${key} must be a string`);
  }
  if (bytes(value) > max) {
    throw new ApiError(code, `${key} holds ${bytes(value)} bytes (UTF-8); at most ${max} are allowed`);
  }
  return value;
}

/** A remark ('' when absent): at most 96 bytes (9002). */
export function remarkField(param: JsonObject, key: string): string {
  return limitedString(param, key, MAX_REMARK_BYTES, Err.FRIENDSHIP_INVALID_ADD_REMARK);
}

/** A request's message ('' when absent): at most 120 bytes (9003). */
export function wordingField(param: JsonObject, key: string): string {
  return limitedString(param, key, MAX_WORDING_BYTES, Err.FRIENDSHIP_INVALID_ADD_WORDING);
}

/** A request's source ('' when absent): AddSource_Type_ and then anything (9004 otherwise). */
export function sourceField(param: JsonObject, key: string): string {
  const value = limitedString(param, key, Number.MAX_SAFE_INTEGER, Err.FRIENDSHIP_INVALID_ADD_SOURCE);
  if (value !== '' && !value.startsWith(ADD_SOURCE_PREFIX)) {
    throw new ApiError(Err.FRIENDSHIP_INVALID_ADD_SOURCE, `${key} must start with ${ADD_SOURCE_PREFIX}`);
  }
  return value;
}

function checkGroupName(name: unknown, what: string): string {
  if (typeof name !== 'string') {
    throw invalidParam(`${what} must be a string`);
  }
  if (name.length === 0 || bytes(name) > MAX_GROUP_NAME_BYTES) {
    throw new ApiError(Err.FRIENDSHIP_FRIEND_GROUP_EMPTY, `${what}: a friend list name must hold 1 to ${MAX_GROUP_NAME_BYTES} bytes (UTF-8)`);
  }
  return name;
}

/** One friend list name ('' or absent: none), 1 to 30 bytes (9005). */
export function groupNameField(param: JsonObject, key: string): string {
  const value = param[key];
  return value === undefined || value === null || value === '' ? '' : checkGroupName(value, key);
}

/** Friend list names, each 1 to 30 bytes (9005), each once in the order first given; undefined when absent. */
export function groupNamesField(param: JsonObject, key: string): string[] | undefined {
  const value = param[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw invalidParam(`${key} must be an array of friend list names`);
  }
  return [...new Set(value.map((name, index) => checkGroupName(name, `${key}[${index}]`)))];
}

/**
 * Custom fields to set ({friend_profile_custom_string_info_key, _value} entries): the key with or without
 * the Tag_SNS_Custom_ prefix, its keyword 1-8 letters, digits or underscores, the value a string of at
 * most 500 bytes (9001 otherwise, the SDK's code for both); a key twice 6017. Full keys to values;
 * undefined when absent.
 */
export function customField(param: JsonObject, key: string): Map<string, string> | undefined {
  const value = param[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw invalidParam(`${key} must be an array`);
  }
  const fields = new Map<string, string>();
  value.forEach((entry: unknown, index) => {
    const what = `${key}[${index}]`;
    if (!isObject(entry) || typeof entry.friend_profile_custom_string_info_key !== 'string' || typeof entry.friend_profile_custom_string_info_value !== 'string') {
      throw invalidParam(`${what} must be an object with string friend_profile_custom_string_info_key and _value`);
    }
    const given = entry.friend_profile_custom_string_info_key;
    const keyword = given.startsWith(FRIEND_CUSTOM_PREFIX) ? given.slice(FRIEND_CUSTOM_PREFIX.length) : given;
    if (!CUSTOM_KEYWORD.test(keyword)) {
      throw new ApiError(Err.FRIENDSHIP_INVALID_PROFILE_KEY, `${what}: a custom field's key is 1 to 8 letters, digits or underscores after ${FRIEND_CUSTOM_PREFIX}`);
    }
    const full = FRIEND_CUSTOM_PREFIX + keyword;
    if (fields.has(full)) {
      throw invalidParam(`${what} names ${full} a second time`);
    }
    const text = entry.friend_profile_custom_string_info_value;
    if (bytes(text) > MAX_CUSTOM_VALUE_BYTES) {
      throw new ApiError(Err.FRIENDSHIP_INVALID_PROFILE_KEY, `${what}: a custom field's value holds at most ${MAX_CUSTOM_VALUE_BYTES} bytes (UTF-8)`);
    }
    fields.set(full, text);
  });
  return fields;
}
