/**
 * Message reactions (TIMMessageManager.h 6.19-6.22, beyond the seed): TIMMsgAddMessageReaction and
 * TIMMsgRemoveMessageReaction (on roaming messages the caller can see; every participant's devices get
 * MsgReactionsChanged with the changed reaction), TIMMsgGetMessageReactions (up to 20 messages of one
 * conversation, each with its reactions and their first users) and TIMMsgGetAllUserListOfMessageReaction
 * (one reaction's users, paged by the order they reacted in). Stored in `reactions` (schema.ts), one row
 * per message, reaction and user; a message's rows are numbered by `seq` in the order they were added.
 */
import type { Database as Db } from 'better-sqlite3';
import { stringifyTimJson } from '../../../tim/json';
import { ApiError, Err, invalidParam } from '../apiError';
import type { JsonObject } from '../args';
import { type Ctx, type Handler, requireLogin } from '../context';
import { type MessageRow, Status } from '../messageModel';
import { findLocal, visibleMessage } from './history';
import { msgIdsOfOneConv, participants, requireOneStream, requiredMsgId } from './targets';

/** Distinct reactions a message may hold (header 6.19: 23005 beyond). */
export const MAX_REACTIONS_PER_MESSAGE = 10;
/** Users one reaction may hold (header 6.19: 23006 beyond). */
export const MAX_USERS_PER_REACTION = 100;
/** The longest reaction id, in characters (code points): the emulator's choice, 6017 beyond. */
export const MAX_REACTION_ID_CHARS = 100;
/** Messages per TIMMsgGetMessageReactions call (header 6.21). */
const MAX_MESSAGES_PER_GET = 20;
/** The first users TIMMsgGetMessageReactions and MsgReactionsChanged list per reaction (header 6.21). */
const MAX_USERS_LISTED = 10;
/** Users per page of TIMMsgGetAllUserListOfMessageReaction (header 6.22). */
const MAX_USERS_PAGE = 100;

/** A reaction id argument: non-empty, at most MAX_REACTION_ID_CHARS characters. */
export function reactionIdOf(id: string): string {
  if (id.length === 0 || [...id].length > MAX_REACTION_ID_CHARS) {
    throw invalidParam(`reaction_id must be 1..${MAX_REACTION_ID_CHARS} characters`);
  }
  return id;
}

/** Users of one reaction of a message, in the order they reacted. */
function usersOf(db: Db, msg: number, reactionId: string): string[] {
  return (db.prepare('SELECT user_id FROM reactions WHERE msg = ? AND reaction_id = ? ORDER BY seq').all(msg, reactionId) as Array<{ user_id: string }>).map(
    (row) => row.user_id,
  );
}

/**
 * Adds `userId` to the message row's reaction `reactionId`, with the SDK's limits: already there 23007,
 * a full reaction 23006, a new reaction on a message that has all it may hold 23005. Also the seed's way in.
 */
export function storeReaction(db: Db, msg: number, reactionId: string, userId: string): void {
  const users = usersOf(db, msg, reactionId);
  if (users.includes(userId)) {
    throw new ApiError(Err.REACTION_ALREADY_CONTAIN_USER, `${userId} already reacted with ${reactionId}`);
  }
  if (users.length >= MAX_USERS_PER_REACTION) {
    throw new ApiError(Err.REACTION_USER_COUNT_LIMIT, `a reaction holds at most ${MAX_USERS_PER_REACTION} users`);
  }
  if (users.length === 0) {
    const { count } = db.prepare('SELECT count(DISTINCT reaction_id) AS count FROM reactions WHERE msg = ?').get(msg) as { count: number };
    if (count >= MAX_REACTIONS_PER_MESSAGE) {
      throw new ApiError(Err.REACTION_COUNT_LIMIT, `a message holds at most ${MAX_REACTIONS_PER_MESSAGE} reactions`);
    }
  }
  db.prepare('INSERT INTO reactions(msg, reaction_id, user_id, seq) SELECT ?, ?, ?, coalesce(max(seq), 0) + 1 FROM reactions WHERE msg = ?').run(msg, reactionId, userId, msg);
}

/** A reaction's user as the header's UserInfo: id, nick and face from the users table. */
function userInfo(ctx: Ctx, userId: string): JsonObject {
  const profile = ctx.emu.model.profile(userId);
  return { user_profile_identifier: userId, user_profile_nick_name: profile?.nick ?? '', user_profile_face_url: profile?.face_url ?? '' };
}

/** MessageReaction (header 10.5) of a reaction's users, as `viewer` sees it, with its first `listed` users. */
function reactionView(ctx: Ctx, reactionId: string, users: readonly string[], viewer: string, listed: number): JsonObject {
  return {
    message_reaction_id: reactionId,
    message_reaction_total_user_count: users.length,
    message_reaction_partial_user_info_array: users.slice(0, listed).map((user) => userInfo(ctx, user)),
    message_reaction_reacted_by_myself: users.includes(viewer),
  };
}

/** MsgReactionsChanged to every participant's devices: the reaction as it now is, per receiving user. */
function publishChange(ctx: Ctx, row: MessageRow, reactionId: string): void {
  const emu = ctx.emu;
  const users = usersOf(emu.db, row.id, reactionId);
  for (const user of participants(ctx, row.stream)) {
    if (emu.access.convOfStream(row.stream, user) === undefined) {
      continue;
    }
    const info = { message_reaction_change_info_msg_id: row.msg_id, message_reaction_change_info_reaction_list: [reactionView(ctx, reactionId, users, user, MAX_USERS_LISTED)] };
    emu.hub.toUser(user, { name: 'MsgReactionsChanged', json: stringifyTimJson([info]) });
  }
}

/**
 * TIMMsgAddMessageReaction and TIMMsgRemoveMessageReaction: `change` the caller's reaction on a message
 * they can see, then every participant hears of it (after the commit, as every event).
 */
function reactionChange(change: (ctx: Ctx, row: MessageRow, reactionId: string, userId: string) => void): Handler {
  return async (ctx, args) => {
    const msg = args.jsonObject(0, true) ?? {};
    const reactionId = reactionIdOf(args.str(1));
    const { userId, deviceId } = requireLogin(ctx);
    const msgId = requiredMsgId(msg);
    await ctx.emu.queue.enqueue(() => {
      const row = visibleMessage(ctx, userId, deviceId, msgId);
      change(ctx, row, reactionId, userId);
      publishChange(ctx, row, reactionId);
    });
    return {};
  };
}

const addReaction = reactionChange((ctx, row, reactionId, userId) => {
  if (row.local_device !== 0) {
    throw new ApiError(Err.INVALID_OPERATION, 'a local-only message is not on the server to react to');
  }
  if (row.status === Status.REVOKED) {
    throw new ApiError(Err.INVALID_OPERATION, 'a revoked message cannot get reactions');
  }
  storeReaction(ctx.emu.db, row.id, reactionId, userId);
});

const removeReaction = reactionChange((ctx, row, reactionId, userId) => {
  const users = usersOf(ctx.emu.db, row.id, reactionId);
  if (users.length === 0) {
    throw new ApiError(Err.REACTION_NOT_EXISTS, `nobody reacted with ${reactionId}`);
  }
  if (!users.includes(userId)) {
    throw new ApiError(Err.REACTION_NOT_CONTAIN_USER, `${userId} did not react with ${reactionId}`);
  }
  ctx.emu.db.prepare('DELETE FROM reactions WHERE msg = ? AND reaction_id = ? AND user_id = ?').run(row.id, reactionId, userId);
});

/** A message's reactions as `viewer` sees them, in the order of their earliest remaining user. */
function reactionsOf(ctx: Ctx, msg: number, viewer: string, listed: number): JsonObject[] {
  const rows = ctx.emu.db.prepare('SELECT reaction_id, user_id FROM reactions WHERE msg = ? ORDER BY seq').all(msg) as Array<{ reaction_id: string; user_id: string }>;
  const byReaction = new Map<string, string[]>();
  for (const { reaction_id: id, user_id: user } of rows) {
    const users = byReaction.get(id);
    if (users === undefined) {
      byReaction.set(id, [user]);
    } else {
      users.push(user);
    }
  }
  return [...byReaction].map(([id, users]) => reactionView(ctx, id, users, viewer, listed));
}

const getReactions: Handler = async (ctx, args) => {
  const list = args.jsonArray(0);
  const listed = args.int(1);
  const { userId, deviceId } = requireLogin(ctx);
  if (list.length > MAX_MESSAGES_PER_GET) {
    throw invalidParam(`at most ${MAX_MESSAGES_PER_GET} messages per call`);
  }
  if (listed < 0 || listed > MAX_USERS_LISTED) {
    throw invalidParam(`max_user_count_per_reaction must be 0..${MAX_USERS_LISTED}`);
  }
  const msgIds = msgIdsOfOneConv(list);
  const results = await ctx.emu.queue.enqueue(() => {
    const rows = msgIds.map((msgId) => findLocal(ctx, userId, deviceId, msgId)?.row);
    requireOneStream(rows);
    return rows.map((row, i) => ({
      message_reaction_result_code: row === undefined ? Err.DATABASE_NOTFOUND : 0,
      message_reaction_result_info: row === undefined ? 'message not found' : '',
      message_reaction_result_msg_id: msgIds[i],
      message_reaction_result_reaction_list: row === undefined ? [] : reactionsOf(ctx, row.id, userId, listed),
    }));
  });
  return { json: stringifyTimJson(results) };
};

const getReactionUsers: Handler = async (ctx, args) => {
  const msg = args.jsonObject(0, true) ?? {};
  const reactionId = reactionIdOf(args.str(1));
  const nextSeq = args.int(2);
  const count = args.int(3);
  const { userId, deviceId } = requireLogin(ctx);
  const msgId = requiredMsgId(msg);
  if (nextSeq < 0) {
    throw invalidParam('next_seq must not be negative');
  }
  if (count < 1 || count > MAX_USERS_PAGE) {
    throw invalidParam(`count must be 1..${MAX_USERS_PAGE}`);
  }
  const page = await ctx.emu.queue.enqueue(() => {
    const row = visibleMessage(ctx, userId, deviceId, msgId);
    const rows = ctx.emu.db
      .prepare('SELECT user_id, seq FROM reactions WHERE msg = ? AND reaction_id = ? AND seq >= ? ORDER BY seq LIMIT ?')
      .all(row.id, reactionId, nextSeq, count + 1) as Array<{ user_id: string; seq: number }>;
    if (rows.length === 0 && usersOf(ctx.emu.db, row.id, reactionId).length === 0) {
      throw new ApiError(Err.REACTION_NOT_EXISTS, `nobody reacted with ${reactionId}`);
    }
    const more = rows.length > count;
    return {
      message_reaction_user_result_user_info_array: rows.slice(0, count).map((r) => userInfo(ctx, r.user_id)),
      // The seq of the first user of the next page; 0 once there is none.
      message_reaction_user_result_next_seq: more ? rows[count].seq : 0,
      message_reaction_user_result_is_finished: !more,
    };
  });
  return { json: stringifyTimJson(page) };
};

export const reactionHandlers: Record<string, Handler> = {
  TIMMsgAddMessageReaction: addReaction,
  TIMMsgRemoveMessageReaction: removeReaction,
  TIMMsgGetMessageReactions: getReactions,
  TIMMsgGetAllUserListOfMessageReaction: getReactionUsers,
};
