/**
 * Checks the typed client makes before calling the engine, so that obviously bad input fails the same
 * way on both engines. Codes follow the SDK where it has one: an empty required id or a bad
 * conversation type is what the C function refuses synchronously with TIM_ERR_PARAM (-4, measured for
 * an empty conversation id and an empty login user or sig); a documented count limit is reported as
 * ERR_INVALID_PARAMETERS (6017).
 */
import { TIMConvType } from './enums';
import { TimErrorCode } from './errorCodes';
import { TimError, TimResult } from './errors';

/** TIMMsgListDelete deletes at most 30 messages per call (seed: 一次最多只能删除 30 条消息). */
export const MAX_LIST_DELETE_MESSAGES = 30;

/** TIMMsgSetC2CReceiveMessageOpt sets at most 30 users per call (seed: 一次最大允许设置 30 个用户). */
export const MAX_C2C_RECEIVE_OPT_USERS = 30;

export function requireConvType(api: string, convType: number): void {
  if (convType !== TIMConvType.C2C && convType !== TIMConvType.Group && convType !== TIMConvType.System) {
    throw new TimError(
      TimResult.ERR_PARAM,
      `conv_type must be kTIMConv_C2C (1), kTIMConv_Group (2) or kTIMConv_System (3), got ${String(convType)}`,
      api,
    );
  }
}

/** A conversation id and type where the id is required (every conversation call but report-read). */
export function requireConversation(api: string, convId: string, convType: number): void {
  requireConvType(api, convType);
  if (typeof convId !== 'string' || convId === '') {
    const what = convType === TIMConvType.Group ? 'the group id' : 'the peer user id';
    throw new TimError(TimResult.ERR_PARAM, `conv_id must not be empty (it is ${what})`, api);
  }
}

export function requireNonEmptyString(api: string, name: string, value: string): void {
  if (typeof value !== 'string' || value === '') {
    throw new TimError(TimResult.ERR_PARAM, `${name} must not be empty`, api);
  }
}

export function requireAtMost(api: string, name: string, list: readonly unknown[], max: number): void {
  if (!Array.isArray(list)) {
    throw new TimError(TimErrorCode.ERR_INVALID_PARAMETERS, `${name} must be an array`, api);
  }
  if (list.length > max) {
    throw new TimError(
      TimErrorCode.ERR_INVALID_PARAMETERS,
      `${name} holds ${list.length} entries; at most ${max} are allowed per call`,
      api,
    );
  }
}

/** A list of at most `max` ids, none empty (6017 for too many, -4 for an empty one, as the SDK answers). */
export function requireIdList(api: string, listName: string, itemName: string, ids: readonly string[], max: number): void {
  requireAtMost(api, listName, ids, max);
  for (const id of ids) {
    requireNonEmptyString(api, itemName, id);
  }
}

/** An integer argument with a documented range (a uint32 count or cursor, say). */
export function requireIntInRange(api: string, name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TimError(TimErrorCode.ERR_INVALID_PARAMETERS, `${name} must be an integer from ${min} to ${max}, got ${String(value)}`, api);
  }
}
