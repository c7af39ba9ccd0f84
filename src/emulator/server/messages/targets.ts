/**
 * What a message call names and who hears of it: the message id a call's message argument must carry,
 * the conversation it declares, and everyone in a message stream (the receivers of MsgRevoke, MsgUpdate, MsgReactionsChanged and
 * MsgGroupPinnedMessageChanged). Its own module so that revoke (modify.ts) and the pins (pins.ts), which
 * use each other, both import it without importing each other in a cycle.
 */
import { invalidParam } from '../apiError';
import { isObject, type JsonObject, optNumber, optString } from '../args';
import type { Ctx } from '../context';
import { type MessageRow, c2cParties } from '../messageModel';

/** The message_msg_id a call's message must carry. */
export function requiredMsgId(msg: JsonObject): string {
  const msgId = optString(msg, 'message_msg_id');
  if (msgId === undefined || msgId.length === 0) {
    throw invalidParam('message_msg_id is required');
  }
  return msgId;
}

/** The conversation a message argument names (message_conv_type and message_conv_id), when it names one. */
function declaredConv(msg: JsonObject): string | undefined {
  const convType = optNumber(msg, 'message_conv_type');
  const convId = optString(msg, 'message_conv_id');
  return convType === undefined || convId === undefined ? undefined : `${convType}\n${convId}`;
}

const ONE_CONVERSATION = 'the messages must all be of one conversation';

/**
 * The message ids of a call's message array (each an object with a message_msg_id, else 6017), whose
 * messages must not declare two conversations (message_conv_type and message_conv_id; 6017).
 */
export function msgIdsOfOneConv(list: readonly unknown[]): string[] {
  const msgIds = list.map((msg) => {
    if (!isObject(msg)) {
      throw invalidParam('messages must be objects');
    }
    return requiredMsgId(msg);
  });
  if (new Set(list.map((msg) => declaredConv(msg as JsonObject)).filter((conv) => conv !== undefined)).size > 1) {
    throw invalidParam(ONE_CONVERSATION);
  }
  return msgIds;
}

/** The messages found for a call's message array must be of one conversation too (6017). */
export function requireOneStream(rows: ReadonlyArray<MessageRow | undefined>): void {
  if (new Set(rows.flatMap((row) => (row === undefined ? [] : [row.stream]))).size > 1) {
    throw invalidParam(ONE_CONVERSATION);
  }
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
