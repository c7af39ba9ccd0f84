/**
 * Encoding of the frames the endpoint sends and checked decoding of the frames it receives. The server
 * is another process (possibly another version, possibly broken): whatever arrives, decoding returns
 * either a well-typed ServerFrame or a reason to log, and never throws.
 */
import type { TimEvent } from '../../tim/endpoint';
import { parseTimJson, stringifyTimJson } from '../../tim/json';
import type { ClientFrame, ErrorFrame, EventFrame, ProgressFrame, ResultFrame, ServerFrame } from '../protocol';

export function encodeClientFrame(frame: ClientFrame): string {
  // A bigint can only be a call argument; without one plain JSON.stringify is exact and much cheaper
  // than stringifyTimJson's replacer (every message send passes here).
  return frame.type === 'call' && frame.args.some((arg) => typeof arg === 'bigint') ? stringifyTimJson(frame) : JSON.stringify(frame);
}

/**
 * Parses a server frame. Frames carry their TIM JSON as strings, so the numbers JSON.parse could round
 * sit in the frame's own fields or its event's (ids, seqs, a result's value): parse fast, and losslessly
 * again only when one of those is an integer beyond 2^53. parseTimJson alone would take its slow path
 * for nearly every frame, since the message JSON inside holds a 19-digit message_unique_id.
 */
function parseFrame(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  return hasRoundedNumber(value, 0) ? parseTimJson(text) : value;
}

function hasRoundedNumber(value: unknown, depth: number): boolean {
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Number.isSafeInteger(value);
  }
  if (typeof value !== 'object' || value === null || depth > 1) {
    return false;
  }
  for (const field of Object.values(value)) {
    if (hasRoundedNumber(field, depth + 1)) {
      return true;
    }
  }
  return false;
}

/**
 * A frame, or why not. A malformed result whose `id` could still be read carries it, so the endpoint can
 * fail that one call at once instead of letting it run into its timeout.
 */
export type DecodedFrame =
  | { readonly ok: true; readonly frame: ServerFrame }
  | { readonly ok: false; readonly reason: string; readonly id?: number };

export function decodeServerFrame(text: string): DecodedFrame {
  let value: unknown;
  try {
    value = parseFrame(text);
  } catch (error: unknown) {
    return bad(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(value)) {
    return bad('not a JSON object');
  }
  switch (value['type']) {
    case 'result':
      return decodeResult(value);
    case 'progress':
      return decodeProgress(value);
    case 'event':
      return decodeEvent(value);
    case 'error':
      return decodeError(value);
    default:
      return bad(`unknown frame type ${JSON.stringify(String(value['type']))}`);
  }
}

function decodeResult(value: Record<string, unknown>): DecodedFrame {
  const { id, code, desc, json, messageId, syncError, eventSeq } = value;
  const resultValue = value['value'];
  if (!isCount(id)) {
    return bad('result without a numeric id');
  }
  if (!isInt(code)) {
    return badResult(id, `result ${id}: code is not an integer`);
  }
  if (desc !== undefined && typeof desc !== 'string') {
    return badResult(id, `result ${id}: desc is not a string`);
  }
  if (json !== undefined && typeof json !== 'string') {
    return badResult(id, `result ${id}: json is not a string`);
  }
  if (messageId !== undefined && typeof messageId !== 'string') {
    return badResult(id, `result ${id}: messageId is not a string`);
  }
  if (syncError !== undefined && typeof syncError !== 'boolean') {
    return badResult(id, `result ${id}: syncError is not a boolean`);
  }
  if (eventSeq !== undefined && !isCount(eventSeq)) {
    return badResult(id, `result ${id}: eventSeq is not a non-negative integer`);
  }
  if (
    resultValue !== undefined &&
    typeof resultValue !== 'string' &&
    typeof resultValue !== 'number' &&
    typeof resultValue !== 'bigint'
  ) {
    return badResult(id, `result ${id}: value is not a string or number`);
  }
  const frame: ResultFrame = {
    type: 'result',
    id,
    code,
    // Missing desc/json are tolerated as empty: the callback always has both, possibly "".
    desc: desc ?? '',
    json: json ?? '',
    ...(messageId !== undefined ? { messageId } : {}),
    ...(resultValue !== undefined ? { value: resultValue } : {}),
    ...(syncError !== undefined ? { syncError } : {}),
    ...(eventSeq !== undefined ? { eventSeq } : {}),
  };
  return { ok: true, frame };
}

// A bad progress frame is reported without its id: progress is advisory, so it must not fail the call.
function decodeProgress(value: Record<string, unknown>): DecodedFrame {
  const { id, desc, json } = value;
  if (!isCount(id)) {
    return bad('progress without a numeric id');
  }
  if (typeof json !== 'string' || (desc !== undefined && typeof desc !== 'string')) {
    return bad(`progress ${id}: desc or json is not a string`);
  }
  const frame: ProgressFrame = { type: 'progress', id, desc: desc ?? '', json };
  return { ok: true, frame };
}

function decodeEvent(value: Record<string, unknown>): DecodedFrame {
  const { seq, event } = value;
  if (!isCount(seq)) {
    return bad('event without a non-negative integer seq');
  }
  const checked = checkEvent(event);
  if (typeof checked === 'string') {
    return bad(`event ${seq}: ${checked}`);
  }
  const frame: EventFrame = { type: 'event', seq, event: checked };
  return { ok: true, frame };
}

function decodeError(value: Record<string, unknown>): DecodedFrame {
  const { code, desc, id } = value;
  if (!isInt(code)) {
    return bad('error frame without an integer code');
  }
  const frame: ErrorFrame = {
    type: 'error',
    code,
    desc: typeof desc === 'string' ? desc : '',
    ...(isCount(id) ? { id } : {}),
  };
  return { ok: true, frame };
}

/** The event's fields as its listener declares them, or why not. */
function checkEvent(event: unknown): TimEvent | string {
  if (!isRecord(event) || typeof event['name'] !== 'string') {
    return 'no event object with a name';
  }
  const e = event;
  const str = (key: string): boolean => typeof e[key] === 'string';
  const num = (key: string): boolean => isInt(e[key]);
  const bool = (key: string): boolean => typeof e[key] === 'boolean';
  let fieldsOk: boolean;
  switch (e['name']) {
    case 'RecvNewMsg':
    case 'MsgUpdate':
    case 'MsgRevoke':
    case 'MsgReadedReceipt':
    case 'MsgReactionsChanged':
    case 'SelfInfoUpdated':
    case 'UserStatusChanged':
    case 'OnAddFriend':
    case 'OnDeleteFriend':
    case 'UpdateFriendProfile':
    case 'FriendAddRequest':
    case 'FriendApplicationListDeleted':
    case 'FriendBlackListAdded':
    case 'FriendBlackListDeleted':
      fieldsOk = str('json');
      break;
    case 'MsgGroupPinnedMessageChanged':
      fieldsOk = str('groupId') && str('json') && bool('isPinned') && str('opUser');
      break;
    case 'MsgElemUploadProgress':
      fieldsOk = str('json') && num('index') && num('cur') && num('total');
      break;
    case 'ConvEvent':
      fieldsOk = num('event') && str('json');
      break;
    case 'ConvTotalUnreadMessageCountChanged':
      fieldsOk = num('total');
      break;
    case 'NetworkStatusListener':
      fieldsOk = num('status') && num('code') && str('desc');
      break;
    case 'KickedOffline':
    case 'UserSigExpired':
    case 'FriendApplicationListRead':
      fieldsOk = true;
      break;
    default:
      return `unknown event ${JSON.stringify(e['name'])}`;
  }
  // Fields are checked per name above, so the object has the shape of that union member.
  return fieldsOk ? (e as unknown as TimEvent) : `${String(e['name'])} with missing or mistyped fields`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isCount(value: unknown): value is number {
  return isInt(value) && value >= 0;
}

function bad(reason: string): DecodedFrame {
  return { ok: false, reason };
}

function badResult(id: number, reason: string): DecodedFrame {
  return { ok: false, reason, id };
}
