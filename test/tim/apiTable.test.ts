/**
 * The API tables against the contracts around them: the method naming rule other code relies on, the
 * 22 seed functions, and the C prototypes (tim-c-api.txt, plus the group and blocklist prototypes quoted
 * from TIMGroupManager.h and TIMFriendshipManager.h below).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { isTimArgOfKind, TIM_CALLBACK_APIS, TIM_EVENT_LISTENERS, TIM_SYNC_APIS, type TimArgKind } from '../../src/tim/apiTable';
import { TimClient } from '../../src/tim/client';

/** The 22 message functions of the seed (../shared/seeds/000_1b9b12a0b4040426.txt). */
const SEED_APIS = [
  'TIMMsgSendMessage', 'TIMMsgSendNewMsg', 'TIMMsgCancelSend', 'TIMMsgFindMessages', 'TIMMsgReportReaded',
  'TIMMsgMarkAllMessageAsRead', 'TIMMsgRevoke', 'TIMMsgFindByMsgLocatorList', 'TIMMsgImportMsgList', 'TIMMsgSaveMsg',
  'TIMMsgGetMsgList', 'TIMMsgDelete', 'TIMMsgListDelete', 'TIMMsgClearHistoryMessage', 'TIMMsgSetC2CReceiveMessageOpt',
  'TIMMsgGetC2CReceiveMessageOpt', 'TIMMsgSetGroupReceiveMessageOpt', 'TIMMsgDownloadElemToPath',
  'TIMMsgDownloadMergerMessage', 'TIMMsgSearchLocalMessages', 'TIMMsgSetLocalCustomData', 'TIMMsgBatchSend',
];

/** Verbatim from im_electron_sdk 8.0.5906 lib/linux/include/TIMGroupManager.h (not in tim-c-api.txt). */
const GROUP_PROTOTYPES = `
TIM_API int TIMGroupCreate(const char* json_group_create_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupJoin(const char* group_id, const char* hello_msg, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupQuit(const char* group_id, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupDelete(const char* group_id, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetJoinedGroupList(TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetMemberInfoList(const char* json_group_getmeminfos_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupModifyGroupInfo(const char* json_group_modifyinfo_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupModifyMemberInfo(const char* json_group_modifymeminfo_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupInviteMember(const char* json_group_invite_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupDeleteMember(const char* json_group_delete_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetGroupInfoList(const char* json_group_getinfo_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupGetPendencyList(const char* json_group_getpendency_list_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupHandlePendency(const char* json_group_handle_pendency_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGroupReportPendencyReaded(uint64_t time_stamp, TIMCommCallback cb, const void* user_data);
TIM_API int TIMGetUserStatus(const char *json_identifier_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMSetSelfStatus(const char *json_current_user_status, TIMCommCallback cb, const void* user_data);
TIM_API int TIMSubscribeUserStatus(const char *json_identifier_array, TIMCommCallback cb, const void* user_data);
TIM_API int TIMUnsubscribeUserStatus(const char *json_identifier_array, TIMCommCallback cb, const void* user_data);
`;

/** Verbatim from im_electron_sdk 8.0.5906 lib/linux/include/TIMFriendshipManager.h (not in tim-c-api.txt). */
const FRIENDSHIP_PROTOTYPES = `
TIM_API void TIMSetOnAddFriendCallback(TIMOnAddFriendCallback cb, const void* user_data);
TIM_API void TIMSetOnDeleteFriendCallback(TIMOnDeleteFriendCallback cb, const void* user_data);
TIM_API void TIMSetUpdateFriendProfileCallback(TIMUpdateFriendProfileCallback cb, const void* user_data);
TIM_API void TIMSetFriendAddRequestCallback(TIMFriendAddRequestCallback cb, const void* user_data);
TIM_API void TIMSetFriendApplicationListDeletedCallback(TIMFriendApplicationListDeletedCallback cb, const void* user_data);
TIM_API void TIMSetFriendApplicationListReadCallback(TIMFriendApplicationListReadCallback cb, const void* user_data);
TIM_API int TIMFriendshipGetFriendProfileList(TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipGetFriendsInfo(const char *friend_id_list,  TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipModifyFriendProfile(const char* json_modify_friend_info_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipAddFriend(const char* json_add_friend_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipDeleteFriend(const char* json_delete_friend_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipCheckFriendType(const char* json_check_friend_list_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipGetPendencyList(const char* json_get_pendency_list_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipHandleFriendAddRequest(const char* json_handle_friend_add_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipReportPendencyReaded(uint64_t time_stamp, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipDeletePendency(const char* json_delete_pendency_param, TIMCommCallback cb, const void* user_data);
TIM_API void TIMSetFriendBlackListAddedCallback(TIMFriendBlackListAddedCallback cb, const void* user_data);
TIM_API void TIMSetFriendBlackListDeletedCallback(TIMFriendBlackListDeletedCallback cb, const void* user_data);
TIM_API int TIMFriendshipGetBlackList(TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipAddToBlackList(const char* json_add_to_blacklist_param, TIMCommCallback cb, const void* user_data);
TIM_API int TIMFriendshipDeleteFromBlackList(const char* json_delete_from_blacklist_param, TIMCommCallback cb, const void* user_data);
`;

/**
 * Callbacks other than TIMCommCallback that answer one call, which the endpoints turn into a
 * `{code, desc, json}` answer like any other (src/tim/types/messageReceipt.ts).
 */
const OWN_ANSWER_CALLBACKS: ReadonlySet<string> = new Set(['TIMMsgGroupMessageReadMemberListCallback']);

/** `const char*` parameters holding JSON whose names lack the `json_` prefix (the header's docs say JSON). */
const JSON_PARAMS_WITHOUT_PREFIX: ReadonlySet<string> = new Set(['friend_id_list']);

// A copy of the C prototypes read from the SDK headers (shared/reference/tim-c-api.txt), kept with the tests.
const C_API_FILE = path.resolve(__dirname, 'fixtures/tim-c-api.txt');

interface Prototype {
  readonly returns: string;
  readonly args: TimArgKind[];
  readonly hasCallback: boolean;
}

/** Reads `TIM_API <ret> <name>(<params>);` lines into argument kinds, the way the seam carries them. */
function parsePrototypes(text: string): Map<string, Prototype> {
  const result = new Map<string, Prototype>();
  for (const match of text.matchAll(/^TIM_API\s+(.+?)\s*\b(\w+)\((.*)\);/gm)) {
    const [, returns = '', name = '', params = ''] = match;
    const args: TimArgKind[] = [];
    let hasCallback = false;
    for (const raw of params.split(',').map((p) => p.trim())) {
      if (raw === '' || raw === 'void') {
        continue;
      }
      const paramName = raw.split(/[\s*]+/).pop() ?? '';
      const type = raw.slice(0, raw.length - paramName.length).trim();
      if (type === 'TIMCommCallback' || OWN_ANSWER_CALLBACKS.has(type)) {
        hasCallback = true;
      } else if (paramName === 'user_data' || paramName.endsWith('_buffer')) {
        // user_data is the bridge's request id; output buffers are the endpoint's business.
      } else if (type.replace(/\s/g, '') === 'constchar*') {
        args.push(paramName.startsWith('json_') || JSON_PARAMS_WITHOUT_PREFIX.has(paramName) ? 'json' : 'string');
      } else if (type === 'uint64_t') {
        args.push('uint64');
      } else if (type === 'bool') {
        args.push('bool');
      } else if (/^(enum\s+)?TIM\w+$|^u?int32_t$|^int$/.test(type)) {
        args.push('int');
      } else {
        throw new Error(`unknown C parameter type in ${name}: ${raw}`);
      }
    }
    result.set(name, { returns, args, hasCallback });
  }
  return result;
}

describe('TIM API tables', () => {
  it('name a TimClient method for every function: TIM prefix removed, lower camel case', () => {
    const client = new TimClient({
      kind: 'emulator',
      call: () => Promise.reject(new Error('unused')),
      callSync: () => Promise.reject(new Error('unused')),
      onEvent: () => ({ dispose: () => undefined }),
      dispose: () => Promise.resolve(),
    });
    for (const api of [...Object.keys(TIM_CALLBACK_APIS), ...Object.keys(TIM_SYNC_APIS)]) {
      const method = api.charAt(3).toLowerCase() + api.slice(4);
      assert.equal(typeof (client as unknown as Record<string, unknown>)[method], 'function', `${api} -> ${method}`);
    }
    assert.equal(typeof client.getSDKVersion, 'function');
    assert.equal(typeof client.getLoginUserID, 'function');
    assert.equal(typeof client.msgReportReaded, 'function');
  });

  it('include all 22 seed message functions', () => {
    assert.equal(SEED_APIS.length, 22);
    for (const api of SEED_APIS) {
      assert.ok(api in TIM_CALLBACK_APIS, api);
    }
  });

  it('match the C prototypes argument by argument', function () {
    const prototypes = parsePrototypes(`${fs.readFileSync(C_API_FILE, 'utf8')}\n${GROUP_PROTOTYPES}\n${FRIENDSHIP_PROTOTYPES}`);
    for (const [api, spec] of Object.entries(TIM_CALLBACK_APIS)) {
      const prototype = prototypes.get(api);
      assert.ok(prototype !== undefined, `${api} has a C prototype`);
      assert.ok(prototype.hasCallback, `${api} takes a TIMCommCallback (or a callback in OWN_ANSWER_CALLBACKS)`);
      assert.deepEqual(spec.args, prototype.args, api);
    }
    for (const [api, spec] of Object.entries(TIM_SYNC_APIS)) {
      const prototype = prototypes.get(api);
      assert.ok(prototype !== undefined, `${api} has a C prototype`);
      assert.ok(!prototype.hasCallback, `${api} answers synchronously`);
      assert.deepEqual(spec.args, prototype.args, api);
      const expectedReturn = { result: 'int', string: api === 'TIMGetLoginUserID' ? 'int' : 'const char*', uint64: 'uint64_t', int: 'TIMLoginStatus' }[spec.returns];
      assert.equal(prototype.returns, expectedReturn, `${api} returns`);
    }
    for (const [name, listener] of Object.entries(TIM_EVENT_LISTENERS)) {
      assert.ok(`${text(C_API_FILE)}${FRIENDSHIP_PROTOTYPES}`.includes(`TIM_API void ${listener.setter}(`), `${name}: ${listener.setter} exists`);
    }
  });

  it('check argument values by kind', () => {
    assert.ok(isTimArgOfKind('string', ''));
    assert.ok(!isTimArgOfKind('string', 1));
    assert.ok(isTimArgOfKind('json', '{}'));
    assert.ok(isTimArgOfKind('int', -4));
    assert.ok(isTimArgOfKind('int', 4_294_967_295));
    assert.ok(!isTimArgOfKind('int', 1.5));
    assert.ok(!isTimArgOfKind('int', 2 ** 32));
    assert.ok(isTimArgOfKind('uint64', 2n ** 64n - 1n));
    assert.ok(isTimArgOfKind('uint64', 0));
    assert.ok(!isTimArgOfKind('uint64', -1));
    assert.ok(!isTimArgOfKind('uint64', 2n ** 64n));
    assert.ok(isTimArgOfKind('bool', false));
    assert.ok(!isTimArgOfKind('bool', 0));
  });
});

function text(file: string): string {
  return fs.readFileSync(file, 'utf8');
}
