/**
 * The seed's message calls that act on one conversation's messages (TIMMessageManager.h): send, cancel,
 * find, report read, revoke, import, save, get list, delete and clear. The remaining seed calls
 * (receive options, downloads, search, local data, batch send) are in messageOptionApi.ts.
 */
import { TimManagerApi } from './managerApi';
import { TIMElemType, type TIMConvType } from './enums';
import { stringifyTimJson } from './json';
import type { TimMessage, TimMessageParam } from './types/message';
import type { TimMsgDeleteParam, TimMsgGetMsgListParam, TimMsgLocator } from './types/messageParams';
import { MAX_LIST_DELETE_MESSAGES, requireAtMost, requireConvType, requireConversation, requireNonEmptyString } from './validate';

/** What TIMMsgSendMessage resolves with. */
export interface TimSendResult {
  /** The id the SDK wrote into the caller's buffer; equals `message.message_msg_id`. */
  readonly messageId: string;
  /** The sent message as the callback returned it. */
  readonly message: TimMessage;
}

/** Elements whose files the SDK uploads while sending, so the send gets the transfer timeout. */
const UPLOADED_ELEM_TYPES: ReadonlySet<number> = new Set([
  TIMElemType.Image,
  TIMElemType.Sound,
  TIMElemType.File,
  TIMElemType.Video,
]);

export function messageUploadsFiles(message: TimMessageParam): boolean {
  return message.message_elem_array.some((elem) => UPLOADED_ELEM_TYPES.has(elem.elem_type));
}

export class TimMessageApi extends TimManagerApi {
  /** TIMMsgSendMessage. Group tips and group reports cannot be sent (the element type excludes them). */
  async msgSendMessage(convId: string, convType: TIMConvType, message: TimMessageParam): Promise<TimSendResult> {
    const api = 'TIMMsgSendMessage';
    requireConversation(api, convId, convType);
    const weight = messageUploadsFiles(message) ? 'transfer' : 'normal';
    const result = await this.invoke(api, [convId, convType, stringifyTimJson(message)], weight);
    const sent = this.decodeObject<TimMessage>(api, result.json);
    return { messageId: result.messageId ?? sent.message_msg_id, message: sent };
  }

  /** TIMMsgSendNewMsg: deprecated by the SDK in favour of TIMMsgSendMessage; kept for completeness. */
  async msgSendNewMsg(convId: string, convType: TIMConvType, message: TimMessageParam): Promise<TimMessage> {
    const api = 'TIMMsgSendNewMsg';
    requireConversation(api, convId, convType);
    const weight = messageUploadsFiles(message) ? 'transfer' : 'normal';
    const result = await this.invoke(api, [convId, convType, stringifyTimJson(message)], weight);
    return this.decodeObject<TimMessage>(api, result.json);
  }

  /** TIMMsgCancelSend: a message still sending or uploading. */
  async msgCancelSend(convId: string, convType: TIMConvType, messageId: string): Promise<void> {
    const api = 'TIMMsgCancelSend';
    requireConversation(api, convId, convType);
    requireNonEmptyString(api, 'message_id', messageId);
    await this.invoke(api, [convId, convType, messageId]);
  }

  /** TIMMsgFindMessages: local messages by `message_msg_id`. */
  async msgFindMessages(messageIds: readonly string[]): Promise<TimMessage[]> {
    const api = 'TIMMsgFindMessages';
    const result = await this.invoke(api, [stringifyTimJson(messageIds)]);
    return this.decodeArray<TimMessage>(api, result.json);
  }

  /**
   * TIMMsgReportReaded. An empty `convId` marks every conversation of `convType` read (SDK 5.8+);
   * without `message`, the conversation's newest message (or now) is the read time.
   */
  async msgReportReaded(convId: string, convType: TIMConvType, message?: TimMessage): Promise<void> {
    const api = 'TIMMsgReportReaded';
    requireConvType(api, convType);
    await this.invoke(api, [convId, convType, message === undefined ? '' : stringifyTimJson(message)]);
  }

  /** TIMMsgMarkAllMessageAsRead. */
  async msgMarkAllMessageAsRead(): Promise<void> {
    await this.invoke('TIMMsgMarkAllMessageAsRead', []);
  }

  /** TIMMsgRevoke: pass the message as the SDK returned it. */
  async msgRevoke(convId: string, convType: TIMConvType, message: TimMessage): Promise<void> {
    const api = 'TIMMsgRevoke';
    requireConversation(api, convId, convType);
    await this.invoke(api, [convId, convType, stringifyTimJson(message)]);
  }

  /**
   * TIMMsgModifyMessage: the message as the SDK returned it, with its text or custom elements or cloud
   * custom data changed. Resolves with the message as it now is; every participant gets MsgUpdate. If
   * someone changed it since it was read (its message_version), TIM refuses with 8006
   * (ERR_SDK_MSG_MODIFY_CONFLICT).
   */
  async msgModifyMessage(message: TimMessage): Promise<TimMessage> {
    const api = 'TIMMsgModifyMessage';
    requireNonEmptyString(api, 'message_msg_id', message.message_msg_id);
    const result = await this.invoke(api, [stringifyTimJson(message)]);
    return this.decodeObject<TimMessage>(api, result.json);
  }

  /** TIMMsgFindByMsgLocatorList: one message per locator, revoked ones included. */
  async msgFindByMsgLocatorList(convId: string, convType: TIMConvType, locators: readonly TimMsgLocator[]): Promise<TimMessage[]> {
    const api = 'TIMMsgFindByMsgLocatorList';
    requireConversation(api, convId, convType);
    const result = await this.invoke(api, [convId, convType, stringifyTimJson(locators)]);
    return this.decodeArray<TimMessage>(api, result.json);
  }

  /** TIMMsgImportMsgList: into this device's local store only. */
  async msgImportMsgList(convId: string, convType: TIMConvType, messages: readonly (TimMessageParam | TimMessage)[]): Promise<void> {
    const api = 'TIMMsgImportMsgList';
    requireConversation(api, convId, convType);
    await this.invoke(api, [convId, convType, stringifyTimJson(messages)]);
  }

  /** TIMMsgSaveMsg: a message stored locally without being sent; resolves with it when the SDK returns it. */
  async msgSaveMsg(convId: string, convType: TIMConvType, message: TimMessageParam | TimMessage): Promise<TimMessage | undefined> {
    const api = 'TIMMsgSaveMsg';
    requireConversation(api, convId, convType);
    const result = await this.invoke(api, [convId, convType, stringifyTimJson(message)]);
    return this.decodeOptionalObject<TimMessage>(api, result.json);
  }

  /** TIMMsgGetMsgList. */
  async msgGetMsgList(convId: string, convType: TIMConvType, param: TimMsgGetMsgListParam = {}): Promise<TimMessage[]> {
    const api = 'TIMMsgGetMsgList';
    requireConversation(api, convId, convType);
    const result = await this.invoke(api, [convId, convType, stringifyTimJson(param)]);
    return this.decodeArray<TimMessage>(api, result.json);
  }

  /** TIMMsgDelete: one message, locally or (is_ramble) on the server too. */
  async msgDelete(convId: string, convType: TIMConvType, param: TimMsgDeleteParam): Promise<void> {
    const api = 'TIMMsgDelete';
    requireConversation(api, convId, convType);
    await this.invoke(api, [convId, convType, stringifyTimJson(param)]);
  }

  /** TIMMsgListDelete: at most 30 messages, local and roaming copies (other devices keep theirs). */
  async msgListDelete(convId: string, convType: TIMConvType, messages: readonly TimMessage[]): Promise<void> {
    const api = 'TIMMsgListDelete';
    requireConversation(api, convId, convType);
    requireAtMost(api, 'json_msg_array', messages, MAX_LIST_DELETE_MESSAGES);
    await this.invoke(api, [convId, convType, stringifyTimJson(messages)]);
  }

  /** TIMMsgClearHistoryMessage. */
  async msgClearHistoryMessage(convId: string, convType: TIMConvType): Promise<void> {
    const api = 'TIMMsgClearHistoryMessage';
    requireConversation(api, convId, convType);
    await this.invoke(api, [convId, convType]);
  }
}
