/**
 * Conversations: each user's list (last message, unread count, pinned, draft, receive option), the total
 * unread count (which, as the SDK documents, leaves out conversations whose receive option is not
 * Receive), and the TIMConv* calls.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { parseTimJson, stringifyTimJson } from '../../tim/json';
import type { Access } from './access';
import { ApiError, Err, syncParamError } from './apiError';
import { type Args, isObject, type JsonObject } from './args';
import { type Ctx, type Handler, requireLogin } from './context';
import type { MessageModel } from './messageModel';
import { C2C, GROUP } from './messageModel';
import { recountUnread } from './messages/unread';
import { RawJson, stringifyFast } from './fastJson';

interface ConvRow {
  readonly user_id: string;
  readonly conv_type: number;
  readonly conv_id: string;
  readonly stream: string;
  readonly unread: number;
  readonly read_msg: number;
  readonly read_time: number;
  readonly pinned: number;
  readonly draft: string | null;
  readonly draft_time: number;
  readonly active_time: number;
  readonly cleared_msg: number;
  readonly hidden: number;
  readonly at_info: string;
  readonly left_msg: number;
  /** Conversation marks, a uint64 bit set as decimal text (convMarks.ts). */
  readonly marks: string;
}

export class Conversations {
  private readonly one: Statement;
  private readonly list: Statement;
  private readonly lastMsg: Statement;
  private readonly lastMsgUntil: Statement;
  private readonly total: Statement;
  private readonly c2cOpt: Statement;
  private readonly groupInfo: Statement;
  private readonly readSeq: Statement;
  private readonly peerName: Statement;

  constructor(
    db: Db,
    private readonly model: MessageModel,
    private readonly access: Access,
  ) {
    this.one = db.prepare('SELECT * FROM convs WHERE user_id = ? AND conv_type = ? AND conv_id = ?');
    this.list = db.prepare('SELECT * FROM convs WHERE user_id = ? AND hidden = 0 ORDER BY pinned DESC, active_time DESC, conv_id');
    this.lastMsg = db.prepare(
      `SELECT m.* FROM messages m WHERE m.stream = ? AND m.local_device = 0 AND m.id > ?
         AND NOT EXISTS (SELECT 1 FROM user_hidden h WHERE h.user_id = ? AND h.msg = m.id)
       ORDER BY m.server_time DESC, m.id DESC LIMIT 1`,
    );
    // A group the user left: nothing after the message they left at (convs.left_msg).
    this.lastMsgUntil = db.prepare(
      `SELECT m.* FROM messages m WHERE m.stream = ? AND m.local_device = 0 AND m.id > ? AND m.id <= ?
         AND NOT EXISTS (SELECT 1 FROM user_hidden h WHERE h.user_id = ? AND h.msg = m.id)
       ORDER BY m.server_time DESC, m.id DESC LIMIT 1`,
    );
    this.total = db.prepare(
      `SELECT coalesce(sum(c.unread), 0) AS total FROM convs c
         LEFT JOIN c2c_opts o ON c.conv_type = 1 AND o.user_id = c.user_id AND o.peer = c.conv_id
         LEFT JOIN members m ON c.conv_type = 2 AND m.group_id = c.conv_id AND m.user_id = c.user_id
       WHERE c.user_id = ? AND c.hidden = 0 AND coalesce(o.opt, m.recv_opt, 0) = 0`,
    );
    this.c2cOpt = db.prepare('SELECT opt FROM c2c_opts WHERE user_id = ? AND peer = ?');
    // The header's order for a C2C conversation's conv_show_name: the user's friend remark of the peer, the
    // peer's nickname, their user ID.
    this.peerName = db.prepare(
      "SELECT coalesce(nullif(f.remark, ''), u.nick) AS name FROM users u LEFT JOIN friends f ON f.user_id = ? AND f.friend = u.user_id WHERE u.user_id = ?",
    );
    this.groupInfo = db.prepare('SELECT g.name, g.type, g.face_url, m.recv_opt FROM groups g LEFT JOIN members m ON m.group_id = g.group_id AND m.user_id = ? WHERE g.group_id = ?');
    this.readSeq = db.prepare('SELECT seq FROM messages WHERE id = ?');
  }

  row(userId: string, convType: number, convId: string): ConvRow | undefined {
    return this.one.get(userId, convType, convId) as ConvRow | undefined;
  }

  totalUnread(userId: string): number {
    return (this.total.get(userId) as { total: number }).total;
  }

  recvOpt(userId: string, convType: number, convId: string): number {
    if (convType === C2C) {
      return (this.c2cOpt.get(userId, convId) as { opt: number } | undefined)?.opt ?? 0;
    }
    return (this.groupInfo.get(userId, convId) as { recv_opt: number | null } | undefined)?.recv_opt ?? 0;
  }

  /** ConvInfo JSON as the SDK gives it, or undefined when the conversation is gone for the user. */
  view(userId: string, convType: number, convId: string): JsonObject | undefined {
    const row = this.row(userId, convType, convId);
    return row === undefined || row.hidden !== 0 ? undefined : this.viewRow(row);
  }

  private viewRow(row: ConvRow): JsonObject {
    const member = row.conv_type === GROUP ? this.access.memberRow(row.conv_id, row.user_id) : undefined;
    const floor = Math.max(row.cleared_msg, member?.join_msg ?? 0);
    const last = (
      // left_msg 0: left before the emulator recorded where (older data directories): as before.
      row.conv_type === GROUP && member === undefined && row.left_msg > 0
        ? this.lastMsgUntil.get(row.stream, floor, row.left_msg, row.user_id)
        : this.lastMsg.get(row.stream, floor, row.user_id)
    ) as Parameters<MessageModel['view']>[0] | undefined;
    let showName = row.conv_id;
    let faceUrl = '';
    let groupType: number | undefined;
    if (row.conv_type !== GROUP) {
      const peer = this.peerName.get(row.user_id, row.conv_id) as { name: string } | undefined;
      showName = peer?.name || row.conv_id;
    } else {
      const group = this.groupInfo.get(row.user_id, row.conv_id) as { name: string; type: number; face_url: string } | undefined;
      if (group !== undefined) {
        showName = group.name;
        faceUrl = group.face_url;
        groupType = group.type;
      }
    }
    const info: JsonObject = {
      conv_id: row.conv_id,
      conv_type: row.conv_type,
      conv_show_name: showName,
      conv_face_url: faceUrl,
      conv_unread_num: row.unread,
      conv_active_time: row.active_time,
      conv_is_has_lastmsg: last !== undefined,
      conv_is_has_draft: row.draft !== null,
      conv_recv_opt: this.recvOpt(row.user_id, row.conv_type, row.conv_id),
      conv_is_pinned: row.pinned !== 0,
      conv_mark_array: markArray(row.marks),
      conv_custom_data: '',
      conv_conversation_group_array: [],
      conv_group_at_info_array: row.conv_type === GROUP ? parseAtInfo(row.at_info) : [],
      conv_c2c_read_timestamp: row.conv_type === C2C ? row.read_time : 0,
      conv_group_read_sequence:
        row.conv_type === GROUP ? ((this.readSeq.get(row.read_msg) as { seq: number } | undefined)?.seq ?? 0) : 0,
    };
    if (last !== undefined) {
      // The message's text as written once (messageModel.viewText): conversation snapshots follow
      // nearly every send, so the last message is usually the one just written. Callers stringify
      // the info with stringifyFast, which splices it in.
      info.conv_last_msg = new RawJson(this.model.viewText(last, row.user_id, 0));
    }
    if (row.draft !== null) {
      const draft = parseTimJson(row.draft);
      info.conv_draft = isObject(draft) ? { ...draft, draft_edit_time: row.draft_time } : {};
    }
    if (groupType !== undefined) {
      info.conv_group_type = groupType;
    }
    return info;
  }

  listFor(userId: string): JsonObject[] {
    return (this.list.all(userId) as ConvRow[]).map((row) => this.viewRow(row));
  }
}

/**
 * conv_mark_array: each mark bit set, lowest first, as a uint64 (a number up to 2^53, a bigint above,
 * which stringifyFast writes as a bare JSON number).
 */
export function markArray(marks: string): Array<number | bigint> {
  const bits: Array<number | bigint> = [];
  if (marks === '0') {
    return bits;
  }
  let rest = BigInt(marks);
  for (let bit = 1n; rest !== 0n; bit <<= 1n) {
    if ((rest & bit) !== 0n) {
      bits.push(bit <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(bit) : bit);
      rest &= ~bit;
    }
  }
  return bits;
}

/** A conversation id of the conversation calls ("c2c_<user>", "group_<group>"), or undefined when it is neither. */
export function parseConversationId(id: string): { convType: number; convId: string } | undefined {
  const match = /^(c2c|group)_(.+)$/.exec(id);
  if (match === null || match[1] === undefined || match[2] === undefined) {
    return undefined;
  }
  return { convType: match[1] === 'c2c' ? C2C : GROUP, convId: match[2] };
}

function parseAtInfo(text: string): unknown[] {
  try {
    const parsed = parseTimJson(text);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/**
 * The conversation arguments with the caller's right to the conversation. `listed`: a change to the
 * user's own conversation list (delete, pin, cancel draft), which also works on a group the user has left
 * (or was removed from) while it stays in their list, as in Tencent's SDK (TUIKit deletes the
 * conversation right after quitting the group); without a conversation row the membership check applies
 * (10007 for a group never joined).
 */
function convArgs(ctx: Ctx, args: Args, listed = false): { userId: string; convId: string; convType: number } {
  const { userId } = requireLogin(ctx);
  const convId = args.str(0);
  const convType = args.int(1);
  const inList = listed && convType === GROUP && convId.length > 0 && ctx.emu.convs.row(userId, convType, convId) !== undefined;
  if (!inList) {
    ctx.emu.access.conv(userId, convId, convType);
  }
  return { userId, convId, convType };
}

const getConvList: Handler = async (ctx) => {
  const { userId } = requireLogin(ctx);
  const list = await ctx.emu.queue.enqueue(() => ctx.emu.convs.listFor(userId));
  return { json: stringifyFast(list) };
};

const getConvInfo: Handler = async (ctx, args) => {
  const params = args.jsonArray(0);
  const { userId } = requireLogin(ctx);
  const wanted = params.map((item) => {
    if (!isObject(item) || typeof item.get_conversation_list_param_conv_id !== 'string') {
      throw new ApiError(Err.INVALID_PARAMETERS, 'each item needs get_conversation_list_param_conv_id');
    }
    return { convId: item.get_conversation_list_param_conv_id, convType: Number(item.get_conversation_list_param_conv_type ?? C2C) };
  });
  const list = await ctx.emu.queue.enqueue(() =>
    wanted.flatMap(({ convId, convType }) => {
      if (convType === GROUP && ctx.emu.access.memberRow(convId, userId) === undefined) {
        return [];
      }
      const info = ctx.emu.convs.view(userId, convType, convId);
      return info === undefined ? [] : [info];
    }),
  );
  return { json: stringifyFast(list) };
};

const deleteConv: Handler = async (ctx, args) => {
  const { userId, convId, convType } = convArgs(ctx, args, true);
  await ctx.emu.queue.enqueue(() => {
    const row = ctx.emu.convs.row(userId, convType, convId);
    if (row === undefined || row.hidden !== 0) {
      throw new ApiError(Err.INVALID_CONVERSATION, 'conversation does not exist');
    }
    // The SDK's delete also removes the conversation's local and roaming messages for this user, and
    // its pin and marks (*choice* for the marks: the conversation is gone; a new one starts unmarked).
    const db = ctx.emu.db;
    const top = (db.prepare('SELECT coalesce(max(id), 0) AS top FROM messages').get() as { top: number }).top;
    db.prepare('UPDATE convs SET hidden = 1, unread = 0, cleared_msg = ?, draft = NULL, pinned = 0, marks = \'0\' WHERE user_id = ? AND conv_type = ? AND conv_id = ?').run(
      top,
      userId,
      convType,
      convId,
    );
    ctx.emu.hub.touchConversation(userId, convType, convId);
  });
  return {};
};

const setDraft: Handler = async (ctx, args) => {
  const { userId, convId, convType } = convArgs(ctx, args);
  const draft = args.jsonObject(2, true);
  await ctx.emu.queue.enqueue(() => {
    ctx.emu.delivery.ensureConversation(userId, convType, convId, ctx.emu.access.conv(userId, convId, convType).stream, ctx.emu.serverTime());
    ctx.emu.db
      .prepare('UPDATE convs SET draft = ?, draft_time = ?, hidden = 0 WHERE user_id = ? AND conv_type = ? AND conv_id = ?')
      .run(stringifyTimJson(draft), ctx.emu.serverTime(), userId, convType, convId);
    ctx.emu.hub.touchConversation(userId, convType, convId);
  });
  return { value: 0 };
};

const cancelDraft: Handler = async (ctx, args) => {
  const { userId, convId, convType } = convArgs(ctx, args, true);
  await ctx.emu.queue.enqueue(() => {
    ctx.emu.db.prepare('UPDATE convs SET draft = NULL WHERE user_id = ? AND conv_type = ? AND conv_id = ?').run(userId, convType, convId);
    ctx.emu.hub.touchConversation(userId, convType, convId);
  });
  return { value: 0 };
};

const pin: Handler = async (ctx, args) => {
  const { userId, convId, convType } = convArgs(ctx, args, true);
  const pinned = args.bool(2);
  await ctx.emu.queue.enqueue(() => {
    const changed = ctx.emu.db
      .prepare('UPDATE convs SET pinned = ? WHERE user_id = ? AND conv_type = ? AND conv_id = ? AND hidden = 0')
      .run(pinned ? 1 : 0, userId, convType, convId).changes;
    if (changed === 0) {
      throw new ApiError(Err.INVALID_CONVERSATION, 'conversation does not exist');
    }
    ctx.emu.hub.touchConversation(userId, convType, convId);
  });
  return {};
};

const totalUnread: Handler = async (ctx) => {
  const { userId } = requireLogin(ctx);
  const total = await ctx.emu.queue.enqueue(() => {
    const value = ctx.emu.convs.totalUnread(userId);
    ctx.emu.hub.setKnownTotal(userId, value);
    return value;
  });
  return { json: stringifyTimJson({ conv_get_total_unread_message_count_result_unread_count: total }) };
};

/**
 * TIMConvCleanConversationUnreadMessageCount: "c2c_<id>" / "group_<id>" one conversation, "c2c" /
 * "group" every one of that type, "" all; a C2C timestamp or group sequence of 0 means everything.
 */
const cleanUnread: Handler = async (ctx, args) => {
  const conversationId = args.str(0);
  const cleanTime = Number(args.int(1));
  const cleanSeq = Number(args.int(2));
  const { userId } = requireLogin(ctx);
  let targets: Array<{ convType: number; convId: string }> | undefined;
  const one = parseConversationId(conversationId);
  if (one !== undefined) {
    ctx.emu.access.conv(userId, one.convId, one.convType);
    targets = [one];
  } else if (conversationId !== '' && conversationId !== 'c2c' && conversationId !== 'group') {
    throw syncParamError('conversation_id must be "c2c_<user>", "group_<group>", "c2c", "group" or ""');
  }
  await ctx.emu.queue.enqueue(() => {
    const db = ctx.emu.db;
    const list =
      targets ??
      (db.prepare('SELECT conv_type, conv_id FROM convs WHERE user_id = ? AND hidden = 0').all(userId) as Array<{ conv_type: number; conv_id: string }>)
        .filter((row) => conversationId === '' || (conversationId === 'c2c') === (row.conv_type === C2C))
        .filter((row) => row.conv_type === C2C || ctx.emu.access.memberRow(row.conv_id, userId) !== undefined)
        .map((row) => ({ convType: row.conv_type, convId: row.conv_id }));
    for (const { convType, convId } of list) {
      const stream = ctx.emu.access.conv(userId, convId, convType).stream;
      const limit = convType === C2C ? (cleanTime > 0 ? 'server_time <= @v' : '1') : cleanSeq > 0 ? 'seq <= @v' : '1';
      const target = db
        .prepare(`SELECT id, server_time FROM messages WHERE stream = @stream AND local_device = 0 AND ${limit} ORDER BY id DESC LIMIT 1`)
        .get({ stream, v: convType === C2C ? cleanTime : cleanSeq }) as { id: number; server_time: number } | undefined;
      if (target === undefined) {
        continue;
      }
      db.prepare('UPDATE convs SET read_msg = max(read_msg, ?), read_time = max(read_time, ?) WHERE user_id = ? AND conv_type = ? AND conv_id = ?').run(
        target.id,
        target.server_time,
        userId,
        convType,
        convId,
      );
      recountUnread(ctx, userId, { convType, convId, stream });
      ctx.emu.hub.touchConversation(userId, convType, convId);
    }
  });
  return {};
};

const createConv: Handler = async (ctx, args) => {
  const { userId, convId, convType } = convArgs(ctx, args);
  const info = await ctx.emu.queue.enqueue(() => {
    const ref = ctx.emu.access.conv(userId, convId, convType);
    const added = ctx.emu.delivery.ensureConversation(userId, convType, convId, ref.stream, ctx.emu.serverTime());
    ctx.emu.db.prepare('UPDATE convs SET hidden = 0 WHERE user_id = ? AND conv_type = ? AND conv_id = ?').run(userId, convType, convId);
    ctx.emu.hub.touchConversation(userId, convType, convId, added);
    return ctx.emu.convs.view(userId, convType, convId);
  });
  return { json: stringifyFast(info ?? {}) };
};

export const conversationHandlers: Record<string, Handler> = {
  TIMConvGetConvList: getConvList,
  TIMConvGetConvInfo: getConvInfo,
  TIMConvDelete: deleteConv,
  TIMConvSetDraft: setDraft,
  TIMConvCancelDraft: cancelDraft,
  TIMConvPinConversation: pin,
  TIMConvGetTotalUnreadMessageCount: totalUnread,
  TIMConvCreate: createConv,
  TIMConvCleanConversationUnreadMessageCount: cleanUnread,
};

