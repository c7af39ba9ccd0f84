/**
 * Read state: TIMMsgReportReaded (one conversation, up to a given message or the latest; an empty conv
 * id marks every conversation of that type, as the SDK does from 5.8) and TIMMsgMarkAllMessageAsRead.
 * A C2C read sends the peer's devices a MsgReadedReceipt and turns their messages' is_peer_read on.
 * A group the user left (quit, removed, dismissed) but keeps in their conversation list can still be
 * marked read: it changes only their own conversation, and otherwise its last unread count would stay
 * on their list for good (*choice*, docs/emulator.md).
 */
import { stringifyTimJson } from '../../../tim/json';
import type { ConvRef } from '../access';
import { ApiError, Err, syncParamError } from '../apiError';
import { optString } from '../args';
import { type Ctx, type Handler, requireLogin } from '../context';
import { C2C, GROUP } from '../messageModel';
import { findLocal } from './history';
import { recountUnread } from './unread';

function markRead(ctx: Ctx, userId: string, conv: ConvRef, upTo: { id: number; time: number } | undefined): boolean {
  const db = ctx.emu.db;
  const target =
    upTo ??
    ((db.prepare('SELECT id, server_time AS time FROM messages WHERE stream = ? AND local_device = 0 ORDER BY id DESC LIMIT 1').get(conv.stream) as
      | { id: number; time: number }
      | undefined) ?? { id: 0, time: ctx.emu.serverTime() });
  const before = db.prepare('SELECT unread, read_msg FROM convs WHERE user_id = ? AND conv_type = ? AND conv_id = ?').get(userId, conv.convType, conv.convId) as
    | { unread: number; read_msg: number }
    | undefined;
  if (before === undefined) {
    return false;
  }
  db.prepare('UPDATE convs SET read_msg = max(read_msg, ?), read_time = max(read_time, ?) WHERE user_id = ? AND conv_type = ? AND conv_id = ?').run(
    target.id,
    target.time,
    userId,
    conv.convType,
    conv.convId,
  );
  recountUnread(ctx, userId, conv);
  ctx.emu.hub.touchConversation(userId, conv.convType, conv.convId);
  if (conv.convType === C2C && conv.convId !== userId) {
    db.prepare('UPDATE convs SET peer_read_time = max(peer_read_time, ?) WHERE user_id = ? AND conv_type = 1 AND conv_id = ?').run(target.time, conv.convId, userId);
    const receipt = { msg_receipt_conv_id: userId, msg_receipt_conv_type: C2C, msg_receipt_time_stamp: target.time, msg_receipt_is_peer_read: true };
    ctx.emu.hub.toUser(conv.convId, { name: 'MsgReadedReceipt', json: stringifyTimJson([receipt]) });
  }
  return true;
}

function markAllOfType(ctx: Ctx, userId: string, convType: number): void {
  const rows = ctx.emu.db.prepare('SELECT conv_id, stream FROM convs WHERE user_id = ? AND conv_type = ? AND hidden = 0').all(userId, convType) as Array<{
    conv_id: string;
    stream: string;
  }>;
  for (const row of rows) {
    markRead(ctx, userId, { convType, convId: row.conv_id, stream: row.stream }, undefined);
  }
}

/**
 * The conversation to mark read: a member's (or a C2C one) as access.conv checks it, else a group the
 * user left but keeps in their list; anything else fails as access.conv does (10007 / 10010).
 */
function readableConv(ctx: Ctx, userId: string, convId: string, convType: number): ConvRef {
  try {
    return ctx.emu.access.conv(userId, convId, convType);
  } catch (error: unknown) {
    const notMember = error instanceof ApiError && (error.code === Err.GROUP_NOT_FOUND || error.code === Err.GROUP_PERMISSION_DENY);
    const kept = notMember ? ctx.emu.convs.row(userId, GROUP, convId) : undefined;
    if (kept === undefined) {
      throw error;
    }
    return { convType: GROUP, convId, stream: kept.stream };
  }
}

const reportReaded: Handler = async (ctx, args) => {
  const convId = args.str(0);
  const convType = args.int(1);
  const msg = args.jsonObject(2, false);
  if (convType !== C2C && convType !== GROUP) {
    throw syncParamError('conv_type must be C2C (1) or Group (2)');
  }
  const { userId, deviceId } = requireLogin(ctx);
  const msgId = msg === undefined ? undefined : optString(msg, 'message_msg_id');
  await ctx.emu.queue.enqueue(() => {
    if (convId.length === 0) {
      markAllOfType(ctx, userId, convType);
      return;
    }
    const conv = readableConv(ctx, userId, convId, convType);
    let upTo: { id: number; time: number } | undefined;
    if (msgId !== undefined && msgId.length > 0) {
      const found = findLocal(ctx, userId, deviceId, msgId, true);
      if (found === undefined || found.row.stream !== conv.stream) {
        throw new ApiError(Err.DATABASE_NOTFOUND, 'message not found in this conversation');
      }
      upTo = { id: found.row.id, time: found.row.server_time };
    }
    if (!markRead(ctx, userId, conv, upTo)) {
      throw new ApiError(Err.INVALID_CONVERSATION, 'conversation does not exist');
    }
  });
  return {};
};

const markAllRead: Handler = async (ctx) => {
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => {
    markAllOfType(ctx, userId, C2C);
    markAllOfType(ctx, userId, GROUP);
  });
  return {};
};

export const readHandlers: Record<string, Handler> = {
  TIMMsgReportReaded: reportReaded,
  TIMMsgMarkAllMessageAsRead: markAllRead,
};
