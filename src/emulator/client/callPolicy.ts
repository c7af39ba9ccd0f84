/**
 * What happens to a call that was in flight when the connection dropped, decided per C function:
 * - `resend`: message sends. The endpoint chose the message id, and the server stores a message id
 *   once, so sending the same frame again is safe and is the only way to learn the outcome.
 * - `retry`: reads and session calls whose effect is the same however often they run; sent again.
 * - `reject`: everything else (revoke, delete, mark read, batch send ...). The server may or may not
 *   have applied it and the endpoint cannot tell, so the caller gets ENDPOINT_CLOSED and decides.
 * Calls that had not been written to a socket yet are simply sent later, whatever their kind.
 */

export type InFlightPolicy = 'resend' | 'retry' | 'reject';

/** The sends whose message id the endpoint generates (TIMMsgSendMessage writes it into the caller's buffer). */
export const MESSAGE_SEND_APIS: ReadonlySet<string> = new Set(['TIMMsgSendMessage', 'TIMMsgSendNewMsg']);

const RETRYABLE_APIS: ReadonlySet<string> = new Set([
  // Session: the server treats a repeat as a no-op (or the replay put the session back first).
  'TIMInit',
  'TIMUninit',
  'TIMLogin',
  'TIMLogout',
  'TIMSetConfig',
  // Synchronous getters, the set-to-a-value draft calls, and marks (setting or clearing bits twice is
  // doing it once).
  'TIMGetSDKVersion',
  'TIMGetServerTime',
  'TIMGetLoginUserID',
  'TIMGetLoginStatus',
  'TIMConvSetDraft',
  'TIMConvCancelDraft',
  'TIMConvMarkConversation',
  // Reads.
  'TIMProfileGetUserProfileList',
  'TIMMsgGetMsgList',
  'TIMMsgFindMessages',
  'TIMMsgFindByMsgLocatorList',
  'TIMMsgSearchLocalMessages',
  'TIMMsgSearchCloudMessages',
  'TIMMsgGetC2CReceiveMessageOpt',
  'TIMMsgGetAllReceiveMessageOpt',
  'TIMMsgGetMessageReadReceipts',
  'TIMMsgGetGroupMessageReadMemberList',
  'TIMMsgGetMessageExtensions',
  'TIMMsgGetMessageReactions',
  'TIMMsgGetAllUserListOfMessageReaction',
  'TIMGetPinnedGroupMessageList',
  'TIMConvGetConvList',
  'TIMConvGetConvInfo',
  'TIMConvGetConversationListByFilter',
  'TIMConvGetTotalUnreadMessageCount',
  'TIMConvGetUnreadMessageCountByFilter',
  'TIMConvGetConversationGroupList',
  'TIMGroupGetJoinedGroupList',
  'TIMGroupGetGroupInfoList',
  'TIMGroupGetMemberInfoList',
  'TIMGroupGetOnlineMemberCount',
]);

export function inFlightPolicyOf(api: string): InFlightPolicy {
  if (MESSAGE_SEND_APIS.has(api)) {
    return 'resend';
  }
  return RETRYABLE_APIS.has(api) ? 'retry' : 'reject';
}
