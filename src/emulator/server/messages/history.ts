/**
 * Reading messages: TIMMsgGetMsgList (local first, roaming with is_ramble; forward/backward; last_msg
 * exclusive, last_msg_seq inclusive for groups, last_msg preferred; time range; type filter; count; a
 * group the caller left: their device's local history of it), TIMMsgFindMessages (local, by id) and
 * TIMMsgFindByMsgLocatorList (local, by locator, revoked included).
 */
import { stringifyTimJson } from '../../../tim/json';
import type { ConvRef, FormerMembership } from '../access';
import { ApiError, Err, invalidParam } from '../apiError';
import { isObject, type JsonObject, optArray, optBool, optNumber, optObject, optString, optUint64 } from '../args';
import { type Ctx, type Handler, requireLogin } from '../context';
import { GROUP, groupStream, type MessageRow } from '../messageModel';
import { FROM_VISIBLE, VISIBLE, type VisibleParams } from './localView';

export const MAX_GET_COUNT = 1000;
const DEFAULT_GET_COUNT = 20;

export function visibleParams(ctx: Ctx, userId: string, deviceId: number, conv: ConvRef, ramble: boolean): VisibleParams {
  const floors = ctx.emu.access.floors(userId, deviceId, conv);
  const base = (ctx.emu.db.prepare('SELECT base_msg FROM devices WHERE id = ?').get(deviceId) as { base_msg: number } | undefined)?.base_msg ?? 0;
  return { dev: deviceId, user: userId, base, localFloor: floors.local, roamFloor: floors.roaming, ramble: ramble ? 1 : 0 };
}

interface Anchor {
  readonly time: number;
  readonly id: number;
  readonly inclusive: boolean;
}

/**
 * The conversation TIMMsgGetMsgList reads: any the caller may touch (Access.conv), or a group they left
 * (quit, removed, dismissed) whose conversation they keep. The SDK keeps its on-device database: its
 * history calls answer from it when the cloud cannot be asked ("如果登录失败/没有网络，调用接口会返回本地历史消息";
 * "本地存储的历史消息无时间限制"), and the cloud refuses a former member, so such a group answers from the
 * device's local store (see getMsgList). Every other call keeps refusing a former member.
 */
function readableConv(ctx: Ctx, userId: string, convId: string, convType: number): { conv: ConvRef; former?: FormerMembership } {
  try {
    return { conv: ctx.emu.access.conv(userId, convId, convType) };
  } catch (error: unknown) {
    if (convType === GROUP && error instanceof ApiError && (error.code === Err.GROUP_PERMISSION_DENY || error.code === Err.GROUP_NOT_FOUND)) {
      const former = ctx.emu.access.formerMembership(userId, convId);
      if (former !== undefined) {
        return { conv: { convType, convId, stream: groupStream(convId) }, former };
      }
    }
    throw error;
  }
}

/**
 * `former`: the caller left the group (readableConv). Then only the device's local store answers (as
 * is_ramble false, whatever it asks: the cloud refuses a non-member, the SDK falls back to local), and
 * only the messages of the membership that ended: above its join point, up to the last message the
 * caller got. Local deletes and clears hide what they hid.
 */
function getMsgList(ctx: Ctx, userId: string, deviceId: number, conv: ConvRef, param: JsonObject, former?: FormerMembership): JsonObject[] {
  const count = optNumber(param, 'msg_getmsglist_param_count') ?? DEFAULT_GET_COUNT;
  if (!Number.isInteger(count) || count <= 0 || count > MAX_GET_COUNT) {
    throw invalidParam(`msg_getmsglist_param_count must be 1..${MAX_GET_COUNT}`);
  }
  const forward = optBool(param, 'msg_getmsglist_param_is_forward') ?? false;
  // The SDK's header spells it is_ramble; its documentation's example spells is_remble: accept both.
  const askedRamble = optBool(param, 'msg_getmsglist_param_is_ramble') ?? optBool(param, 'msg_getmsglist_param_is_remble') ?? false;
  const ramble = askedRamble && former === undefined;
  const lastMsg = optObject(param, 'msg_getmsglist_param_last_msg');
  const lastSeq = optUint64(param, 'msg_getmsglist_param_last_msg_seq');
  const timeBegin = Number(optUint64(param, 'msg_getmsglist_param_time_begin') ?? 0n);
  const timePeriod = Number(optUint64(param, 'msg_getmsglist_param_time_period') ?? 0n);
  const types = optArray(param, 'msg_getmsglist_param_message_type_array');
  const db = ctx.emu.db;
  let anchor: Anchor | undefined;
  const lastMsgId = lastMsg === undefined ? undefined : optString(lastMsg, 'message_msg_id');
  if (lastMsgId !== undefined && lastMsgId.length > 0) {
    const row = ctx.emu.model.rowByMsgId(lastMsgId, deviceId);
    if (row === undefined || row.stream !== conv.stream) {
      throw invalidParam('msg_getmsglist_param_last_msg is not a message of this conversation');
    }
    anchor = { time: row.server_time, id: row.id, inclusive: false };
  } else if (conv.convType === GROUP && lastSeq !== undefined && lastSeq > 0n) {
    const row = db.prepare('SELECT id, server_time FROM messages WHERE stream = ? AND seq = ? AND local_device = 0').get(conv.stream, Number(lastSeq)) as
      | { id: number; server_time: number }
      | undefined;
    if (row === undefined) {
      return [];
    }
    anchor = { time: row.server_time, id: row.id, inclusive: true };
  }
  const where: string[] = [`m.stream = @stream`, VISIBLE];
  const params: Record<string, unknown> = { ...visibleParams(ctx, userId, deviceId, conv, ramble), stream: conv.stream, count };
  if (former !== undefined) {
    params.localFloor = Math.max(params.localFloor as number, former.joinMsg);
    where.push('m.id <= @leftMsg');
    params.leftMsg = former.leftMsg;
  }
  if (anchor !== undefined) {
    const op = forward ? (anchor.inclusive ? '>=' : '>') : anchor.inclusive ? '<=' : '<';
    where.push(`(m.server_time ${forward ? '>' : '<'} @atime OR (m.server_time = @atime AND m.id ${op} @aid))`);
    params.atime = anchor.time;
    params.aid = anchor.id;
  }
  if (timeBegin > 0 || timePeriod > 0) {
    // As V2TIM documents: from time_begin (0 = now) towards the direction, over time_period (0 = unlimited).
    const begin = timeBegin > 0 ? timeBegin : ctx.emu.serverTime();
    if (forward) {
      where.push('m.server_time >= @tbegin');
      if (timePeriod > 0) {
        where.push('m.server_time <= @tend');
      }
      params.tend = begin + timePeriod;
    } else {
      where.push('m.server_time <= @tbegin');
      if (timePeriod > 0) {
        where.push('m.server_time >= @tend');
      }
      params.tend = begin - timePeriod;
    }
    params.tbegin = begin;
  }
  if (types !== undefined && types.length > 0) {
    const list = types.map((value) => {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw invalidParam('msg_getmsglist_param_message_type_array holds element types');
      }
      return value;
    });
    where.push(`m.elem_type IN (${list.join(',')})`);
  }
  const order = forward ? 'ASC' : 'DESC';
  const rows = db
    .prepare(`SELECT m.*, coalesce(d.pulled, 0) AS pulled_flag ${FROM_VISIBLE} WHERE ${where.join(' AND ')} ORDER BY m.server_time ${order}, m.id ${order} LIMIT @count`)
    .all(params) as Array<MessageRow & { pulled_flag: number }>;
  if (ramble) {
    // What came from roaming is now in the device's local store.
    const base = params.base as number;
    const pull = db.prepare('INSERT INTO dev_msgs(device_id, msg, pulled) VALUES (?, ?, 1) ON CONFLICT(device_id, msg) DO UPDATE SET pulled = 1');
    for (const row of rows) {
      if (row.local_device === 0 && row.id <= base && row.pulled_flag === 0) {
        pull.run(deviceId, row.id);
      }
    }
  }
  return rows.map((row) => ctx.emu.model.view(row, userId, deviceId));
}

const getMsgListHandler: Handler = async (ctx, args) => {
  const convId = args.str(0);
  const convType = args.int(1);
  const param = args.jsonObject(2, false) ?? {};
  const { userId, deviceId } = requireLogin(ctx);
  const list = await ctx.emu.queue.enqueue(() => {
    const { conv, former } = readableConv(ctx, userId, convId, convType);
    return getMsgList(ctx, userId, deviceId, conv, param, former);
  });
  return { json: stringifyTimJson(list) };
};

/** A message of the device's local store by id, when the caller may see its conversation. */
export function findLocal(ctx: Ctx, userId: string, deviceId: number, msgId: string, includeDeleted = false): { row: MessageRow; conv: ConvRef } | undefined {
  const row = ctx.emu.model.rowByMsgId(msgId, deviceId);
  if (row === undefined) {
    return undefined;
  }
  const conv = ctx.emu.access.convOfStream(row.stream, userId);
  if (conv === undefined) {
    return undefined;
  }
  if (includeDeleted) {
    return { row, conv };
  }
  const visible = ctx.emu.db
    .prepare(`SELECT 1 ${FROM_VISIBLE} WHERE m.id = @id AND ${VISIBLE}`)
    .get({ ...visibleParams(ctx, userId, deviceId, conv, true), id: row.id });
  return visible === undefined ? undefined : { row, conv };
}

/** The message a call names, when the caller can see it (else 7011, as TIMMsgModifyMessage and reactions answer). */
export function visibleMessage(ctx: Ctx, userId: string, deviceId: number, msgId: string): MessageRow {
  const found = findLocal(ctx, userId, deviceId, msgId);
  if (found === undefined) {
    throw new ApiError(Err.DATABASE_NOTFOUND, `message ${msgId} not found`);
  }
  return found.row;
}

const findMessages: Handler = async (ctx, args) => {
  const ids = args.jsonArray(0);
  const { userId, deviceId } = requireLogin(ctx);
  const list = await ctx.emu.queue.enqueue(() =>
    ids.flatMap((id) => {
      if (typeof id !== 'string') {
        throw invalidParam('message ids must be strings');
      }
      const found = findLocal(ctx, userId, deviceId, id);
      return found === undefined ? [] : [ctx.emu.model.view(found.row, userId, deviceId)];
    }),
  );
  return { json: stringifyTimJson(list) };
};

const findByLocators: Handler = async (ctx, args) => {
  const convId = args.str(0);
  const convType = args.int(1);
  const locators = args.jsonArray(2);
  const { userId, deviceId } = requireLogin(ctx);
  const list = await ctx.emu.queue.enqueue(() => {
    const conv = ctx.emu.access.conv(userId, convId, convType);
    const visible = visibleParams(ctx, userId, deviceId, conv, true);
    const query = ctx.emu.db.prepare(`SELECT m.* ${FROM_VISIBLE} WHERE m.stream = @stream AND m.seq = @seq AND m.rand = @rand AND ${VISIBLE}`);
    return locators.flatMap((locator) => {
      if (!isObject(locator)) {
        throw invalidParam('locators must be objects');
      }
      const seq = optUint64(locator, 'message_locator_seq');
      const rand = optUint64(locator, 'message_locator_rand');
      if (seq === undefined || rand === undefined) {
        throw invalidParam('message_locator_seq and message_locator_rand are required');
      }
      const time = optUint64(locator, 'message_locator_time');
      const rows = (query.all({ ...visible, stream: conv.stream, seq: Number(seq), rand: Number(rand) }) as MessageRow[]).filter(
        (row) => time === undefined || time === 0n || BigInt(row.server_time) === time,
      );
      return rows.map((row) => ctx.emu.model.view(row, userId, deviceId));
    });
  });
  return { json: stringifyTimJson(list) };
};

export const historyHandlers: Record<string, Handler> = {
  TIMMsgGetMsgList: getMsgListHandler,
  TIMMsgFindMessages: findMessages,
  TIMMsgFindByMsgLocatorList: findByLocators,
};

