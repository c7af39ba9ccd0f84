/**
 * Message read receipts (TIMMessageManager.h 6.13-6.15, SDK 6.1+, beyond the seed): a receiver reports
 * having read messages that asked for receipts (`message_need_read_receipt`), the sender reads the counts
 * and pages through who read a group message and who has not. Reports reach the sender's devices as
 * the MsgReadedReceipt event, with the message id and the new counts.
 */
import type { TIMGroupMessageReadMembersFilter } from './enums';
import { stringifyTimJson, type Uint64 } from './json';
import { TimMessagePinApi } from './messagePinApi';
import type { TimMessage } from './types/message';
import type { TimMessageReceipt } from './types/messageParams';
import type { TimGroupMessageReadMembers } from './types/messageReceipt';
import { requireIntInRange, requireNonEmptyString } from './validate';

/** TIMMsgGetGroupMessageReadMemberList pages at most 100 members (header 6.15). */
export const MAX_READ_MEMBERS_PAGE = 100;

export class TimMessageReceiptApi extends TimMessagePinApi {
  /** TIMMsgSendMessageReadReceipts: the user read these messages (all of one conversation). */
  async msgSendMessageReadReceipts(messages: readonly TimMessage[]): Promise<void> {
    const api = 'TIMMsgSendMessageReadReceipts';
    if (messages.length === 0) {
      return;
    }
    for (const message of messages) {
      requireNonEmptyString(api, 'message_msg_id', message.message_msg_id);
    }
    await this.invoke(api, [stringifyTimJson(messages)]);
  }

  /** TIMMsgGetMessageReadReceipts: each message's read and unread counts (all of one conversation). */
  async msgGetMessageReadReceipts(messages: readonly TimMessage[]): Promise<TimMessageReceipt[]> {
    const api = 'TIMMsgGetMessageReadReceipts';
    if (messages.length === 0) {
      return [];
    }
    for (const message of messages) {
      requireNonEmptyString(api, 'message_msg_id', message.message_msg_id);
    }
    const result = await this.invoke(api, [stringifyTimJson(messages)]);
    return this.decodeArray<TimMessageReceipt>(api, result.json);
  }

  /**
   * TIMMsgGetGroupMessageReadMemberList: one page (1-100) of the members who read a group message, or
   * who have not. Start with `nextSeq` 0 and pass the answer's `next_seq` until it `is_finished`.
   */
  async msgGetGroupMessageReadMemberList(message: TimMessage, filter: TIMGroupMessageReadMembersFilter, nextSeq: Uint64, count: number): Promise<TimGroupMessageReadMembers> {
    const api = 'TIMMsgGetGroupMessageReadMemberList';
    requireNonEmptyString(api, 'message_msg_id', message.message_msg_id);
    requireIntInRange(api, 'filter', filter, 0, 1);
    requireIntInRange(api, 'count', count, 1, MAX_READ_MEMBERS_PAGE);
    const result = await this.invoke(api, [stringifyTimJson(message), filter, nextSeq, count]);
    return this.decodeObject<TimGroupMessageReadMembers>(api, result.json);
  }
}
