/**
 * Conversation marks (TIMConversationManager.h, SDK 6.5+, beyond the seed): TIMConvMarkConversation sets
 * or clears mark bits (TIMConversationMarkType Star 1, Unread 2, Fold 4, Hide 8, and extension marks from
 * 1 << 32 up) on up to 100 of the caller's conversations. Marks are the user's, like pins: stored in
 * `convs.marks` (a uint64 bit set as decimal text), shown as ConvInfo's `conv_mark_array` on every
 * device, and each changed conversation raises ConvEvent Update for all of them. Marks are independent
 * of unread counts: marking changes no count, and reading clears no mark.
 */
import { stringifyTimJson } from '../../tim/json';
import { ApiError, Err, invalidParam } from './apiError';
import { type Ctx, type Handler, requireLogin } from './context';
import { parseConversationId } from './conversations';
import { C2C } from './messageModel';

/** TIMConvMarkConversation marks at most 100 conversations per call (Tencent's markConversation limit; 6017 beyond). */
export const MAX_MARK_CONVERSATIONS = 100;
const UINT64 = (1n << 64n) - 1n;

/**
 * Sets (`enable`) or clears the bits of `markType` on one of `userId`'s conversations, named as the
 * conversation calls name them ("c2c_<user>", "group_<group>"); raises ConvEvent when the marks changed.
 * Throws the id's failure: 6017 a malformed id, 20003 no such C2C peer (as a send), 10010 no such group
 * and 10007 not a member (as every group call), 6004 a conversation not in the user's list (never
 * started, or deleted; as TIMConvPinConversation). Also the seed's way in.
 */
export function markConversation(ctx: Ctx, userId: string, conversationId: string, markType: bigint, enable: boolean): void {
  const conv = parseConversationId(conversationId);
  if (conv === undefined) {
    throw invalidParam(`conversation id ${JSON.stringify(conversationId)} must be "c2c_<user>" or "group_<group>"`);
  }
  const { convType, convId } = conv;
  if (convType === C2C && !ctx.emu.model.userExists(convId)) {
    throw new ApiError(Err.MSG_INVALID_ID, `account ${convId} does not exist`);
  }
  if (convType !== C2C) {
    ctx.emu.access.requireMember(convId, userId);
  }
  const row = ctx.emu.convs.row(userId, convType, convId);
  if (row === undefined || row.hidden !== 0) {
    throw new ApiError(Err.INVALID_CONVERSATION, `conversation ${conversationId} does not exist`);
  }
  const before = BigInt(row.marks);
  const after = enable ? before | markType : before & ~markType & UINT64;
  if (after === before) {
    return;
  }
  ctx.emu.db.prepare('UPDATE convs SET marks = ? WHERE user_id = ? AND conv_type = ? AND conv_id = ?').run(after.toString(), userId, convType, convId);
  ctx.emu.hub.touchConversation(userId, convType, convId);
}

/**
 * TIMConvMarkConversation(conversation_id_array, mark_type, enable_mark): the id array is JSON; bad JSON,
 * anything but strings, none or more than 100 ids, and mark type 0 fail the call (6017). Otherwise one
 * TIMConversationOperationResult per id, in the order given, each with its own code.
 */
const markConversations: Handler = async (ctx, args) => {
  const ids = args.idList(0, 'conversation_id_array', MAX_MARK_CONVERSATIONS, false);
  const markType = args.uint64(1);
  const enable = args.bool(2);
  if (markType === 0n) {
    throw invalidParam('mark_type must name at least one mark');
  }
  const { userId } = requireLogin(ctx);
  const results = await ctx.emu.queue.enqueue(() =>
    ids.map((id) => {
      let code = 0;
      let info = '';
      try {
        markConversation(ctx, userId, id, markType, enable);
      } catch (error: unknown) {
        if (!(error instanceof ApiError)) {
          throw error;
        }
        ({ code, desc: info } = error);
      }
      return { conversation_operation_result_conversation_id: id, conversation_operation_result_result_code: code, conversation_operation_result_result_info: info };
    }),
  );
  return { json: stringifyTimJson(results) };
};

export const convMarkHandlers: Record<string, Handler> = {
  TIMConvMarkConversation: markConversations,
};
