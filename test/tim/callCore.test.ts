/** The client's call plumbing: timeouts passed to the endpoint, error mapping and answer decoding. */
import assert from 'node:assert/strict';
import { DEFAULT_LOGIN_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, DEFAULT_TRANSFER_TIMEOUT_MS } from '../../src/tim/callCore';
import { TimClient } from '../../src/tim/client';
import { TimError, TimResult } from '../../src/tim/errors';
import { FakeEndpoint } from './fakeEndpoint';
import { MESSAGE, MESSAGE_JSON } from './samples';

const TEXT = { message_elem_array: [{ elem_type: 0, text_elem_content: 'hi' }] } as const;
const FILE = {
  message_elem_array: [{ elem_type: 4, file_elem_file_path: '/tmp/a', file_elem_file_name: 'a', file_elem_file_size: 1 }],
} as const;

describe('TimClient call plumbing', () => {
  describe('timeouts', () => {
    it('uses 15 s by default, 60 s for login and 5 min for transfers', async () => {
      const endpoint = new FakeEndpoint().respond('TIMMsgSendMessage', { json: MESSAGE_JSON });
      const client = new TimClient(endpoint);
      await client.logout();
      await client.login('u', 'sig');
      await client.msgSendMessage('user2', 1, TEXT);
      await client.msgSendMessage('user2', 1, FILE);
      await client.msgDownloadElemToPath({ msg_download_elem_param_type: 1, msg_download_elem_param_id: 'i', msg_download_elem_param_business_id: 0, msg_download_elem_param_url: 'u' }, '/tmp/x');
      await client.msgDownloadMergerMessage(MESSAGE);
      assert.deepEqual(
        endpoint.calls.map((c) => [c.api, c.options?.timeoutMs]),
        [
          ['TIMLogout', DEFAULT_TIMEOUT_MS],
          ['TIMLogin', DEFAULT_LOGIN_TIMEOUT_MS],
          ['TIMMsgSendMessage', DEFAULT_TIMEOUT_MS],
          ['TIMMsgSendMessage', DEFAULT_TRANSFER_TIMEOUT_MS],
          ['TIMMsgDownloadElemToPath', DEFAULT_TRANSFER_TIMEOUT_MS],
          ['TIMMsgDownloadMergerMessage', DEFAULT_TRANSFER_TIMEOUT_MS],
        ],
      );
      assert.equal(DEFAULT_TIMEOUT_MS, 15_000);
      assert.equal(DEFAULT_LOGIN_TIMEOUT_MS, 60_000);
    });

    it('passes the constructor options through, per-function overrides first', async () => {
      const endpoint = new FakeEndpoint().respond('TIMMsgBatchSend', { json: '[]' });
      const client = new TimClient(endpoint, {
        timeoutMs: 1_000,
        loginTimeoutMs: 2_000,
        transferTimeoutMs: 3_000,
        apiTimeoutsMs: { TIMGroupQuit: 4_000 },
      });
      await client.msgMarkAllMessageAsRead();
      await client.login('u', 'sig');
      await client.msgBatchSend({ msg_batch_send_param_identifier_array: ['a'], msg_batch_send_param_msg: FILE });
      await client.groupQuit('g');
      assert.deepEqual(endpoint.calls.map((c) => c.options?.timeoutMs), [1_000, 2_000, 3_000, 4_000]);
      assert.equal(client.timeoutFor('TIMLogin'), 2_000);
    });

    it('lets a per-function override beat the login timeout', async () => {
      const endpoint = new FakeEndpoint();
      await new TimClient(endpoint, { apiTimeoutsMs: { TIMLogin: 5 } }).login('u', 's');
      assert.equal(endpoint.only().options?.timeoutMs, 5);
    });
  });

  describe('errors', () => {
    it('rejects with TimError {code, desc, api} when the callback code is not 0', async () => {
      const endpoint = new FakeEndpoint().respond('TIMMsgGetMsgList', { code: 6014, desc: 'not init database' });
      const client = new TimClient(endpoint);
      await assert.rejects(client.msgGetMsgList('user2', 1), (error: unknown) => {
        assert.ok(error instanceof TimError);
        assert.equal(error.code, 6014);
        assert.equal(error.desc, 'not init database');
        assert.equal(error.api, 'TIMMsgGetMsgList');
        assert.equal(error.json, undefined);
        assert.equal(error.message, 'TIMMsgGetMsgList failed: 6014 not init database');
        return true;
      });
    });

    it('keeps the JSON a failed callback still carried (a failed send carries the message)', async () => {
      const endpoint = new FakeEndpoint().respond('TIMMsgSendMessage', { code: 6014, desc: 'not login', json: MESSAGE_JSON, messageId: 'id' });
      await assert.rejects(new TimClient(endpoint).msgSendMessage('user2', 1, TEXT), (error: unknown) => {
        assert.ok(error instanceof TimError);
        assert.equal(error.code, 6014);
        assert.equal(error.json, MESSAGE_JSON);
        return true;
      });
    });

    it('passes the endpoint\'s own rejections through unchanged', async () => {
      const failure = new TimError(TimResult.ERR_JSON, 'bad json', 'TIMMsgRevoke');
      const endpoint = new FakeEndpoint().respond('TIMMsgRevoke', () => Promise.reject(failure));
      await assert.rejects(new TimClient(endpoint).msgRevoke('user2', 1, MESSAGE), (error) => error === failure);
    });

    it('rejects with ERR_INVALID_JSON (6027) when a successful answer is not JSON', async () => {
      const endpoint = new FakeEndpoint().respond('TIMConvGetConvList', { json: '[{"conv_id":' });
      await assert.rejects(new TimClient(endpoint).convGetConvList(), { name: 'TimError', code: 6027, api: 'TIMConvGetConvList' });
    });

    it('rejects with ERR_INVALID_JSON (6027) when an answer has the wrong shape', async () => {
      const endpoint = new FakeEndpoint()
        .respond('TIMConvGetConvList', { json: '{}' })
        .respond('TIMMsgSearchLocalMessages', { json: '[]' })
        .respond('TIMGroupCreate', { json: '' });
      const client = new TimClient(endpoint);
      await assert.rejects(client.convGetConvList(), { code: 6027, desc: /array/ });
      await assert.rejects(client.msgSearchLocalMessages({ msg_search_param_keyword_array: ['x'] }), { code: 6027, desc: /object/ });
      await assert.rejects(client.groupCreate({ create_group_param_group_name: 'g' }), { code: 6027 });
    });

    it('treats an empty array answer as an empty list', async () => {
      const endpoint = new FakeEndpoint();
      assert.deepEqual(await new TimClient(endpoint).msgGetMsgList('user2', 1), []);
    });

    it('rejects a synchronous TIMResult that is not 0 with that code', async () => {
      const endpoint = new FakeEndpoint().respondSync('TIMInit', -1).respondSync('TIMConvSetDraft', TimResult.ERR_PARAM);
      const client = new TimClient(endpoint);
      await assert.rejects(client.init(1400000000), { name: 'TimError', code: -1, api: 'TIMInit', desc: /SDKUNINIT/ });
      await assert.rejects(
        client.convSetDraft('user2', 1, { draft_msg: TEXT }),
        { code: -4, api: 'TIMConvSetDraft', desc: /TIM_ERR_PARAM/ },
      );
    });
  });
});
