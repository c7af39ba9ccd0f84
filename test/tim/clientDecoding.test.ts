/** TimClient result decoding: typed results from the callback JSON, uint64 fields exact. */
import assert from 'node:assert/strict';
import { TimClient } from '../../src/tim/client';
import { TIMConvType, TIMLoginStatus } from '../../src/tim/enums';
import { FakeEndpoint } from './fakeEndpoint';
import { CONV_JSON, MESSAGE, MESSAGE_JSON, UNIQUE_ID } from './samples';

const TEXT = { message_elem_array: [{ elem_type: 0, text_elem_content: 'hi' }] } as const;

describe('TimClient result decoding', () => {
  it('msgSendMessage resolves with the buffer message id and the decoded message', async () => {
    const endpoint = new FakeEndpoint().respond('TIMMsgSendMessage', { json: MESSAGE_JSON, messageId: 'from-buffer' });
    const result = await new TimClient(endpoint).msgSendMessage('user2', TIMConvType.C2C, TEXT);
    assert.equal(result.messageId, 'from-buffer');
    assert.deepEqual(result.message, MESSAGE);
    assert.equal(result.message.message_unique_id, UNIQUE_ID);
  });

  it('msgSendMessage falls back to message_msg_id when the endpoint has no buffer id', async () => {
    const endpoint = new FakeEndpoint().respond('TIMMsgSendMessage', { json: MESSAGE_JSON });
    const result = await new TimClient(endpoint).msgSendMessage('user2', 1, TEXT);
    assert.equal(result.messageId, MESSAGE.message_msg_id);
  });

  it('msgSendNewMsg resolves with the message', async () => {
    const endpoint = new FakeEndpoint().respond('TIMMsgSendNewMsg', { json: MESSAGE_JSON });
    assert.deepEqual(await new TimClient(endpoint).msgSendNewMsg('user2', 1, TEXT), MESSAGE);
  });

  it('message lists keep uint64 fields exact (get list, find, find by locator, download merger)', async () => {
    const list = `[${MESSAGE_JSON},${MESSAGE_JSON}]`;
    const endpoint = new FakeEndpoint();
    for (const api of ['TIMMsgGetMsgList', 'TIMMsgFindMessages', 'TIMMsgFindByMsgLocatorList', 'TIMMsgDownloadMergerMessage']) {
      endpoint.respond(api, { json: list });
    }
    const client = new TimClient(endpoint);
    const results = [
      await client.msgGetMsgList('user2', 1, { msg_getmsglist_param_count: 2 }),
      await client.msgFindMessages([MESSAGE.message_msg_id]),
      await client.msgFindByMsgLocatorList('user2', 1, []),
      await client.msgDownloadMergerMessage(MESSAGE),
    ];
    for (const messages of results) {
      assert.deepEqual(messages, [MESSAGE, MESSAGE]);
      assert.equal(messages[0]?.message_seq, 18446744073709551615n);
    }
  });

  it('msgSaveMsg resolves with the saved message, or undefined when the answer is empty', async () => {
    const endpoint = new FakeEndpoint().respond('TIMMsgSaveMsg', { json: MESSAGE_JSON });
    assert.deepEqual(await new TimClient(endpoint).msgSaveMsg('user2', 1, TEXT), MESSAGE);
    assert.equal(await new TimClient(new FakeEndpoint()).msgSaveMsg('user2', 1, TEXT), undefined);
  });

  it('decodes receive options, search results, batch results and download sizes', async () => {
    const endpoint = new FakeEndpoint()
      .respond('TIMMsgGetC2CReceiveMessageOpt', { json: '[{"msg_recv_msg_opt_result_identifier":"a","msg_recv_msg_opt_result_opt":2}]' })
      .respond('TIMMsgSearchLocalMessages', {
        json: `{"msg_search_result_total_count":1,"msg_search_result_item_array":[{"msg_search_result_item_conv_id":"user2","msg_search_result_item_conv_type":1,"msg_search_result_item_total_message_count":1,"msg_search_result_item_message_array":[${MESSAGE_JSON}]}]}`,
      })
      .respond('TIMMsgBatchSend', { json: `[{"msg_batch_send_result_identifier":"a","msg_batch_send_result_code":0,"msg_batch_send_result_desc":"","msg_batch_send_result_msg":${MESSAGE_JSON}}]` })
      .respond('TIMMsgDownloadElemToPath', { json: '{"msg_download_elem_result_current_size":10,"msg_download_elem_result_total_size":10}' });
    const client = new TimClient(endpoint);
    assert.deepEqual(await client.msgGetC2CReceiveMessageOpt(['a']), [{ msg_recv_msg_opt_result_identifier: 'a', msg_recv_msg_opt_result_opt: 2 }]);
    const search = await client.msgSearchLocalMessages({ msg_search_param_keyword_array: ['你好'] });
    assert.equal(search.msg_search_result_total_count, 1);
    assert.deepEqual(search.msg_search_result_item_array[0]?.msg_search_result_item_message_array, [MESSAGE]);
    const batch = await client.msgBatchSend({ msg_batch_send_param_identifier_array: ['a'], msg_batch_send_param_msg: TEXT });
    assert.equal(batch[0]?.msg_batch_send_result_msg?.message_unique_id, UNIQUE_ID);
    assert.deepEqual(
      await client.msgDownloadElemToPath({ msg_download_elem_param_type: 1, msg_download_elem_param_id: 'i', msg_download_elem_param_business_id: 0, msg_download_elem_param_url: 'u' }, '/tmp/f'),
      { msg_download_elem_result_current_size: 10, msg_download_elem_result_total_size: 10 },
    );
  });

  it('passes download progress on as (current, total), skipping reports it cannot read', async () => {
    const endpoint = new FakeEndpoint().respond('TIMMsgDownloadElemToPath', (_args, options) => {
      const report = (json: string, desc = 'downloading'): void => options?.onProgress?.({ desc, json });
      report('{"msg_download_elem_result_current_size":1,"msg_download_elem_result_total_size":4}');
      report('not json');
      report('{"msg_download_elem_result_current_size":2}');
      report('{"msg_download_elem_result_current_size":3,"msg_download_elem_result_total_size":4}', 'other');
      report('{"msg_download_elem_result_current_size":4,"msg_download_elem_result_total_size":4}');
      return { code: 0, desc: '', json: '{"msg_download_elem_result_current_size":4,"msg_download_elem_result_total_size":4}' };
    });
    const client = new TimClient(endpoint);
    const param = { msg_download_elem_param_type: 1, msg_download_elem_param_id: 'i', msg_download_elem_param_business_id: 0, msg_download_elem_param_url: 'u' } as const;
    const reports: Array<[number, number]> = [];
    await client.msgDownloadElemToPath(param, '/tmp/f', (current, total) => reports.push([current, total]));
    assert.deepEqual(reports, [[1, 4], [4, 4]]);
    await client.msgDownloadElemToPath(param, '/tmp/f');
    assert.equal(endpoint.calls[1]?.options?.onProgress, undefined, 'no listener on the seam when the caller has none');
  });

  it('decodes conversations with their last message, pinned active time beyond 2^62 exact', async () => {
    const endpoint = new FakeEndpoint()
      .respond('TIMConvGetConvList', { json: `[${CONV_JSON}]` })
      .respond('TIMConvGetTotalUnreadMessageCount', { json: '{"conv_get_total_unread_message_count_result_unread_count":42}' });
    const client = new TimClient(endpoint);
    const [conversation] = await client.convGetConvList();
    assert.equal(conversation?.conv_active_time, 4611686018427387909n);
    assert.equal(conversation?.conv_unread_num, 3);
    assert.equal(conversation?.conv_is_pinned, true);
    assert.deepEqual(conversation?.conv_last_msg, MESSAGE);
    assert.equal(await client.convGetTotalUnreadMessageCount(), 42);
  });

  it('decodes group and profile results', async () => {
    const endpoint = new FakeEndpoint()
      .respond('TIMGroupCreate', { json: '{"create_group_result_groupid":"@TGS#1"}' })
      .respond('TIMGroupGetJoinedGroupList', { json: '[{"group_base_info_group_id":"@TGS#1","group_base_info_group_name":"g","group_base_info_group_type":1}]' })
      .respond('TIMGroupGetMemberInfoList', {
        json: '{"group_get_member_info_list_result_next_seq":9007199254740993,"group_get_member_info_list_result_info_array":[{"group_member_info_identifier":"bob","group_member_info_member_role":400}]}',
      })
      .respond('TIMProfileGetUserProfileList', { json: '[{"user_profile_identifier":"bob","user_profile_nick_name":"鲍勃"}]' });
    const client = new TimClient(endpoint);
    assert.deepEqual(await client.groupCreate({ create_group_param_group_name: 'g' }), { create_group_result_groupid: '@TGS#1' });
    assert.equal((await client.groupGetJoinedGroupList())[0]?.group_base_info_group_type, 1);
    const members = await client.groupGetMemberInfoList({ group_get_members_info_list_param_group_id: '@TGS#1' });
    assert.equal(members.group_get_member_info_list_result_next_seq, 9007199254740993n);
    assert.equal(members.group_get_member_info_list_result_info_array[0]?.group_member_info_member_role, 400);
    assert.equal((await client.profileGetUserProfileList({ friendship_getprofilelist_param_identifier_array: ['bob'] }))[0]?.user_profile_nick_name, '鲍勃');
  });

  it('converts the synchronous getters\' return values', async () => {
    const endpoint = new FakeEndpoint()
      .respondSync('TIMGetSDKVersion', '8.0.5903')
      .respondSync('TIMGetLoginUserID', 'alice')
      .respondSync('TIMGetLoginStatus', 1)
      .respondSync('TIMGetServerTime', 1700000000n);
    const client = new TimClient(endpoint);
    assert.equal(await client.getSDKVersion(), '8.0.5903');
    assert.equal(await client.getLoginUserID(), 'alice');
    assert.equal(await client.getLoginStatus(), TIMLoginStatus.Logined);
    assert.equal(await client.getServerTime(), 1700000000);
  });

  it('resolves void calls with undefined whatever JSON came back', async () => {
    const endpoint = new FakeEndpoint().respond('TIMMsgRevoke', { json: 'not json at all' });
    assert.equal(await new TimClient(endpoint).msgRevoke('user2', 1, MESSAGE), undefined);
  });

  it('reports which engine it runs on', () => {
    assert.equal(new TimClient(new FakeEndpoint('native')).kind, 'native');
  });
});
