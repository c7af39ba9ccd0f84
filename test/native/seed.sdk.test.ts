/**
 * The 22 seed message APIs through the typed client (TimClient over the NativeEndpoint) against the
 * real libImSDK, offline in a network namespace: each rejects with the SDK's own code and description
 * before TIMInit (6013) and when not logged in (6014); bad JSON and bad parameters are refused
 * synchronously (-3, -4) with no callback; send returns the id the SDK wrote into the buffer.
 */
import { requireIsolation, newEndpoint, C2C, PEER, SDK_APP_ID, SDK_MESSAGE_JSON } from './sdkHarness';
requireIsolation(__filename);

import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import type { NativeEndpoint } from '../../src/native/nativeEndpoint';
import { TimClient } from '../../src/tim/client';
import { TIMDownloadType, TIMReceiveMessageOpt } from '../../src/tim/enums';
import { TimCode, TimResult } from '../../src/tim/errors';
import { parseTimJson, stringifyTimJson, uint64Equals } from '../../src/tim/json';
import type { TimMessage, TimMessageParam } from '../../src/tim/types/message';
import { rejection } from './timRejection';

const text: TimMessageParam = { message_elem_array: [{ elem_type: 0, text_elem_content: 'hello from the native tests' }] };
const message = parseTimJson(SDK_MESSAGE_JSON) as TimMessage;

/** Every seed API, as the typed client calls it. */
const SEED: ReadonlyArray<readonly [string, (client: TimClient) => Promise<unknown>]> = [
  ['TIMMsgSendMessage', (c) => c.msgSendMessage(PEER, C2C, text)],
  ['TIMMsgSendNewMsg', (c) => c.msgSendNewMsg(PEER, C2C, text)],
  ['TIMMsgCancelSend', (c) => c.msgCancelSend(PEER, C2C, message.message_msg_id)],
  ['TIMMsgFindMessages', (c) => c.msgFindMessages([message.message_msg_id])],
  ['TIMMsgReportReaded', (c) => c.msgReportReaded(PEER, C2C, message)],
  ['TIMMsgMarkAllMessageAsRead', (c) => c.msgMarkAllMessageAsRead()],
  ['TIMMsgRevoke', (c) => c.msgRevoke(PEER, C2C, message)],
  [
    'TIMMsgFindByMsgLocatorList',
    (c) =>
      c.msgFindByMsgLocatorList(PEER, C2C, [
        {
          message_locator_is_revoked: false,
          message_locator_time: message.message_client_time,
          message_locator_seq: 0,
          message_locator_is_self: true,
          message_locator_rand: 3785460887,
          message_locator_unique_id: message.message_unique_id,
        },
      ]),
  ],
  ['TIMMsgImportMsgList', (c) => c.msgImportMsgList(PEER, C2C, [message])],
  ['TIMMsgSaveMsg', (c) => c.msgSaveMsg(PEER, C2C, text)],
  ['TIMMsgGetMsgList', (c) => c.msgGetMsgList(PEER, C2C, { msg_getmsglist_param_count: 20 })],
  ['TIMMsgDelete', (c) => c.msgDelete(PEER, C2C, { msg_delete_param_msg: message })],
  ['TIMMsgListDelete', (c) => c.msgListDelete(PEER, C2C, [message])],
  ['TIMMsgClearHistoryMessage', (c) => c.msgClearHistoryMessage(PEER, C2C)],
  ['TIMMsgSetC2CReceiveMessageOpt', (c) => c.msgSetC2CReceiveMessageOpt([PEER], TIMReceiveMessageOpt.Not_Receive)],
  ['TIMMsgGetC2CReceiveMessageOpt', (c) => c.msgGetC2CReceiveMessageOpt([PEER])],
  ['TIMMsgSetGroupReceiveMessageOpt', (c) => c.msgSetGroupReceiveMessageOpt('native_test_group', TIMReceiveMessageOpt.Receive)],
  [
    'TIMMsgDownloadElemToPath',
    (c) =>
      c.msgDownloadElemToPath(
        {
          msg_download_elem_param_type: TIMDownloadType.File,
          msg_download_elem_param_id: 'file-id',
          msg_download_elem_param_business_id: 0,
          msg_download_elem_param_url: 'http://127.0.0.1:9/never',
        },
        path.join(os.tmpdir(), 'timchat-native-download.bin'),
        () => undefined, // a progress listener rides along: the bridge path with one, on the real SDK
      ),
  ],
  ['TIMMsgDownloadMergerMessage', (c) => c.msgDownloadMergerMessage(message)],
  ['TIMMsgSearchLocalMessages', (c) => c.msgSearchLocalMessages({ msg_search_param_keyword_array: ['hello'] })],
  ['TIMMsgSetLocalCustomData', (c) => c.msgSetLocalCustomData(message)],
  ['TIMMsgBatchSend', (c) => c.msgBatchSend({ msg_batch_send_param_identifier_array: [PEER, 'other_peer'], msg_batch_send_param_msg: text })],
];


describe('seed message APIs through TimClient on the real libImSDK (offline)', function () {
  this.timeout(60_000);
  let endpoint: NativeEndpoint;
  let client: TimClient;

  before(() => {
    endpoint = newEndpoint();
    client = new TimClient(endpoint, { timeoutMs: 20_000 });
  });

  after(async () => {
    client?.dispose();
    await endpoint?.dispose();
  });

  it('covers exactly the 22 seed APIs', () => {
    assert.equal(SEED.length, 22);
    assert.equal(new Set(SEED.map(([api]) => api)).size, 22);
  });

  describe('before TIMInit: the SDK answers 6013 "not initialized"', () => {
    for (const [api, run] of SEED) {
      it(api, async () => {
        const error = await rejection(run(client));
        assert.equal(error.api, api);
        assert.equal(error.code, TimCode.NOT_INITIALIZED);
        assert.equal(error.desc, 'not initialized');
        assert.equal(endpoint.bridge.pendingCount, 0);
      });
    }
  });

  describe('initialised, not logged in: the SDK answers 6014', () => {
    before(async () => {
      await client.init(SDK_APP_ID);
    });

    for (const [api, run] of SEED) {
      it(api, async () => {
        const error = await rejection(run(client));
        assert.equal(error.api, api);
        assert.equal(error.code, TimCode.NOT_LOGGED_IN, `${api}: ${error.code} ${error.desc}`);
        assert.match(error.desc, /^not (login|init database)$/);
        assert.equal(endpoint.bridge.pendingCount, 0);
      });
    }

    it('send returns the message id the SDK wrote into the 128-byte buffer', async () => {
      const result = await endpoint.call('TIMMsgSendMessage', [PEER, C2C, JSON.stringify(text)]);
      assert.equal(result.code, TimCode.NOT_LOGGED_IN);
      assert.ok(result.messageId, 'no message id read from the buffer');
      assert.match(result.messageId, /^[0-9]*-\d+-\d+$/);
      const sent = parseTimJson(result.json) as TimMessage;
      assert.equal(result.messageId, sent.message_msg_id);
      // uint64 fields survive: the unique id is above 2^53 and comes back exact.
      assert.equal(typeof sent.message_unique_id, 'bigint');
      // And the client's TimError carries the same message (trust the code, not message_status).
      const error = await rejection(client.msgSendMessage(PEER, C2C, text));
      assert.equal(error.code, TimCode.NOT_LOGGED_IN);
      assert.ok(error.json?.includes('"message_msg_id"'));
    });

    it('passes a message with a uint64 above 2^53 back into the SDK unchanged', async () => {
      assert.ok(uint64Equals(message.message_unique_id, 7712266515703237783n));
      assert.ok(stringifyTimJson([message]).includes('"message_unique_id":7712266515703237783'));
      const error = await rejection(client.msgImportMsgList(PEER, C2C, [message]));
      assert.equal(error.code, TimCode.NOT_LOGGED_IN);
    });

    it('refuses bad JSON synchronously with -3 (no callback)', async () => {
      for (const [api, args] of [
        ['TIMMsgGetMsgList', [PEER, C2C, '{bad']],
        ['TIMMsgSendMessage', [PEER, C2C, '{"message_elem_array": [']],
        ['TIMMsgSearchLocalMessages', ['not json']],
        ['TIMMsgBatchSend', ['{']],
      ] as const) {
        const pending = endpoint.call(api, args);
        assert.equal(endpoint.bridge.pendingCount, 0, `${api} left a request waiting for a callback`);
        const error = await rejection(pending);
        assert.equal(error.code, TimResult.ERR_JSON, `${api}: ${error.code}`);
        assert.equal(error.api, api);
      }
    });

    it('refuses bad parameters synchronously with -4 (no callback)', async () => {
      for (const [api, args] of [
        ['TIMMsgGetMsgList', ['', 0, '{}']],
        ['TIMLogin', ['', 'sig']],
        ['TIMLogin', ['user', '']],
      ] as const) {
        const pending = endpoint.call(api, args);
        assert.equal(endpoint.bridge.pendingCount, 0);
        const error = await rejection(pending);
        assert.equal(error.code, TimResult.ERR_PARAM, `${api}: ${error.code}`);
      }
    });

    it('refuses wrong arity and wrong argument types before reaching the SDK', async () => {
      assert.equal((await rejection(endpoint.call('TIMMsgGetMsgList', [PEER, C2C]))).code, TimResult.ERR_PARAM);
      assert.equal((await rejection(endpoint.call('TIMMsgGetMsgList', [PEER, 'one', '{}']))).code, TimResult.ERR_PARAM);
      assert.equal((await rejection(endpoint.call('TIMNoSuchFunction', []))).code, TimResult.ERR_PARAM);
      assert.equal(endpoint.bridge.pendingCount, 0);
    });
  });
});
