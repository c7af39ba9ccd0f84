/** Input the client refuses before calling the engine, with the SDK's codes; nothing reaches the endpoint. */
import assert from 'node:assert/strict';
import { TimClient } from '../../src/tim/client';
import { TimErrorCode } from '../../src/tim/errorCodes';
import { TimError, TimResult } from '../../src/tim/errors';
import { FakeEndpoint } from './fakeEndpoint';
import { MESSAGE } from './samples';

const TEXT = { message_elem_array: [{ elem_type: 0, text_elem_content: 'hi' }] } as const;

async function assertRefused(call: (client: TimClient) => Promise<unknown>, code: number, api: string, desc: RegExp): Promise<void> {
  const endpoint = new FakeEndpoint();
  await assert.rejects(call(new TimClient(endpoint)), (error: unknown) => {
    assert.ok(error instanceof TimError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.api, api);
    assert.match(error.desc, desc);
    return true;
  });
  assert.equal(endpoint.calls.length, 0, 'the endpoint was not called');
}

describe('TimClient input validation', () => {
  it('refuses an empty conversation id with -4 (TIM_ERR_PARAM), like the SDK, for C2C and groups', async () => {
    await assertRefused((c) => c.msgSendMessage('', 1, TEXT), TimResult.ERR_PARAM, 'TIMMsgSendMessage', /conv_id must not be empty.*peer user id/);
    await assertRefused((c) => c.msgGetMsgList('', 2), TimResult.ERR_PARAM, 'TIMMsgGetMsgList', /group id/);
    const calls: readonly [string, (c: TimClient) => Promise<unknown>][] = [
      ['TIMMsgSendNewMsg', (c) => c.msgSendNewMsg('', 1, TEXT)],
      ['TIMMsgCancelSend', (c) => c.msgCancelSend('', 1, 'id')],
      ['TIMMsgRevoke', (c) => c.msgRevoke('', 1, MESSAGE)],
      ['TIMMsgFindByMsgLocatorList', (c) => c.msgFindByMsgLocatorList('', 1, [])],
      ['TIMMsgImportMsgList', (c) => c.msgImportMsgList('', 1, [])],
      ['TIMMsgSaveMsg', (c) => c.msgSaveMsg('', 1, TEXT)],
      ['TIMMsgDelete', (c) => c.msgDelete('', 1, {})],
      ['TIMMsgListDelete', (c) => c.msgListDelete('', 1, [])],
      ['TIMMsgClearHistoryMessage', (c) => c.msgClearHistoryMessage('', 1)],
      ['TIMConvDelete', (c) => c.convDelete('', 1)],
      ['TIMConvPinConversation', (c) => c.convPinConversation('', 1, true)],
      ['TIMConvSetDraft', (c) => c.convSetDraft('', 1, { draft_msg: TEXT })],
      ['TIMConvCancelDraft', (c) => c.convCancelDraft('', 1)],
    ];
    for (const [api, call] of calls) {
      await assertRefused(call, TimResult.ERR_PARAM, api, /conv_id/);
    }
  });

  it('refuses reaction calls beyond their documented limits (20 messages, 10 users listed, pages of 1-100) and empty ids', async () => {
    const many = Array.from({ length: 21 }, () => MESSAGE);
    await assertRefused((c) => c.msgGetMessageReactions(many, 3), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMMsgGetMessageReactions', /21 entries; at most 20/);
    await assertRefused((c) => c.msgGetMessageReactions([MESSAGE], 11), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMMsgGetMessageReactions', /from 0 to 10/);
    await assertRefused((c) => c.msgGetAllUserListOfMessageReaction(MESSAGE, 'x', 0, 101), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMMsgGetAllUserListOfMessageReaction', /count must be an integer from 1 to 100/);
    await assertRefused((c) => c.msgGetAllUserListOfMessageReaction(MESSAGE, 'x', -1, 10), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMMsgGetAllUserListOfMessageReaction', /next_seq/);
    await assertRefused((c) => c.msgAddMessageReaction(MESSAGE, ''), TimResult.ERR_PARAM, 'TIMMsgAddMessageReaction', /reaction_id/);
    await assertRefused((c) => c.pinGroupMessage('', MESSAGE, true), TimResult.ERR_PARAM, 'TIMPinGroupMessage', /group_id/);
    await assertRefused((c) => c.pinGroupMessage('team', { ...MESSAGE, message_msg_id: '' }, true), TimResult.ERR_PARAM, 'TIMPinGroupMessage', /message_msg_id/);
    await assertRefused((c) => c.getPinnedGroupMessageList(''), TimResult.ERR_PARAM, 'TIMGetPinnedGroupMessageList', /group_id/);
    await assertRefused((c) => c.msgRemoveMessageReaction({ ...MESSAGE, message_msg_id: '' }, 'x'), TimResult.ERR_PARAM, 'TIMMsgRemoveMessageReaction', /message_msg_id/);
    const endpoint = new FakeEndpoint();
    assert.deepEqual(await new TimClient(endpoint).msgGetMessageReactions([], 3), [], 'no messages, no call');
    assert.equal(endpoint.calls.length, 0);
  });

  it('refuses read receipt calls with an empty message id, a bad filter or page size, and asks nothing for no messages', async () => {
    await assertRefused((c) => c.msgSendMessageReadReceipts([MESSAGE, { ...MESSAGE, message_msg_id: '' }]), TimResult.ERR_PARAM, 'TIMMsgSendMessageReadReceipts', /message_msg_id/);
    await assertRefused((c) => c.msgGetMessageReadReceipts([{ ...MESSAGE, message_msg_id: '' }]), TimResult.ERR_PARAM, 'TIMMsgGetMessageReadReceipts', /message_msg_id/);
    await assertRefused((c) => c.msgGetGroupMessageReadMemberList(MESSAGE, 0, 0, 101), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMMsgGetGroupMessageReadMemberList', /count/);
    await assertRefused((c) => c.msgGetGroupMessageReadMemberList(MESSAGE, 0, 0, 0), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMMsgGetGroupMessageReadMemberList', /count/);
    await assertRefused((c) => c.msgGetGroupMessageReadMemberList(MESSAGE, 2 as 0, 0, 10), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMMsgGetGroupMessageReadMemberList', /filter/);
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    await client.msgSendMessageReadReceipts([]);
    assert.deepEqual(await client.msgGetMessageReadReceipts([]), []);
    assert.equal(endpoint.calls.length, 0);
  });

  it('refuses a profile change that changes nothing with 6017', async () => {
    await assertRefused((c) => c.profileModifySelfUserProfile({}), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMProfileModifySelfUserProfile', /nothing to change/);
  });

  it('refuses more than 1,000 users to block or unblock, and empty ids; asks nothing for none', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `u${i}`);
    await assertRefused((c) => c.friendshipAddToBlackList(many), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMFriendshipAddToBlackList', /at most 1000/);
    await assertRefused((c) => c.friendshipDeleteFromBlackList(many), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMFriendshipDeleteFromBlackList', /at most 1000/);
    await assertRefused((c) => c.friendshipAddToBlackList(['bob', '']), TimResult.ERR_PARAM, 'TIMFriendshipAddToBlackList', /identifier/);
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    assert.deepEqual(await client.friendshipAddToBlackList([]), []);
    assert.deepEqual(await client.friendshipDeleteFromBlackList([]), []);
    assert.equal(endpoint.calls.length, 0);
  });

  it("checks friend calls as the SDK does: remarks to 96 bytes, a request's message to 120, its source's prefix, list names, 100 ids", async () => {
    const remark97 = 'a'.repeat(97);
    const chinese33 = '好'.repeat(33); // 99 bytes in UTF-8
    await assertRefused((c) => c.friendshipAddFriend({ friendship_add_friend_param_identifier: 'bob', friendship_add_friend_param_remark: remark97 }), TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_REMARK, 'TIMFriendshipAddFriend', /97 bytes.*at most 96/);
    await assertRefused((c) => c.friendshipAddFriend({ friendship_add_friend_param_identifier: 'bob', friendship_add_friend_param_remark: chinese33 }), TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_REMARK, 'TIMFriendshipAddFriend', /99 bytes/);
    await assertRefused((c) => c.friendshipAddFriend({ friendship_add_friend_param_identifier: 'bob', friendship_add_friend_param_add_wording: 'w'.repeat(121) }), TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_WORDING, 'TIMFriendshipAddFriend', /at most 120/);
    await assertRefused((c) => c.friendshipAddFriend({ friendship_add_friend_param_identifier: 'bob', friendship_add_friend_param_add_source: 'vscode' }), TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_SOURCE, 'TIMFriendshipAddFriend', /AddSource_Type_/);
    await assertRefused((c) => c.friendshipAddFriend({ friendship_add_friend_param_identifier: '' }), TimResult.ERR_PARAM, 'TIMFriendshipAddFriend', /identifier/);
    await assertRefused((c) => c.friendshipAddFriend({ friendship_add_friend_param_identifier: 'bob', friendship_add_friend_param_group_name: 'g'.repeat(31) }), TimErrorCode.ERR_SDK_FRIENDSHIP_FRIEND_GROUP_EMPTY, 'TIMFriendshipAddFriend', /1 to 30 bytes/);
    await assertRefused(
      (c) => c.friendshipModifyFriendProfile({ friendship_modify_friend_profile_param_identifier: 'bob', friendship_modify_friend_profile_param_item: { friend_profile_item_remark: remark97 } }),
      TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_REMARK,
      'TIMFriendshipModifyFriendProfile',
      /at most 96/,
    );
    await assertRefused(
      (c) => c.friendshipModifyFriendProfile({ friendship_modify_friend_profile_param_identifier: 'bob', friendship_modify_friend_profile_param_item: { friend_profile_item_group_name_array: [''] } }),
      TimErrorCode.ERR_SDK_FRIENDSHIP_FRIEND_GROUP_EMPTY,
      'TIMFriendshipModifyFriendProfile',
      /friend list name/,
    );
    await assertRefused((c) => c.friendshipHandleFriendAddRequest({ friend_response_identifier: 'bob', friend_response_action: 0, friend_response_remark: remark97 }), TimErrorCode.ERR_SDK_FRIENDSHIP_INVALID_ADD_REMARK, 'TIMFriendshipHandleFriendAddRequest', /at most 96/);
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`);
    await assertRefused((c) => c.friendshipDeleteFriend({ friendship_delete_friend_param_identifier_array: many }), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMFriendshipDeleteFriend', /at most 100/);
    await assertRefused((c) => c.friendshipGetFriendsInfo(['bob', '']), TimResult.ERR_PARAM, 'TIMFriendshipGetFriendsInfo', /identifier/);
    await assertRefused((c) => c.friendshipCheckFriendType({ friendship_check_friendtype_param_check_type: 1, friendship_check_friendtype_param_identifier_array: many }), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMFriendshipCheckFriendType', /at most 100/);
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    assert.deepEqual(await client.friendshipDeleteFriend({ friendship_delete_friend_param_identifier_array: [] }), []);
    assert.deepEqual(await client.friendshipDeletePendency({ friendship_delete_pendency_param_type: 0, friendship_delete_pendency_param_identifier_array: [] }), []);
    assert.equal(endpoint.calls.length, 0);
  });

  it('refuses more than 100 conversations to mark and 50 groups to read, and empty ids; asks nothing for none', async () => {
    await assertRefused((c) => c.convMarkConversation(Array.from({ length: 101 }, (_, i) => `c2c_u${i}`), 2, true), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMConvMarkConversation', /at most 100/);
    await assertRefused((c) => c.convMarkConversation(['c2c_bob', ''], 2, true), TimResult.ERR_PARAM, 'TIMConvMarkConversation', /conversation_id/);
    await assertRefused((c) => c.groupGetGroupInfoList(Array.from({ length: 51 }, (_, i) => `g${i}`)), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMGroupGetGroupInfoList', /at most 50/);
    await assertRefused((c) => c.groupGetGroupInfoList(['']), TimResult.ERR_PARAM, 'TIMGroupGetGroupInfoList', /group_id/);
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    assert.deepEqual(await client.convMarkConversation([], 2, true), []);
    assert.deepEqual(await client.groupGetGroupInfoList([]), []);
    assert.equal(endpoint.calls.length, 0);
  });

  it('refuses more than 20 users per group invite (the server limit) and group calls without a group id', async () => {
    const users = Array.from({ length: 21 }, (_, i) => `u${i}`);
    await assertRefused((c) => c.groupInviteMember({ group_invite_member_param_group_id: 'g', group_invite_member_param_identifier_array: users }), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMGroupInviteMember', /21 entries; at most 20/);
    await assertRefused((c) => c.groupDeleteMember({ group_delete_member_param_group_id: '', group_delete_member_param_identifier_array: ['a'] }), TimResult.ERR_PARAM, 'TIMGroupDeleteMember', /group_id/);
    await assertRefused((c) => c.groupModifyGroupInfo({ group_modify_info_param_group_id: '', group_modify_info_param_modify_flag: 1 }), TimResult.ERR_PARAM, 'TIMGroupModifyGroupInfo', /group_id/);
  });

  it('refuses an invalid conversation type with -4', async () => {
    await assertRefused((c) => c.msgSendMessage('bob', 0 as 1, TEXT), TimResult.ERR_PARAM, 'TIMMsgSendMessage', /conv_type/);
    await assertRefused((c) => c.msgReportReaded('bob', 9 as 1), TimResult.ERR_PARAM, 'TIMMsgReportReaded', /conv_type/);
  });

  it('lets report-read take an empty conversation id (marks every conversation of the type, SDK 5.8+)', async () => {
    const endpoint = new FakeEndpoint();
    await new TimClient(endpoint).msgReportReaded('', 1);
    assert.equal(endpoint.only().api, 'TIMMsgReportReaded');
  });

  it('refuses login with an empty user or sig with -4, as the SDK does', async () => {
    await assertRefused((c) => c.login('', 'sig'), TimResult.ERR_PARAM, 'TIMLogin', /user_id/);
    await assertRefused((c) => c.login('alice', ''), TimResult.ERR_PARAM, 'TIMLogin', /user_sig/);
  });

  it('refuses a list delete of more than 30 messages with ERR_INVALID_PARAMETERS (6017)', async () => {
    const thirtyOne = Array.from({ length: 31 }, () => MESSAGE);
    await assertRefused((c) => c.msgListDelete('bob', 1, thirtyOne), TimErrorCode.ERR_INVALID_PARAMETERS, 'TIMMsgListDelete', /31 entries; at most 30/);
    const endpoint = new FakeEndpoint();
    await new TimClient(endpoint).msgListDelete('bob', 1, thirtyOne.slice(1));
    assert.equal(endpoint.only().api, 'TIMMsgListDelete');
  });

  it('refuses C2C receive options for more than 30 users with 6017', async () => {
    const users = Array.from({ length: 31 }, (_, i) => `u${i}`);
    await assertRefused((c) => c.msgSetC2CReceiveMessageOpt(users, 1), 6017, 'TIMMsgSetC2CReceiveMessageOpt', /at most 30/);
    const endpoint = new FakeEndpoint();
    await new TimClient(endpoint).msgSetC2CReceiveMessageOpt(users.slice(1), 1);
    assert.equal(endpoint.calls.length, 1);
  });

  it('refuses empty required ids and paths with -4', async () => {
    await assertRefused((c) => c.msgCancelSend('bob', 1, ''), -4, 'TIMMsgCancelSend', /message_id/);
    await assertRefused((c) => c.msgSetGroupReceiveMessageOpt('', 0), -4, 'TIMMsgSetGroupReceiveMessageOpt', /group_id/);
    await assertRefused((c) => c.groupJoin(''), -4, 'TIMGroupJoin', /group_id/);
    await assertRefused((c) => c.groupQuit(''), -4, 'TIMGroupQuit', /group_id/);
    await assertRefused(
      (c) => c.groupGetMemberInfoList({ group_get_members_info_list_param_group_id: '' }),
      -4,
      'TIMGroupGetMemberInfoList',
      /group_id/,
    );
    await assertRefused(
      (c) => c.msgDownloadElemToPath({ msg_download_elem_param_type: 1, msg_download_elem_param_id: 'i', msg_download_elem_param_business_id: 0, msg_download_elem_param_url: 'u' }, ''),
      -4,
      'TIMMsgDownloadElemToPath',
      /path/,
    );
  });
});
