/**
 * What a message call names and who hears of it: the message id a call's message argument must carry,
 * and everyone in a message stream (the receivers of MsgRevoke, MsgUpdate, MsgReactionsChanged and
 * MsgGroupPinnedMessageChanged). Its own module so that revoke (modify.ts) and the pins (pins.ts), which
 * use each other, both import it without importing each other in a cycle.
 */
import { invalidParam } from '../apiError';
import { type JsonObject, optString } from '../args';
import type { Ctx } from '../context';
import { c2cParties } from '../messageModel';

/** The message_msg_id a call's message must carry. */
export function requiredMsgId(msg: JsonObject): string {
  const msgId = optString(msg, 'message_msg_id');
  if (msgId === undefined || msgId.length === 0) {
    throw invalidParam('message_msg_id is required');
  }
  return msgId;
}

/** Everyone in a message stream: both parties of a C2C conversation (one for a note to self), every group member. */
export function participants(ctx: Ctx, stream: string): string[] {
  const parties = c2cParties(stream);
  if (parties !== undefined) {
    return parties[0] === parties[1] ? [parties[0]] : parties;
  }
  return (ctx.emu.db.prepare('SELECT user_id FROM members WHERE group_id = ?').all(stream.slice('group:'.length)) as Array<{ user_id: string }>).map(
    (row) => row.user_id,
  );
}
