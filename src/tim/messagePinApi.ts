/**
 * Pinned group messages (TIMMessageManager.h, SDK 7.9+, beyond the seed): pin or unpin a message that
 * was sent in a group, and read the group's pinned list. Changes reach every member as the
 * MsgGroupPinnedMessageChanged event.
 */
import { stringifyTimJson } from './json';
import { TimMessageReactionApi } from './messageReactionApi';
import type { TimMessage } from './types/message';
import { requireNonEmptyString } from './validate';

/** A group holds at most 10 pinned messages; one more is ERR_SVR_GROUP_PINNED_MESSAGE_COUNT_LIMIT (10070). */
export const MAX_PINNED_GROUP_MESSAGES = 10;

export class TimMessagePinApi extends TimMessageReactionApi {
  /**
   * TIMPinGroupMessage: `message` as the SDK returned it (sent successfully, in `groupId`). Pinning one
   * already pinned is 10071; only the group's owner and admins may pin or unpin (10007).
   */
  async pinGroupMessage(groupId: string, message: TimMessage, isPinned: boolean): Promise<void> {
    const api = 'TIMPinGroupMessage';
    requireNonEmptyString(api, 'group_id', groupId);
    requireNonEmptyString(api, 'message_msg_id', message.message_msg_id);
    await this.invoke(api, [groupId, stringifyTimJson(message), isPinned]);
  }

  /** TIMGetPinnedGroupMessageList: the group's pinned messages, the latest pinned first, each with its pinner. */
  async getPinnedGroupMessageList(groupId: string): Promise<TimMessage[]> {
    const api = 'TIMGetPinnedGroupMessageList';
    requireNonEmptyString(api, 'group_id', groupId);
    const result = await this.invoke(api, [groupId]);
    return this.decodeArray<TimMessage>(api, result.json);
  }
}
