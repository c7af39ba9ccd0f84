/**
 * Recomputing a user's unread count for one conversation after something moved its read position or
 * removed messages: messages from others, after the read position, the roaming clear and the join,
 * not excluded from the unread count and not hidden for the user.
 */
import type { Ctx } from '../context';
import type { ConvRef } from '../access';

export function recountUnread(ctx: Ctx, userId: string, conv: ConvRef): void {
  const db = ctx.emu.db;
  const row = db.prepare('SELECT read_msg, cleared_msg FROM convs WHERE user_id = ? AND conv_type = ? AND conv_id = ?').get(userId, conv.convType, conv.convId) as
    | { read_msg: number; cleared_msg: number }
    | undefined;
  if (row === undefined) {
    return;
  }
  const joined = conv.convType === 2 ? (ctx.emu.access.memberRow(conv.convId, userId)?.join_msg ?? 0) : 0;
  const { n } = db
    .prepare(
      `SELECT count(*) AS n FROM messages m WHERE m.stream = ? AND m.local_device = 0 AND m.id > ? AND m.sender <> ? AND m.no_unread = 0
         AND NOT EXISTS (SELECT 1 FROM user_hidden h WHERE h.user_id = ? AND h.msg = m.id)`,
    )
    .get(conv.stream, Math.max(row.read_msg, row.cleared_msg, joined), userId, userId) as { n: number };
  db.prepare('UPDATE convs SET unread = ? WHERE user_id = ? AND conv_type = ? AND conv_id = ?').run(n, userId, conv.convType, conv.convId);
  if (conv.convType === 2) {
    // @-mentions at or before the read position are no longer pending.
    const readSeq = (db.prepare('SELECT seq FROM messages WHERE id = ? AND stream = ?').get(row.read_msg, conv.stream) as { seq: number } | undefined)?.seq ?? 0;
    db.prepare(
      `UPDATE convs SET at_info = coalesce((SELECT json_group_array(json(j.value)) FROM json_each(convs.at_info) j
         WHERE json_extract(j.value, '$.conv_group_at_info_seq') > ?), '[]')
       WHERE user_id = ? AND conv_type = 2 AND conv_id = ?`,
    ).run(n === 0 ? Number.MAX_SAFE_INTEGER : readSeq, userId, conv.convId);
  }
}

/** The highest message row id so far: "everything up to now" for clears. */
export function topMessageId(ctx: Ctx): number {
  return (ctx.emu.db.prepare('SELECT coalesce(max(id), 0) AS top FROM messages').get() as { top: number }).top;
}
