/**
 * Message read receipts (TIMMessageManager.h 6.13-6.15, SDK 6.1+, beyond the seed): a message sent with
 * `message_need_read_receipt` (C2C, or a group other than AVChatRoom and Community: send.ts drops the
 * flag there) stores it in `messages.need_receipt`. TIMMsgSendMessageReadReceipts records who read it
 * (once per reader) and tells the sender's devices (MsgReadedReceipt); TIMMsgGetMessageReadReceipts
 * gives the counts; TIMMsgGetGroupMessageReadMemberList pages through the members who read a group
 * message and those who have not. Stored in `receipts` (schema.ts), one row per message and reader;
 * a message's readers are numbered by `seq` in the order they reported. The views of a message carry
 * the receipt fields (messageModel.ts).
 */
import type { Database as Db } from 'better-sqlite3';
import { stringifyTimJson } from '../../../tim/json';
import { invalidParam } from '../apiError';
import type { JsonObject } from '../args';
import { type Ctx, type Handler, requireLogin } from '../context';
import { GroupType, MEMBER_INFO_COLUMNS, type MemberInfoRow, memberInfoReader } from '../groups';
import { C2C, GROUP, type MessageRow, Status, c2cParties } from '../messageModel';
import { visibleMessage } from './history';
import { msgIdsOfOneConv, requireOneStream, requiredMsgId } from './targets';

/** Members per page of TIMMsgGetGroupMessageReadMemberList (header 6.15). */
const MAX_MEMBERS_PAGE = 100;
/** TIMGroupMessageReadMembersFilter. */
const Filter = { READ: 0, UNREAD: 1 } as const;

/** Whether a group of this TIMGroupType takes read receipts: Tencent supports none in AVChatRoom and Community groups. */
export function groupTakesReceipts(type: number): boolean {
  return type !== GroupType.AVCHATROOM && type !== GroupType.COMMUNITY;
}

/** Records that `reader` read message row `msg`; false when they had reported it before. Also the seed's way in. */
export function storeReceipt(db: Db, msg: number, reader: string): boolean {
  return db.prepare('INSERT OR IGNORE INTO receipts(msg, user_id, seq) SELECT ?, ?, coalesce(max(seq), 0) + 1 FROM receipts WHERE msg = ?').run(msg, reader, msg).changes > 0;
}

/** A message on the server that asked for receipts: the only kind a receipt is about. */
function asksReceipts(row: MessageRow): boolean {
  return row.need_receipt === 1 && row.local_device === 0;
}

/** The party of a C2C message who is not its sender (undefined for a note to self or a group message). */
function c2cReceiver(row: MessageRow): string | undefined {
  return c2cParties(row.stream)?.find((party) => party !== row.sender);
}

/**
 * The MessageReceipt of a message: a group's counts, or whether a C2C message's receiver reported it;
 * `convId` is the conversation as the receiving user sees it.
 */
function receiptOf(ctx: Ctx, row: MessageRow, convId: string): JsonObject {
  const base = { msg_receipt_conv_id: convId, msg_receipt_conv_type: row.conv_type, msg_receipt_msg_id: row.msg_id };
  if (row.conv_type === GROUP) {
    const counts = asksReceipts(row) ? ctx.emu.model.groupReceiptCounts(row) : { read: 0, unread: 0 };
    return { ...base, msg_receipt_read_count: counts.read, msg_receipt_unread_count: counts.unread };
  }
  const receiver = c2cReceiver(row);
  const read = asksReceipts(row) && receiver !== undefined && ctx.emu.model.hasReceipt(row.id, receiver);
  return { ...base, msg_receipt_is_peer_read: read, msg_receipt_read_count: read ? 1 : 0, msg_receipt_unread_count: asksReceipts(row) && !read ? 1 : 0 };
}

/** The messages a receipt call names, each one the caller can see (7011 naming it otherwise), all of one conversation (6017). */
function visibleMessagesOfOneConv(ctx: Ctx, userId: string, deviceId: number, msgIds: readonly string[]): MessageRow[] {
  const rows = msgIds.map((msgId) => visibleMessage(ctx, userId, deviceId, msgId));
  requireOneStream(rows);
  return rows;
}

/** The message ids of a receipt call's array: at least one (6017), declaring one conversation (6017). */
function msgIdsOf(list: readonly unknown[]): string[] {
  if (list.length === 0) {
    throw invalidParam('the message array is empty: name at least one message');
  }
  return msgIdsOfOneConv(list);
}

const sendReceipts: Handler = async (ctx, args) => {
  const list = args.jsonArray(0);
  const { userId, deviceId } = requireLogin(ctx);
  const msgIds = msgIdsOf(list);
  await ctx.emu.queue.enqueue(() => {
    const emu = ctx.emu;
    const bySender = new Map<string, MessageRow[]>();
    for (const row of visibleMessagesOfOneConv(ctx, userId, deviceId, msgIds)) {
      // Nothing to report: the caller's own messages, messages that asked for no receipt, revoked ones; a repeat.
      if (row.sender === userId || !asksReceipts(row) || row.status !== Status.SUCC || !storeReceipt(emu.db, row.id, userId)) {
        continue;
      }
      const rows = bySender.get(row.sender);
      if (rows === undefined) {
        bySender.set(row.sender, [row]);
      } else {
        rows.push(row);
      }
    }
    for (const [sender, rows] of bySender) {
      // As the sender sees the conversation: the group, or (C2C) the reader, as TIMMsgReportReaded's receipt names it.
      const receipts = rows.map((row) => receiptOf(ctx, row, row.conv_type === C2C ? userId : row.stream.slice('group:'.length)));
      emu.hub.toUser(sender, { name: 'MsgReadedReceipt', json: stringifyTimJson(receipts) });
    }
  });
  return {};
};

const getReceipts: Handler = async (ctx, args) => {
  const list = args.jsonArray(0);
  const { userId, deviceId } = requireLogin(ctx);
  const msgIds = msgIdsOf(list);
  const receipts = await ctx.emu.queue.enqueue(() =>
    visibleMessagesOfOneConv(ctx, userId, deviceId, msgIds).map((row) => {
      const convId = row.conv_type === C2C ? (c2cParties(row.stream)?.find((party) => party !== userId) ?? userId) : row.stream.slice('group:'.length);
      return receiptOf(ctx, row, convId);
    }),
  );
  return { json: stringifyTimJson(receipts) };
};

const READ_MEMBERS = `SELECT ${MEMBER_INFO_COLUMNS} FROM receipts r
  JOIN members m ON m.group_id = @group AND m.user_id = r.user_id AND m.user_id <> @sender AND m.join_msg < @msg
  LEFT JOIN users u ON u.user_id = m.user_id
  WHERE r.msg = @msg ORDER BY r.seq LIMIT @limit OFFSET @offset`;
const UNREAD_MEMBERS = `SELECT ${MEMBER_INFO_COLUMNS} FROM members m
  LEFT JOIN users u ON u.user_id = m.user_id
  WHERE m.group_id = @group AND m.user_id <> @sender AND m.join_msg < @msg
    AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.msg = @msg AND r.user_id = m.user_id)
  ORDER BY m.user_id LIMIT @limit OFFSET @offset`;

const readMemberList: Handler = async (ctx, args) => {
  const msg = args.jsonObject(0, true) ?? {};
  const filter = args.int(1);
  const offset = args.int(2);
  const count = args.int(3);
  const { userId, deviceId } = requireLogin(ctx);
  const msgId = requiredMsgId(msg);
  if (filter !== Filter.READ && filter !== Filter.UNREAD) {
    throw invalidParam('filter must be 0 (read) or 1 (unread)');
  }
  if (count < 1 || count > MAX_MEMBERS_PAGE) {
    throw invalidParam(`count must be 1..${MAX_MEMBERS_PAGE}`);
  }
  if (offset < 0) {
    throw invalidParam('next_seq must not be negative');
  }
  const page = await ctx.emu.queue.enqueue(() => {
    const row = visibleMessage(ctx, userId, deviceId, msgId);
    if (row.conv_type !== GROUP) {
      throw invalidParam('read members are listed for group messages only');
    }
    const groupId = row.stream.slice('group:'.length);
    const rows = asksReceipts(row)
      ? (ctx.emu.db
          .prepare(filter === Filter.READ ? READ_MEMBERS : UNREAD_MEMBERS)
          .all({ group: groupId, sender: row.sender, msg: row.id, limit: count + 1, offset }) as MemberInfoRow[])
      : [];
    const more = rows.length > count;
    return {
      group_member_array: rows.slice(0, count).map(memberInfoReader(ctx, groupId)),
      // An offset into the list: where the next page starts; 0 once there is none.
      next_seq: more ? offset + count : 0,
      is_finished: !more,
    };
  });
  return { json: stringifyTimJson(page) };
};

export const receiptHandlers: Record<string, Handler> = {
  TIMMsgSendMessageReadReceipts: sendReceipts,
  TIMMsgGetMessageReadReceipts: getReceipts,
  TIMMsgGetGroupMessageReadMemberList: readMemberList,
};
