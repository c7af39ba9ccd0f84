/**
 * Pinned group messages (TIMMessageManager.h, SDK 7.9+, beyond the seed): TIMPinGroupMessage (the
 * group's owner and admins pin or unpin a sent message of the group, at most 10 pinned; every member's
 * devices get MsgGroupPinnedMessageChanged) and TIMGetPinnedGroupMessageList (members read the pinned
 * messages, the latest pinned first, each with its pinner). A pin or unpin also puts a group tip into
 * the group (PinnedMessageAdded 10 / PinnedMessageDeleted 11, the message in
 * group_tips_elem_pinned_message_list), as Tencent's server does for TUIKit's "… pinned a message".
 * Revoking a pinned message unpins it (modify.ts calls unpinRevoked) without a tip: the revoke shows.
 * Stored in `pinned` (schema.ts), one row per pinned message; a group's pins are numbered by `seq` in
 * the order they were made.
 */
import type { Database as Db } from 'better-sqlite3';
import { parseTimJson, stringifyTimJson } from '../../../tim/json';
import { ApiError, Err, syncParamError } from '../apiError';
import type { JsonObject } from '../args';
import { type Ctx, type Handler, requireLogin } from '../context';
import { GroupType, Role, Tip } from '../groups';
import { groupTip } from '../groupTips';
import { GROUP, type MessageRow, Status, groupStream } from '../messageModel';
import { findLocal } from './history';
import { participants, requiredMsgId } from './targets';

/** Messages a group may hold pinned (ERR_SVR_GROUP_PINNED_MESSAGE_COUNT_LIMIT, 10070, beyond). */
export const MAX_PINNED_PER_GROUP = 10;

/** The C function's own check (-4), as the other group calls make it for an empty group id. */
function requireGroupId(groupId: string): void {
  if (groupId.length === 0) {
    throw syncParamError('group_id is required');
  }
}

/** The caller may pin in the group: 10010 no such group, 10007 a non-member, an AVChatRoom, a normal member. */
function requirePinRight(ctx: Ctx, groupId: string, userId: string): void {
  const member = ctx.emu.access.requireMember(groupId, userId);
  if (ctx.emu.access.groupRow(groupId)?.type === GroupType.AVCHATROOM) {
    throw new ApiError(Err.GROUP_PERMISSION_DENY, 'AVChatRoom groups do not support pinned messages');
  }
  if (member.role < Role.ADMIN) {
    throw new ApiError(Err.GROUP_PERMISSION_DENY, 'only the group owner and admins may pin or unpin messages');
  }
}

/** The message a call names, when it is a message of the group (10004 otherwise). */
function messageOfGroup(row: MessageRow | undefined, groupId: string): MessageRow {
  if (row === undefined) {
    throw new ApiError(Err.GROUP_INVALID_PARAMETERS, `message not found in group ${groupId}`);
  }
  if (row.stream !== groupStream(groupId)) {
    throw new ApiError(Err.GROUP_INVALID_PARAMETERS, `the message is not a message of group ${groupId}`);
  }
  return row;
}

/** A message that may be pinned: sent successfully into the group, on the server, not revoked (10004 otherwise). */
function pinnable(row: MessageRow | undefined, groupId: string): MessageRow {
  const message = messageOfGroup(row, groupId);
  if (message.local_device !== 0) {
    throw new ApiError(Err.GROUP_INVALID_PARAMETERS, 'a local-only message is not on the server to pin');
  }
  if (message.status === Status.REVOKED) {
    throw new ApiError(Err.GROUP_INVALID_PARAMETERS, 'a revoked message cannot be pinned');
  }
  if (message.status !== Status.SUCC) {
    throw new ApiError(Err.GROUP_INVALID_PARAMETERS, 'only a message sent successfully can be pinned');
  }
  return message;
}

/** Stores the pin, with the SDK's limits: already pinned 10071, a full group 10070. */
function storePin(db: Db, groupId: string, msg: number, pinner: string, time: number): void {
  if (db.prepare('SELECT 1 FROM pinned WHERE group_id = ? AND msg = ?').get(groupId, msg) !== undefined) {
    throw new ApiError(Err.GROUP_MESSAGE_ALREADY_PINNED, 'the message is already pinned');
  }
  const { count } = db.prepare('SELECT count(*) AS count FROM pinned WHERE group_id = ?').get(groupId) as { count: number };
  if (count >= MAX_PINNED_PER_GROUP) {
    throw new ApiError(Err.GROUP_PINNED_MESSAGE_COUNT_LIMIT, `a group holds at most ${MAX_PINNED_PER_GROUP} pinned messages`);
  }
  db.prepare('INSERT INTO pinned(group_id, msg, pinner, pin_time, seq) SELECT ?, ?, ?, ?, coalesce(max(seq), 0) + 1 FROM pinned WHERE group_id = ?')
    .run(groupId, msg, pinner, time, groupId);
}

/**
 * `pinner` pins a message row of `groupId`, with every check of TIMPinGroupMessage; no event. Also the
 * seed's way in.
 */
export function pinMessage(ctx: Ctx, groupId: string, row: MessageRow | undefined, pinner: string): MessageRow {
  requirePinRight(ctx, groupId, pinner);
  const message = pinnable(row, groupId);
  storePin(ctx.emu.db, groupId, message.id, pinner, ctx.emu.serverTime());
  return message;
}

/** Removes a pin; false when the message was not pinned. */
function deletePin(db: Db, groupId: string, msg: number): boolean {
  return db.prepare('DELETE FROM pinned WHERE group_id = ? AND msg = ?').run(groupId, msg).changes > 0;
}

/** The message carrying its pinner: nick and face from the profile, name card from the group's member row. */
function withPinner(ctx: Ctx, view: JsonObject, groupId: string, pinner: string): JsonObject {
  const profile = ctx.emu.model.profile(pinner);
  const member = ctx.emu.db.prepare('SELECT name_card FROM members WHERE group_id = ? AND user_id = ?').get(groupId, pinner) as { name_card: string } | undefined;
  view.message_pinner_user_id = pinner;
  view.message_pinner_nick_name = profile?.nick ?? '';
  view.message_pinner_name_card = member?.name_card ?? '';
  view.message_pinner_face_url = profile?.face_url ?? '';
  return view;
}

/**
 * MsgGroupPinnedMessageChanged to every member's devices (the caller's included): the message as each
 * member sees it, with its pinner when `pinner` is given (a pin), without for an unpin.
 */
function publishPinChange(ctx: Ctx, row: MessageRow, groupId: string, opUser: string, pinner: string | undefined): void {
  const emu = ctx.emu;
  for (const user of participants(ctx, row.stream)) {
    const view = emu.model.view(row, user, 0);
    const json = stringifyTimJson(pinner === undefined ? view : withPinner(ctx, view, groupId, pinner));
    emu.hub.toUser(user, { name: 'MsgGroupPinnedMessageChanged', groupId, json, isPinned: pinner !== undefined, opUser });
  }
}

/** The group tip of a pin or unpin: the message as stored (no viewer's fields), by the member who did it. */
function pinTip(ctx: Ctx, groupId: string, opUser: string, row: MessageRow, tipType: number): void {
  groupTip(ctx, groupId, opUser, tipType, [], { pinnedMessages: [parseTimJson(row.body) as JsonObject] });
}

/** A revoked group message leaves the pinned list, in the revoke's transaction; the members hear it from the revoker. */
export function unpinRevoked(ctx: Ctx, row: MessageRow, revoker: string): void {
  if (row.conv_type !== GROUP) {
    return;
  }
  const groupId = row.stream.slice('group:'.length);
  if (deletePin(ctx.emu.db, groupId, row.id)) {
    publishPinChange(ctx, row, groupId, revoker, undefined);
  }
}

const pinGroupMessage: Handler = async (ctx, args) => {
  const groupId = args.str(0);
  const msg = args.jsonObject(1, true) ?? {};
  const isPinned = args.bool(2);
  const { userId, deviceId } = requireLogin(ctx);
  requireGroupId(groupId);
  const msgId = requiredMsgId(msg);
  await ctx.emu.queue.enqueue(() => {
    if (isPinned) {
      // The message as reactions find it: one the caller can see.
      const row = pinMessage(ctx, groupId, findLocal(ctx, userId, deviceId, msgId)?.row, userId);
      publishPinChange(ctx, row, groupId, userId, userId);
      pinTip(ctx, groupId, userId, row, Tip.PINNED_MESSAGE_ADDED);
      return;
    }
    requirePinRight(ctx, groupId, userId);
    // Pinned messages are listed whatever the caller deleted locally, so they unpin whatever it did too.
    const row = messageOfGroup(findLocal(ctx, userId, deviceId, msgId, true)?.row, groupId);
    if (!deletePin(ctx.emu.db, groupId, row.id)) {
      throw new ApiError(Err.GROUP_INVALID_PARAMETERS, 'message is not pinned');
    }
    publishPinChange(ctx, row, groupId, userId, undefined);
    pinTip(ctx, groupId, userId, row, Tip.PINNED_MESSAGE_DELETED);
  });
  return {};
};

const getPinnedList: Handler = async (ctx, args) => {
  const groupId = args.str(0);
  const { userId, deviceId } = requireLogin(ctx);
  requireGroupId(groupId);
  const list = await ctx.emu.queue.enqueue(() => {
    const emu = ctx.emu;
    emu.access.requireMember(groupId, userId);
    const pins = emu.db.prepare('SELECT msg, pinner FROM pinned WHERE group_id = ? ORDER BY seq DESC').all(groupId) as Array<{ msg: number; pinner: string }>;
    return pins.flatMap(({ msg, pinner }) => {
      const row = emu.model.row(msg);
      return row === undefined ? [] : [withPinner(ctx, emu.model.view(row, userId, deviceId), groupId, pinner)];
    });
  });
  return { json: stringifyTimJson(list) };
};

export const pinHandlers: Record<string, Handler> = {
  TIMPinGroupMessage: pinGroupMessage,
  TIMGetPinnedGroupMessageList: getPinnedList,
};
