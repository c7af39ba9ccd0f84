/**
 * Changing messages: TIMMsgRevoke (the sender within the time limit, group owners and admins; every
 * participant's devices get MsgRevoke; a pinned group message is unpinned), TIMMsgModifyMessage (any
 * participant, text and custom elements and cloud custom data, refused with 8006 when the message
 * changed since the caller read it; every participant's devices get MsgUpdate), TIMMsgDelete,
 * TIMMsgListDelete (30 messages, once a second, roaming too; other devices keep their local copies),
 * TIMMsgClearHistoryMessage, and the device-local TIMMsgImportMsgList, TIMMsgSaveMsg and
 * TIMMsgSetLocalCustomData.
 */
import { stringifyTimJson } from '../../../tim/json';
import type { ConvRef } from '../access';
import { ApiError, Err, invalidParam } from '../apiError';
import { isObject, type JsonObject, optBool, optObject, optString, optUint64 } from '../args';
import { type Ctx, type Handler, requireLogin } from '../context';
import { checkBodySize, checkElements, Elem } from '../elements';
import { GROUP, type MessageRow, Status, locatorOf, messageIdOf, randomUint32 } from '../messageModel';
import { findLocal } from './history';
import { unpinRevoked } from './pins';
import { participants, requiredMsgId } from './targets';
import { recountUnread, topMessageId } from './unread';

export const LIST_DELETE_MAX = 30;
const ROLE_ADMIN = 300;

function messageOf(ctx: Ctx, userId: string, deviceId: number, conv: ConvRef, msg: JsonObject | undefined): MessageRow {
  const found = findLocal(ctx, userId, deviceId, requiredMsgId(msg ?? {}), true);
  if (found === undefined || found.row.stream !== conv.stream) {
    throw new ApiError(Err.DATABASE_NOTFOUND, 'message not found in this conversation');
  }
  return found.row;
}

const revoke: Handler = async (ctx, args) => {
  const convId = args.str(0);
  const convType = args.int(1);
  const msg = args.jsonObject(2, true);
  const { userId, deviceId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => {
    const emu = ctx.emu;
    const conv = emu.access.conv(userId, convId, convType);
    const row = messageOf(ctx, userId, deviceId, conv, msg);
    if (row.local_device !== 0) {
      throw new ApiError(Err.INVALID_OPERATION, 'a local-only message cannot be revoked');
    }
    if (row.status === Status.REVOKED) {
      return;
    }
    const admin = conv.convType === GROUP && (emu.access.memberRow(conv.convId, userId)?.role ?? 0) >= ROLE_ADMIN;
    if (!admin) {
      if (row.sender !== userId) {
        throw new ApiError(conv.convType === GROUP ? Err.GROUP_PERMISSION_DENY : Err.INVALID_OPERATION, 'only the sender, or a group owner or admin, may revoke');
      }
      if (emu.serverTime() - row.server_time > emu.options.revokeTimeLimitSeconds) {
        throw new ApiError(Err.REVOKE_TIME_LIMIT, `messages can be revoked within ${emu.options.revokeTimeLimitSeconds} s`);
      }
    }
    emu.db.prepare('UPDATE messages SET status = ?, revoker = ?, revoke_reason = ? WHERE id = ?').run(Status.REVOKED, userId, '', row.id);
    emu.model.endCommit();
    const revoked = emu.model.row(row.id) ?? row;
    for (const user of participants(ctx, row.stream)) {
      const seen = emu.access.convOfStream(row.stream, user);
      if (seen === undefined) {
        continue;
      }
      const info = { ...locatorOf(revoked, user, seen.convId), message_revoker_user_id: userId, message_revoker_nick_name: '', message_revoker_face_url: '', message_revoke_reason: '' };
      emu.hub.toUser(user, { name: 'MsgRevoke', json: stringifyTimJson([info]) });
      emu.hub.touchConversation(user, seen.convType, seen.convId);
    }
    // A revoked message cannot stay pinned: unpinned in the same transaction, by the revoker.
    unpinRevoked(ctx, revoked, userId);
  });
  return {};
};

/** Element types TIMMsgModifyMessage may change (Tencent: text and custom; cloud custom data of any message). */
const MODIFIABLE_ELEMS: ReadonlySet<number> = new Set([Elem.TEXT, Elem.CUSTOM]);

function sameElementTypes(a: readonly JsonObject[], b: readonly JsonObject[]): boolean {
  return a.length === b.length && a.every((elem, i) => elem.elem_type === b[i].elem_type);
}

/**
 * Stores `changed` (the message as stored, `emu.model.view(row, row.sender, 0)`, with its new elements or
 * cloud data) as the message's next version, without any viewer's fields, and returns the row as now
 * stored. Tells nobody: TIMMsgModifyMessage sends the MsgUpdate events, the seed has no one to tell.
 * Runs inside the commit queue.
 */
export function storeNewVersion(emu: Ctx['emu'], row: MessageRow, changed: JsonObject, searchText: MessageRow['search_text']): MessageRow {
  const version = optUint64(changed, 'message_version') ?? 0n;
  const body: JsonObject = { ...changed, message_version: version + 1n };
  for (const key of ['message_is_from_self', 'message_status', 'message_is_read', 'message_is_peer_read', 'message_receipt_peer_read', 'message_custom_str', 'message_custom_int', 'message_revoker_user_id', 'message_revoke_reason']) {
    delete body[key];
  }
  emu.db.prepare('UPDATE messages SET body = ?, search_text = ? WHERE id = ?').run(stringifyTimJson(body), searchText, row.id);
  emu.model.cacheBody(row.id, undefined);
  emu.fts.textReplaced(row.id);
  return emu.model.row(row.id) ?? row;
}

const modifyMessage: Handler = async (ctx, args) => {
  const msg = args.jsonObject(0, true) ?? {};
  const { userId, deviceId } = requireLogin(ctx);
  const msgId = requiredMsgId(msg);
  const cloud = msg.message_cloud_custom_str;
  if (cloud !== undefined && typeof cloud !== 'string') {
    throw invalidParam('message_cloud_custom_str must be a string');
  }
  const view = await ctx.emu.queue.enqueue(() => {
    const emu = ctx.emu;
    const found = findLocal(ctx, userId, deviceId, msgId);
    if (found === undefined) {
      throw new ApiError(Err.DATABASE_NOTFOUND, 'message not found');
    }
    const { row } = found;
    if (row.local_device !== 0) {
      throw new ApiError(Err.INVALID_OPERATION, 'a local-only message is not on the server to modify');
    }
    if (row.status === Status.REVOKED) {
      throw new ApiError(Err.INVALID_OPERATION, 'a revoked message cannot be modified');
    }
    // The message as stored, without any viewer's fields: version, elements and cloud data are the same
    // for every viewer, and the new body starts from it.
    const stored = emu.model.view(row, row.sender, 0);
    // A message never modified carries no message_version in the emulator's JSON: that is version 0.
    const version = optUint64(stored, 'message_version') ?? 0n;
    if ((optUint64(msg, 'message_version') ?? 0n) !== version) {
      // As the SDK: the conflict comes back with the message as the caller now sees it.
      throw new ApiError(Err.MSG_MODIFY_CONFLICT, 'the message was modified since it was read', { json: stringifyTimJson(emu.model.view(row, userId, deviceId)) });
    }
    const oldElems = Array.isArray(stored.message_elem_array) ? stored.message_elem_array.filter(isObject) : [];
    let elems = oldElems;
    let searchText = row.search_text;
    if (msg.message_elem_array !== undefined) {
      const checked = checkElements(msg.message_elem_array);
      if (!oldElems.every((e) => MODIFIABLE_ELEMS.has(Number(e.elem_type))) || !sameElementTypes(oldElems, checked.elems)) {
        throw new ApiError(Err.INVALID_MSG_ELEM, 'only text and custom elements can be modified, and only into elements of the same types');
      }
      elems = checked.elems;
      searchText = checked.searchText;
    }
    checkBodySize(elems, typeof cloud === 'string' ? cloud : (optString(stored, 'message_cloud_custom_str') ?? ''));
    const updated = storeNewVersion(emu, row, { ...stored, message_elem_array: elems, ...(typeof cloud === 'string' ? { message_cloud_custom_str: cloud } : {}) }, searchText);
    for (const user of participants(ctx, row.stream)) {
      const seen = emu.access.convOfStream(row.stream, user);
      if (seen === undefined) {
        continue;
      }
      emu.hub.toUser(user, { name: 'MsgUpdate', json: `[${emu.model.viewText(updated, user, 0)}]` });
      emu.hub.touchConversation(user, seen.convType, seen.convId);
    }
    return emu.model.view(updated, userId, deviceId);
  });
  return { json: stringifyTimJson(view) };
};

function markLocalDeleted(ctx: Ctx, deviceId: number, msg: number): void {
  ctx.emu.db
    .prepare('INSERT INTO dev_msgs(device_id, msg, deleted) VALUES (?, ?, 1) ON CONFLICT(device_id, msg) DO UPDATE SET deleted = 1')
    .run(deviceId, msg);
}

function hideRoaming(ctx: Ctx, userId: string, msg: number): void {
  ctx.emu.db.prepare('INSERT OR IGNORE INTO user_hidden(user_id, msg, kind) VALUES (?, ?, 2)').run(userId, msg);
}

function clearConversation(ctx: Ctx, userId: string, deviceId: number, conv: ConvRef, roaming: boolean): void {
  const top = topMessageId(ctx);
  ctx.emu.db
    .prepare('INSERT INTO dev_convs(device_id, stream, cleared_msg) VALUES (?, ?, ?) ON CONFLICT(device_id, stream) DO UPDATE SET cleared_msg = excluded.cleared_msg')
    .run(deviceId, conv.stream, top);
  if (roaming) {
    ctx.emu.db.prepare('UPDATE convs SET cleared_msg = ? WHERE user_id = ? AND conv_type = ? AND conv_id = ?').run(top, userId, conv.convType, conv.convId);
    recountUnread(ctx, userId, conv);
  }
  ctx.emu.hub.touchConversation(userId, conv.convType, conv.convId);
}

const deleteMsg: Handler = async (ctx, args) => {
  const convId = args.str(0);
  const convType = args.int(1);
  const param = args.jsonObject(2, false) ?? {};
  const { userId, deviceId } = requireLogin(ctx);
  const msg = optObject(param, 'msg_delete_param_msg');
  const ramble = optBool(param, 'msg_delete_param_is_ramble') ?? false;
  await ctx.emu.queue.enqueue(() => {
    const conv = ctx.emu.access.conv(userId, convId, convType);
    if (msg === undefined || optString(msg, 'message_msg_id') === undefined) {
      // No message: every message of the conversation (local, and roaming with is_ramble).
      clearConversation(ctx, userId, deviceId, conv, ramble);
      return;
    }
    const row = messageOf(ctx, userId, deviceId, conv, msg);
    markLocalDeleted(ctx, deviceId, row.id);
    if (ramble && row.local_device === 0) {
      hideRoaming(ctx, userId, row.id);
      recountUnread(ctx, userId, conv);
    }
    ctx.emu.hub.touchConversation(userId, conv.convType, conv.convId);
  });
  return {};
};

const listDelete: Handler = async (ctx, args) => {
  const convId = args.str(0);
  const convType = args.int(1);
  const list = args.jsonArray(2);
  const { userId, deviceId } = requireLogin(ctx);
  if (list.length === 0 || list.length > LIST_DELETE_MAX) {
    throw invalidParam(`between 1 and ${LIST_DELETE_MAX} messages per call`);
  }
  ctx.emu.access.conv(userId, convId, convType);
  ctx.emu.limiter.check(userId, 'TIMMsgListDelete', 1, 1000);
  await ctx.emu.queue.enqueue(() => {
    const conv = ctx.emu.access.conv(userId, convId, convType);
    const rows = list.map((msg) => messageOf(ctx, userId, deviceId, conv, isObject(msg) ? msg : undefined));
    for (const row of rows) {
      markLocalDeleted(ctx, deviceId, row.id);
      if (row.local_device === 0) {
        hideRoaming(ctx, userId, row.id);
      }
    }
    recountUnread(ctx, userId, conv);
    ctx.emu.hub.touchConversation(userId, conv.convType, conv.convId);
  });
  return {};
};

const clearHistory: Handler = async (ctx, args) => {
  const convId = args.str(0);
  const convType = args.int(1);
  const { userId, deviceId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => clearConversation(ctx, userId, deviceId, ctx.emu.access.conv(userId, convId, convType), true));
  return {};
};

/** Stores a message built by the caller in the device's local store only. */
function storeLocal(ctx: Ctx, userId: string, deviceId: number, conv: ConvRef, msg: JsonObject, status: number): MessageRow {
  const checked = checkElements(msg.message_elem_array, { allowServerTypes: true });
  const emu = ctx.emu;
  const now = emu.serverTime();
  const sender = optString(msg, 'message_sender') ?? userId;
  const serverTime = Number(optUint64(msg, 'message_server_time') ?? BigInt(now));
  const clientTime = Number(optUint64(msg, 'message_client_time') ?? BigInt(serverTime));
  const rand = Number(optUint64(msg, 'message_rand') ?? BigInt(randomUint32()));
  const seq = Number(optUint64(msg, 'message_seq') ?? 0n);
  const msgId = optString(msg, 'message_msg_id') ?? messageIdOf(emu.model.ensureUser(sender), clientTime, rand);
  const body: JsonObject = {
    ...msg,
    message_elem_array: checked.elems,
    message_conv_id: conv.convId,
    message_conv_type: conv.convType,
    message_sender: sender,
    message_client_time: clientTime,
    message_server_time: serverTime,
    message_rand: rand,
    message_seq: seq,
    message_msg_id: msgId,
  };
  delete body.message_custom_str;
  delete body.message_custom_int;
  const result = emu.db
    .prepare(
      `INSERT INTO messages(stream, seq, msg_id, sender, conv_type, server_time, rand, elem_type, status, local_device, no_unread, body, search_text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT(msg_id, local_device) DO UPDATE SET body = excluded.body, search_text = excluded.search_text RETURNING id`,
    )
    .get(conv.stream, seq, msgId, sender, conv.convType, serverTime, rand, checked.firstType, status, deviceId, stringifyTimJson(body), checked.searchText) as {
    id: number;
  };
  emu.model.cacheBody(result.id, undefined);
  // Also for a new row (the indexer then writes the same text once more): one call for both cases.
  emu.fts.textReplaced(result.id);
  const custom = { str: optString(msg, 'message_custom_str'), int: msg.message_custom_int };
  if (custom.str !== undefined || typeof custom.int === 'number') {
    emu.db
      .prepare('INSERT INTO dev_msgs(device_id, msg, custom_str, custom_int) VALUES (?, ?, ?, ?) ON CONFLICT(device_id, msg) DO UPDATE SET custom_str = excluded.custom_str, custom_int = excluded.custom_int')
      .run(deviceId, result.id, custom.str ?? null, typeof custom.int === 'number' ? custom.int : null);
  }
  const row = emu.model.row(result.id);
  if (row === undefined) {
    throw new Error('local message vanished');
  }
  return row;
}

const importList: Handler = async (ctx, args) => {
  const convId = args.str(0);
  const convType = args.int(1);
  const list = args.jsonArray(2);
  const { userId, deviceId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => {
    const conv = ctx.emu.access.conv(userId, convId, convType);
    for (const msg of list) {
      if (!isObject(msg)) {
        throw invalidParam('messages must be objects');
      }
      storeLocal(ctx, userId, deviceId, conv, msg, Status.IMPORTED);
    }
  });
  return {};
};

const saveMsg: Handler = async (ctx, args) => {
  const convId = args.str(0);
  const convType = args.int(1);
  const msg = args.jsonObject(2, true) ?? {};
  const { userId, deviceId } = requireLogin(ctx);
  const view = await ctx.emu.queue.enqueue(() => {
    const conv = ctx.emu.access.conv(userId, convId, convType);
    const status = typeof msg.message_status === 'number' ? msg.message_status : Status.SUCC;
    return ctx.emu.model.view(storeLocal(ctx, userId, deviceId, conv, msg, status), userId, deviceId);
  });
  return { json: stringifyTimJson(view) };
};

const setLocalCustomData: Handler = async (ctx, args) => {
  const msg = args.jsonObject(0, true) ?? {};
  const { userId, deviceId } = requireLogin(ctx);
  const msgId = requiredMsgId(msg);
  const customStr = optString(msg, 'message_custom_str');
  const customInt = msg.message_custom_int;
  if (customInt !== undefined && (typeof customInt !== 'number' || !Number.isInteger(customInt))) {
    throw invalidParam('message_custom_int must be an integer');
  }
  await ctx.emu.queue.enqueue(() => {
    const found = findLocal(ctx, userId, deviceId, msgId);
    if (found === undefined) {
      throw new ApiError(Err.DATABASE_NOTFOUND, 'message not found in the local store');
    }
    ctx.emu.db
      .prepare(
        `INSERT INTO dev_msgs(device_id, msg, custom_str, custom_int) VALUES (@dev, @msg, @str, @int)
         ON CONFLICT(device_id, msg) DO UPDATE SET custom_str = coalesce(@str, custom_str), custom_int = coalesce(@int, custom_int)`,
      )
      .run({ dev: deviceId, msg: found.row.id, str: customStr ?? null, int: typeof customInt === 'number' ? customInt : null });
  });
  return {};
};

export const modifyHandlers: Record<string, Handler> = {
  TIMMsgRevoke: revoke,
  TIMMsgModifyMessage: modifyMessage,
  TIMMsgDelete: deleteMsg,
  TIMMsgListDelete: listDelete,
  TIMMsgClearHistoryMessage: clearHistory,
  TIMMsgImportMsgList: importList,
  TIMMsgSaveMsg: saveMsg,
  TIMMsgSetLocalCustomData: setLocalCustomData,
};

