/**
 * Every TimClient method: the C function it calls, its arguments in C order and their encoding (JSON
 * written with stringifyTimJson, uint64 bare), checked against the API table's argument kinds.
 */
import assert from 'node:assert/strict';
import { isTimArgOfKind, TIM_CALLBACK_APIS, TIM_SYNC_APIS, type TimArgKind } from '../../src/tim/apiTable';
import { TimClient } from '../../src/tim/client';
import type { TimArg } from '../../src/tim/endpoint';
import { TIMConvType, TIMDownloadType, TIMGroupType, TIMReceiveMessageOpt } from '../../src/tim/enums';
import { FakeEndpoint } from './fakeEndpoint';
import { MESSAGE, UNIQUE_ID } from './samples';

const TEXT = { message_elem_array: [{ elem_type: 0, text_elem_content: 'hi' }] } as const;
const TEXT_JSON = '{"message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}]}';
const MESSAGE_OUT = JSON.stringify({ ...MESSAGE, message_seq: 'SEQ', message_unique_id: 'UID' })
  .replace('"SEQ"', '18446744073709551615')
  .replace('"UID"', String(UNIQUE_ID));
const LOCATOR = {
  message_locator_is_revoked: false,
  message_locator_time: 123,
  message_locator_seq: 1,
  message_locator_is_self: false,
  message_locator_rand: 12345678,
  message_locator_unique_id: UNIQUE_ID,
};

interface Case {
  readonly api: string;
  readonly call: (client: TimClient) => Promise<unknown>;
  readonly args: readonly TimArg[];
}

const CASES: readonly Case[] = [
  // TIMManager.h
  { api: 'TIMInit', call: (c) => c.init(1400000000, { sdk_config_config_file_path: '/tmp/cfg' }), args: [1400000000, '{"sdk_config_config_file_path":"/tmp/cfg"}'] },
  { api: 'TIMInit', call: (c) => c.init(2n ** 63n), args: [2n ** 63n, '{}'] },
  { api: 'TIMUninit', call: (c) => c.uninit(), args: [] },
  { api: 'TIMSetConfig', call: (c) => c.setConfig({ set_config_is_log_output_console: false }), args: ['{"set_config_is_log_output_console":false}'] },
  { api: 'TIMLogin', call: (c) => c.login('alice', 'sig'), args: ['alice', 'sig'] },
  { api: 'TIMLogout', call: (c) => c.logout(), args: [] },
  { api: 'TIMGetLoginUserID', call: (c) => c.getLoginUserID(), args: [] },
  { api: 'TIMGetLoginStatus', call: (c) => c.getLoginStatus(), args: [] },
  { api: 'TIMGetSDKVersion', call: (c) => c.getSDKVersion(), args: [] },
  { api: 'TIMGetServerTime', call: (c) => c.getServerTime(), args: [] },
  {
    api: 'TIMProfileGetUserProfileList',
    call: (c) => c.profileGetUserProfileList({ friendship_getprofilelist_param_identifier_array: ['a', 'b'] }),
    args: ['{"friendship_getprofilelist_param_identifier_array":["a","b"]}'],
  },
  // TIMMessageManager.h: the 22 seed functions
  { api: 'TIMMsgSendMessage', call: (c) => c.msgSendMessage('bob', TIMConvType.C2C, TEXT), args: ['bob', 1, TEXT_JSON] },
  { api: 'TIMMsgSendNewMsg', call: (c) => c.msgSendNewMsg('grp', TIMConvType.Group, TEXT), args: ['grp', 2, TEXT_JSON] },
  { api: 'TIMMsgCancelSend', call: (c) => c.msgCancelSend('bob', 1, 'mid'), args: ['bob', 1, 'mid'] },
  { api: 'TIMMsgFindMessages', call: (c) => c.msgFindMessages(['m1', 'm2']), args: ['["m1","m2"]'] },
  { api: 'TIMMsgReportReaded', call: (c) => c.msgReportReaded('bob', 1, MESSAGE), args: ['bob', 1, MESSAGE_OUT] },
  { api: 'TIMMsgReportReaded', call: (c) => c.msgReportReaded('', 2), args: ['', 2, ''] },
  { api: 'TIMMsgMarkAllMessageAsRead', call: (c) => c.msgMarkAllMessageAsRead(), args: [] },
  { api: 'TIMMsgRevoke', call: (c) => c.msgRevoke('bob', 1, MESSAGE), args: ['bob', 1, MESSAGE_OUT] },
  {
    api: 'TIMMsgFindByMsgLocatorList',
    call: (c) => c.msgFindByMsgLocatorList('bob', 1, [LOCATOR]),
    args: ['bob', 1, `[{"message_locator_is_revoked":false,"message_locator_time":123,"message_locator_seq":1,"message_locator_is_self":false,"message_locator_rand":12345678,"message_locator_unique_id":${UNIQUE_ID}}]`],
  },
  { api: 'TIMMsgImportMsgList', call: (c) => c.msgImportMsgList('bob', 1, [TEXT, MESSAGE]), args: ['bob', 1, `[${TEXT_JSON},${MESSAGE_OUT}]`] },
  { api: 'TIMMsgSaveMsg', call: (c) => c.msgSaveMsg('bob', 1, TEXT), args: ['bob', 1, TEXT_JSON] },
  {
    api: 'TIMMsgGetMsgList',
    call: (c) => c.msgGetMsgList('grp', 2, { msg_getmsglist_param_count: 20, msg_getmsglist_param_last_msg_seq: 2n ** 60n, msg_getmsglist_param_is_forward: false }),
    args: ['grp', 2, `{"msg_getmsglist_param_count":20,"msg_getmsglist_param_last_msg_seq":${2n ** 60n},"msg_getmsglist_param_is_forward":false}`],
  },
  { api: 'TIMMsgGetMsgList', call: (c) => c.msgGetMsgList('bob', 1), args: ['bob', 1, '{}'] },
  {
    api: 'TIMMsgDelete',
    call: (c) => c.msgDelete('bob', 1, { msg_delete_param_msg: MESSAGE, msg_delete_param_is_ramble: true }),
    args: ['bob', 1, `{"msg_delete_param_msg":${MESSAGE_OUT},"msg_delete_param_is_ramble":true}`],
  },
  { api: 'TIMMsgListDelete', call: (c) => c.msgListDelete('bob', 1, [MESSAGE, MESSAGE]), args: ['bob', 1, `[${MESSAGE_OUT},${MESSAGE_OUT}]`] },
  { api: 'TIMMsgClearHistoryMessage', call: (c) => c.msgClearHistoryMessage('bob', 1), args: ['bob', 1] },
  {
    api: 'TIMMsgSetC2CReceiveMessageOpt',
    call: (c) => c.msgSetC2CReceiveMessageOpt(['a', 'b'], TIMReceiveMessageOpt.Not_Notify),
    args: ['["a","b"]', 2],
  },
  { api: 'TIMMsgGetC2CReceiveMessageOpt', call: (c) => c.msgGetC2CReceiveMessageOpt(['a']), args: ['["a"]'] },
  { api: 'TIMMsgSetGroupReceiveMessageOpt', call: (c) => c.msgSetGroupReceiveMessageOpt('grp', TIMReceiveMessageOpt.Not_Receive), args: ['grp', 1] },
  {
    api: 'TIMMsgDownloadElemToPath',
    call: (c) =>
      c.msgDownloadElemToPath(
        { msg_download_elem_param_type: TIMDownloadType.File, msg_download_elem_param_id: 'fid', msg_download_elem_param_business_id: 7, msg_download_elem_param_url: 'https://x/f' },
        '/tmp/dl/f.bin',
      ),
    args: ['{"msg_download_elem_param_type":1,"msg_download_elem_param_id":"fid","msg_download_elem_param_business_id":7,"msg_download_elem_param_url":"https://x/f"}', '/tmp/dl/f.bin'],
  },
  { api: 'TIMMsgDownloadMergerMessage', call: (c) => c.msgDownloadMergerMessage(MESSAGE), args: [MESSAGE_OUT] },
  {
    api: 'TIMMsgSearchLocalMessages',
    call: (c) => c.msgSearchLocalMessages({ msg_search_param_keyword_array: ['你好'], msg_search_param_keyword_list_match_type: 1, msg_search_param_page_size: 10 }),
    args: ['{"msg_search_param_keyword_array":["你好"],"msg_search_param_keyword_list_match_type":1,"msg_search_param_page_size":10}'],
  },
  {
    api: 'TIMMsgSetLocalCustomData',
    call: (c) => c.msgSetLocalCustomData({ ...MESSAGE, message_custom_str: 'played' }),
    args: [MESSAGE_OUT.replace('"message_custom_str":""', '"message_custom_str":"played"')],
  },
  { api: 'TIMMsgModifyMessage', call: (c) => c.msgModifyMessage(MESSAGE), args: [MESSAGE_OUT] },
  { api: 'TIMMsgAddMessageReaction', call: (c) => c.msgAddMessageReaction(MESSAGE, '👍'), args: [MESSAGE_OUT, '👍'] },
  { api: 'TIMMsgRemoveMessageReaction', call: (c) => c.msgRemoveMessageReaction(MESSAGE, '👍'), args: [MESSAGE_OUT, '👍'] },
  { api: 'TIMMsgGetMessageReactions', call: (c) => c.msgGetMessageReactions([MESSAGE], 3), args: [`[${MESSAGE_OUT}]`, 3] },
  { api: 'TIMMsgGetAllUserListOfMessageReaction', call: (c) => c.msgGetAllUserListOfMessageReaction(MESSAGE, '👍', 7, 100), args: [MESSAGE_OUT, '👍', 7, 100] },
  {
    api: 'TIMProfileModifySelfUserProfile',
    call: (c) => c.profileModifySelfUserProfile({ user_profile_item_nick_name: 'Alice 陈', user_profile_item_self_signature: 'shipping' }),
    args: ['{"user_profile_item_nick_name":"Alice 陈","user_profile_item_self_signature":"shipping"}'],
  },
  { api: 'TIMMsgSendMessageReadReceipts', call: (c) => c.msgSendMessageReadReceipts([MESSAGE]), args: [`[${MESSAGE_OUT}]`] },
  { api: 'TIMMsgGetMessageReadReceipts', call: (c) => c.msgGetMessageReadReceipts([MESSAGE, MESSAGE]), args: [`[${MESSAGE_OUT},${MESSAGE_OUT}]`] },
  { api: 'TIMMsgGetGroupMessageReadMemberList', call: (c) => c.msgGetGroupMessageReadMemberList(MESSAGE, 1, 2n ** 60n, 100), args: [MESSAGE_OUT, 1, 2n ** 60n, 100] },
  { api: 'TIMPinGroupMessage', call: (c) => c.pinGroupMessage('team', MESSAGE, true), args: ['team', MESSAGE_OUT, true] },
  { api: 'TIMPinGroupMessage', call: (c) => c.pinGroupMessage('team', MESSAGE, false), args: ['team', MESSAGE_OUT, false] },
  { api: 'TIMGetPinnedGroupMessageList', call: (c) => c.getPinnedGroupMessageList('team'), args: ['team'] },
  {
    api: 'TIMMsgBatchSend',
    call: (c) => c.msgBatchSend({ msg_batch_send_param_identifier_array: ['a', 'b'], msg_batch_send_param_msg: TEXT }),
    args: [`{"msg_batch_send_param_identifier_array":["a","b"],"msg_batch_send_param_msg":${TEXT_JSON}}`],
  },
  // TIMConversationManager.h
  { api: 'TIMConvGetConvList', call: (c) => c.convGetConvList(), args: [] },
  { api: 'TIMConvDelete', call: (c) => c.convDelete('grp', 2), args: ['grp', 2] },
  { api: 'TIMConvGetTotalUnreadMessageCount', call: (c) => c.convGetTotalUnreadMessageCount(), args: [] },
  { api: 'TIMConvCleanConversationUnreadMessageCount', call: (c) => c.convCleanConversationUnreadMessageCount('c2c_bob', 1700000000, 0), args: ['c2c_bob', 1700000000, 0] },
  { api: 'TIMConvCleanConversationUnreadMessageCount', call: (c) => c.convCleanConversationUnreadMessageCount('group_g', 0, 2n ** 60n), args: ['group_g', 0, 2n ** 60n] },
  { api: 'TIMConvCleanConversationUnreadMessageCount', call: (c) => c.convCleanConversationUnreadMessageCount(''), args: ['', 0, 0] },
  { api: 'TIMConvPinConversation', call: (c) => c.convPinConversation('bob', 1, true), args: ['bob', 1, true] },
  { api: 'TIMConvMarkConversation', call: (c) => c.convMarkConversation(['c2c_bob', 'group_g'], 2, true), args: ['["c2c_bob","group_g"]', 2, true] },
  { api: 'TIMConvMarkConversation', call: (c) => c.convMarkConversation(['c2c_bob'], 2n ** 40n, false), args: ['["c2c_bob"]', 2n ** 40n, false] },
  {
    api: 'TIMConvSetDraft',
    call: (c) => c.convSetDraft('bob', 1, { draft_msg: TEXT, draft_user_define: 'u', draft_edit_time: 1 }),
    args: ['bob', 1, `{"draft_msg":${TEXT_JSON},"draft_user_define":"u","draft_edit_time":1}`],
  },
  { api: 'TIMConvCancelDraft', call: (c) => c.convCancelDraft('bob', 1), args: ['bob', 1] },
  // TIMGroupManager.h
  {
    api: 'TIMGroupCreate',
    call: (c) => c.groupCreate({ create_group_param_group_name: 'g', create_group_param_group_type: TIMGroupType.Private, create_group_param_group_member_array: [{ group_member_info_identifier: 'bob' }] }),
    args: ['{"create_group_param_group_name":"g","create_group_param_group_type":1,"create_group_param_group_member_array":[{"group_member_info_identifier":"bob"}]}'],
  },
  { api: 'TIMGroupJoin', call: (c) => c.groupJoin('grp', 'hello'), args: ['grp', 'hello'] },
  { api: 'TIMGroupJoin', call: (c) => c.groupJoin('grp'), args: ['grp', ''] },
  { api: 'TIMGroupQuit', call: (c) => c.groupQuit('grp'), args: ['grp'] },
  { api: 'TIMGroupDelete', call: (c) => c.groupDelete('grp'), args: ['grp'] },
  { api: 'TIMGroupGetJoinedGroupList', call: (c) => c.groupGetJoinedGroupList(), args: [] },
  {
    api: 'TIMGroupGetMemberInfoList',
    call: (c) => c.groupGetMemberInfoList({ group_get_members_info_list_param_group_id: 'grp', group_get_members_info_list_param_next_seq: 0 }),
    args: ['{"group_get_members_info_list_param_group_id":"grp","group_get_members_info_list_param_next_seq":0}'],
  },
  {
    api: 'TIMGroupInviteMember',
    call: (c) => c.groupInviteMember({ group_invite_member_param_group_id: 'grp', group_invite_member_param_identifier_array: ['a', 'b'] }),
    args: ['{"group_invite_member_param_group_id":"grp","group_invite_member_param_identifier_array":["a","b"]}'],
  },
  {
    api: 'TIMGroupDeleteMember',
    call: (c) => c.groupDeleteMember({ group_delete_member_param_group_id: 'grp', group_delete_member_param_identifier_array: ['a'], group_delete_member_param_user_data: 'left the team' }),
    args: ['{"group_delete_member_param_group_id":"grp","group_delete_member_param_identifier_array":["a"],"group_delete_member_param_user_data":"left the team"}'],
  },
  {
    api: 'TIMGroupModifyMemberInfo',
    call: (c) => c.groupModifyMemberInfo({ group_modify_member_info_group_id: 'grp', group_modify_member_info_identifier: 'bob', group_modify_member_info_modify_flag: 2, group_modify_member_info_member_role: 300 }),
    args: ['{"group_modify_member_info_group_id":"grp","group_modify_member_info_identifier":"bob","group_modify_member_info_modify_flag":2,"group_modify_member_info_member_role":300}'],
  },
  {
    api: 'TIMGroupModifyGroupInfo',
    call: (c) => c.groupModifyGroupInfo({ group_modify_info_param_group_id: 'grp', group_modify_info_param_modify_flag: 3, group_modify_info_param_group_name: 'Core', group_modify_info_param_notification: 'Release on Friday' }),
    args: ['{"group_modify_info_param_group_id":"grp","group_modify_info_param_modify_flag":3,"group_modify_info_param_group_name":"Core","group_modify_info_param_notification":"Release on Friday"}'],
  },
  { api: 'TIMGroupGetGroupInfoList', call: (c) => c.groupGetGroupInfoList(['grp', '@TGS#2abc']), args: ['["grp","@TGS#2abc"]'] },
  {
    api: 'TIMGroupModifyGroupInfo',
    call: (c) => c.groupModifyGroupInfo({ group_modify_info_param_group_id: 'grp', group_modify_info_param_modify_flag: 0x10, group_modify_info_param_add_option: 1 }),
    args: ['{"group_modify_info_param_group_id":"grp","group_modify_info_param_modify_flag":16,"group_modify_info_param_add_option":1}'],
  },
  {
    api: 'TIMGroupGetPendencyList',
    call: (c) => c.groupGetPendencyList({ group_pendency_option_start_time: 0, group_pendency_option_max_limited: 20 }),
    args: ['{"group_pendency_option_start_time":0,"group_pendency_option_max_limited":20}'],
  },
  {
    api: 'TIMGroupHandlePendency',
    call: (c) =>
      c.groupHandlePendency({
        group_handle_pendency_param_is_accept: true,
        group_handle_pendency_param_handle_msg: 'welcome',
        group_handle_pendency_param_pendency: {
          group_pendency_group_id: 'grp',
          group_pendency_form_identifier: 'bob',
          group_pendency_to_identifier: 'alice',
          group_pendency_add_time: 12345678901234567890n,
          group_pendency_pendency_type: 0,
          group_pendency_handled: 0,
          group_pendency_handle_result: 0,
        },
      }),
    args: [
      '{"group_handle_pendency_param_is_accept":true,"group_handle_pendency_param_handle_msg":"welcome","group_handle_pendency_param_pendency":{"group_pendency_group_id":"grp","group_pendency_form_identifier":"bob","group_pendency_to_identifier":"alice","group_pendency_add_time":12345678901234567890,"group_pendency_pendency_type":0,"group_pendency_handled":0,"group_pendency_handle_result":0}}',
    ],
  },
  { api: 'TIMGroupReportPendencyReaded', call: (c) => c.groupReportPendencyReaded(1700000000n), args: [1700000000n] },
  // TIMManager.h 6.5-6.8
  { api: 'TIMGetUserStatus', call: (c) => c.getUserStatus(['bob', 'carol']), args: ['["bob","carol"]'] },
  { api: 'TIMSetSelfStatus', call: (c) => c.setSelfStatus({ user_status_custom_status: 'in a meeting' }), args: ['{"user_status_custom_status":"in a meeting"}'] },
  { api: 'TIMSubscribeUserStatus', call: (c) => c.subscribeUserStatus(['bob']), args: ['["bob"]'] },
  { api: 'TIMUnsubscribeUserStatus', call: (c) => c.unsubscribeUserStatus([]), args: ['[]'] },
  // TIMFriendshipManager.h 6.1-6.3
  { api: 'TIMFriendshipGetFriendProfileList', call: (c) => c.friendshipGetFriendProfileList(), args: [] },
  { api: 'TIMFriendshipGetFriendsInfo', call: (c) => c.friendshipGetFriendsInfo(['bob', '张三']), args: ['["bob","张三"]'] },
  {
    api: 'TIMFriendshipModifyFriendProfile',
    call: (c) => c.friendshipModifyFriendProfile({ friendship_modify_friend_profile_param_identifier: 'bob', friendship_modify_friend_profile_param_item: { friend_profile_item_remark: '老板' } }),
    args: ['{"friendship_modify_friend_profile_param_identifier":"bob","friendship_modify_friend_profile_param_item":{"friend_profile_item_remark":"老板"}}'],
  },
  {
    api: 'TIMFriendshipAddFriend',
    call: (c) => c.friendshipAddFriend({ friendship_add_friend_param_identifier: 'bob', friendship_add_friend_param_friend_type: 1, friendship_add_friend_param_add_wording: 'hi' }),
    args: ['{"friendship_add_friend_param_identifier":"bob","friendship_add_friend_param_friend_type":1,"friendship_add_friend_param_add_wording":"hi"}'],
  },
  {
    api: 'TIMFriendshipDeleteFriend',
    call: (c) => c.friendshipDeleteFriend({ friendship_delete_friend_param_friend_type: 1, friendship_delete_friend_param_identifier_array: ['bob'] }),
    args: ['{"friendship_delete_friend_param_friend_type":1,"friendship_delete_friend_param_identifier_array":["bob"]}'],
  },
  {
    api: 'TIMFriendshipCheckFriendType',
    call: (c) => c.friendshipCheckFriendType({ friendship_check_friendtype_param_check_type: 1, friendship_check_friendtype_param_identifier_array: ['bob'] }),
    args: ['{"friendship_check_friendtype_param_check_type":1,"friendship_check_friendtype_param_identifier_array":["bob"]}'],
  },
  {
    api: 'TIMFriendshipGetPendencyList',
    call: (c) => c.friendshipGetPendencyList({ friendship_get_pendency_list_param_type: 2, friendship_get_pendency_list_param_start_seq: 0 }),
    args: ['{"friendship_get_pendency_list_param_type":2,"friendship_get_pendency_list_param_start_seq":0}'],
  },
  {
    api: 'TIMFriendshipHandleFriendAddRequest',
    call: (c) => c.friendshipHandleFriendAddRequest({ friend_response_identifier: 'bob', friend_response_action: 1 }),
    args: ['{"friend_response_identifier":"bob","friend_response_action":1}'],
  },
  { api: 'TIMFriendshipReportPendencyReaded', call: (c) => c.friendshipReportPendencyReaded(), args: [0] },
  {
    api: 'TIMFriendshipDeletePendency',
    call: (c) => c.friendshipDeletePendency({ friendship_delete_pendency_param_type: 1, friendship_delete_pendency_param_identifier_array: ['bob'] }),
    args: ['{"friendship_delete_pendency_param_type":1,"friendship_delete_pendency_param_identifier_array":["bob"]}'],
  },
  { api: 'TIMFriendshipGetBlackList', call: (c) => c.friendshipGetBlackList(), args: [] },
  { api: 'TIMFriendshipAddToBlackList', call: (c) => c.friendshipAddToBlackList(['bob', '张三']), args: ['["bob","张三"]'] },
  { api: 'TIMFriendshipDeleteFromBlackList', call: (c) => c.friendshipDeleteFromBlackList(['bob']), args: ['["bob"]'] },
];

/** Answers that decode for every method, so the test is about the request side. */
function answeringEndpoint(): FakeEndpoint {
  const endpoint = new FakeEndpoint();
  for (const api of ['TIMMsgSendMessage', 'TIMMsgSendNewMsg', 'TIMMsgModifyMessage']) {
    endpoint.respond(api, { json: '{"message_msg_id":"m"}' });
  }
  endpoint.respond('TIMMsgGetMessageReactions', { json: '[]' });
  endpoint.respond('TIMGetPinnedGroupMessageList', { json: '[]' });
  endpoint.respond('TIMMsgGetMessageReadReceipts', { json: '[]' });
  endpoint.respond('TIMMsgGetGroupMessageReadMemberList', { json: '{"group_member_array":[],"next_seq":0,"is_finished":true}' });
  endpoint.respond('TIMMsgGetAllUserListOfMessageReaction', { json: '{"message_reaction_user_result_user_info_array":[],"message_reaction_user_result_next_seq":0,"message_reaction_user_result_is_finished":true}' });
  endpoint.respond('TIMMsgSearchLocalMessages', { json: '{"msg_search_result_total_count":0,"msg_search_result_item_array":[]}' });
  endpoint.respond('TIMConvGetTotalUnreadMessageCount', { json: '{"conv_get_total_unread_message_count_result_unread_count":0}' });
  endpoint.respond('TIMGroupCreate', { json: '{"create_group_result_groupid":"grp"}' });
  endpoint.respond('TIMGroupInviteMember', { json: '[]' });
  endpoint.respond('TIMGroupDeleteMember', { json: '[]' });
  endpoint.respond('TIMGroupGetGroupInfoList', { json: '[]' });
  endpoint.respond('TIMGroupGetPendencyList', { json: '{"group_pendency_result_next_start_time":0,"group_pendency_result_read_time_seq":0,"group_pendency_result_unread_num":0,"group_pendency_result_pendency_array":[]}' });
  endpoint.respond('TIMGetUserStatus', { json: '[]' });
  for (const api of ['TIMFriendshipGetBlackList', 'TIMFriendshipAddToBlackList', 'TIMFriendshipDeleteFromBlackList', 'TIMFriendshipGetFriendProfileList', 'TIMFriendshipGetFriendsInfo', 'TIMFriendshipDeleteFriend', 'TIMFriendshipCheckFriendType', 'TIMFriendshipDeletePendency']) {
    endpoint.respond(api, { json: '[]' });
  }
  endpoint.respond('TIMFriendshipAddFriend', { json: '{"friend_result_identifier":"bob","friend_result_code":0,"friend_result_desc":""}' });
  endpoint.respond('TIMFriendshipHandleFriendAddRequest', { json: '{"friend_result_identifier":"bob","friend_result_code":0,"friend_result_desc":""}' });
  endpoint.respond('TIMFriendshipGetPendencyList', { json: '{"pendency_page_start_time":0,"pendency_page_unread_num":0,"pendency_page_current_seq":0,"pendency_page_pendency_info_array":[]}' });
  endpoint.respond('TIMConvMarkConversation', { json: '[]' });
  endpoint.respond('TIMGroupGetMemberInfoList', { json: '{"group_get_member_info_list_result_next_seq":0,"group_get_member_info_list_result_info_array":[]}' });
  return endpoint;
}

describe('TimClient argument encoding', () => {
  for (const testCase of CASES) {
    it(`${testCase.api}(${testCase.args.map((a) => (typeof a === 'string' && a.length > 40 ? `${a.slice(0, 37)}...` : String(a))).join(', ')})`, async () => {
      const endpoint = answeringEndpoint();
      await testCase.call(new TimClient(endpoint));
      const call = endpoint.only();
      assert.equal(call.api, testCase.api);
      assert.deepEqual(call.args, testCase.args);
      const spec = (TIM_CALLBACK_APIS as Record<string, { args: readonly TimArgKind[] }>)[call.api] ??
        (TIM_SYNC_APIS as Record<string, { args: readonly TimArgKind[] }>)[call.api];
      assert.ok(spec !== undefined, `${call.api} is in an API table`);
      assert.equal(call.sync, call.api in TIM_SYNC_APIS, 'sync functions go through callSync');
      assert.equal(call.args.length, spec.args.length);
      call.args.forEach((arg, index) => assert.ok(isTimArgOfKind(spec.args[index], arg), `argument ${index} is a ${spec.args[index]}`));
    });
  }

  it('covers every function in both API tables', () => {
    const covered = new Set(CASES.map((c) => c.api));
    for (const api of [...Object.keys(TIM_CALLBACK_APIS), ...Object.keys(TIM_SYNC_APIS)]) {
      assert.ok(covered.has(api), `${api} has an encoding case`);
    }
  });
});
