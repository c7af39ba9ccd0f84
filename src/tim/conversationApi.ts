/**
 * The conversation calls the tree needs (TIMConversationManager.h): list, delete, total unread, clean
 * unread, pin, marks and drafts.
 */
import type { TIMConvType } from './enums';
import { stringifyTimJson, type Uint64 } from './json';
import { TimMessageReceiptApi } from './messageReceiptApi';
import type { TimConvInfo, TimConversationOperationResult, TimDraft, TimTotalUnreadResult } from './types/conversation';
import { requireConversation, requireIdList } from './validate';

/** TIMConvMarkConversation marks at most 100 conversations per call (Tencent's markConversation limit). */
export const MAX_MARK_CONVERSATIONS = 100;

export class TimConversationApi extends TimMessageReceiptApi {
  /** TIMConvGetConvList. */
  async convGetConvList(): Promise<TimConvInfo[]> {
    const api = 'TIMConvGetConvList';
    const result = await this.invoke(api, []);
    return this.decodeArray<TimConvInfo>(api, result.json);
  }

  /** TIMConvDelete: the conversation and its messages, locally and on the server. */
  async convDelete(convId: string, convType: TIMConvType): Promise<void> {
    const api = 'TIMConvDelete';
    requireConversation(api, convId, convType);
    await this.invoke(api, [convId, convType]);
  }

  /** TIMConvGetTotalUnreadMessageCount: excludes conversations that are not notified. */
  async convGetTotalUnreadMessageCount(): Promise<number> {
    const api = 'TIMConvGetTotalUnreadMessageCount';
    const result = await this.invoke(api, []);
    const decoded = this.decodeObject<TimTotalUnreadResult>(api, result.json);
    return Number(decoded.conv_get_total_unread_message_count_result_unread_count);
  }

  /**
   * TIMConvCleanConversationUnreadMessageCount. `conversationId` is "c2c_<user>" or "group_<group>";
   * "c2c" / "group" clean every conversation of that type and "" every conversation. A timestamp (C2C)
   * or sequence (group) of 0 cleans everything.
   */
  async convCleanConversationUnreadMessageCount(
    conversationId: string,
    cleanTimestamp: Uint64 = 0,
    cleanSequence: Uint64 = 0,
  ): Promise<void> {
    await this.invoke('TIMConvCleanConversationUnreadMessageCount', [conversationId, cleanTimestamp, cleanSequence]);
  }

  /** TIMConvPinConversation. */
  async convPinConversation(convId: string, convType: TIMConvType, isPinned: boolean): Promise<void> {
    const api = 'TIMConvPinConversation';
    requireConversation(api, convId, convType);
    await this.invoke(api, [convId, convType, isPinned]);
  }

  /**
   * TIMConvMarkConversation: sets (`enable`) or clears marks on conversations ("c2c_<user>",
   * "group_<group>"); `markType` is TIMConversationMarkType values or'ed together, or an extension mark
   * (1 << 32 and up). One result per conversation.
   */
  async convMarkConversation(conversationIds: readonly string[], markType: Uint64, enable: boolean): Promise<TimConversationOperationResult[]> {
    const api = 'TIMConvMarkConversation';
    requireIdList(api, 'conversation_id_array', 'conversation_id', conversationIds, MAX_MARK_CONVERSATIONS);
    if (conversationIds.length === 0) {
      return [];
    }
    const result = await this.invoke(api, [stringifyTimJson(conversationIds), markType, enable]);
    return this.decodeArray<TimConversationOperationResult>(api, result.json);
  }

  /** TIMConvSetDraft (synchronous in the SDK). */
  async convSetDraft(convId: string, convType: TIMConvType, draft: TimDraft): Promise<void> {
    const api = 'TIMConvSetDraft';
    requireConversation(api, convId, convType);
    await this.invokeSyncResult(api, [convId, convType, stringifyTimJson(draft)]);
  }

  /** TIMConvCancelDraft (synchronous in the SDK). */
  async convCancelDraft(convId: string, convType: TIMConvType): Promise<void> {
    const api = 'TIMConvCancelDraft';
    requireConversation(api, convId, convType);
    await this.invokeSyncResult(api, [convId, convType]);
  }
}
