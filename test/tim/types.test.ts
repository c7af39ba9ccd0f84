/**
 * The TIM JSON types use the SDK's exact key strings: for each header section in tim-keys.md, a
 * `Required<>` sample of the matching type (so the compiler forces every key of the type to be present
 * and no other) must have exactly the section's keys.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TimConvInfo, TimDraft, TimGroupAtInfo, TimTotalUnreadResult } from '../../src/tim/types/conversation';
import type {
  TimCustomElem,
  TimFaceElem,
  TimFileElem,
  TimImageElem,
  TimLocationElem,
  TimMergerElem,
  TimSoundElem,
  TimTextElem,
  TimVideoElem,
} from '../../src/tim/types/elements';
import type {
  TimGroupReportElem,
  TimGroupTipGroupChangeInfo,
  TimGroupTipMemberChangeInfo,
  TimGroupTipMemberMarkChangeInfo,
  TimGroupTipsElem,
} from '../../src/tim/types/groupElements';
import type { TimGroupMemberInfo } from '../../src/tim/types/groupMember';
import type { TimHttpProxyInfo, TimSdkConfig, TimSetConfig, TimSocks5ProxyInfo, TimUserConfig } from '../../src/tim/types/manager';
import type { TimMessage, TimMessageParam } from '../../src/tim/types/message';
import type {
  TimC2CRecvMsgOptResult,
  TimDownloadElemParam,
  TimDownloadElemResult,
  TimMessageReceipt,
  TimMsgBatchSendParam,
  TimMsgBatchSendResult,
  TimMsgDeleteParam,
  TimMsgGetMsgListParam,
  TimMsgLocator,
  TimReceiveMessageOptInfo,
} from '../../src/tim/types/messageParams';
import type { TimAndroidOfflinePushConfig, TimIOSOfflinePushConfig, TimOfflinePushConfig } from '../../src/tim/types/offlinePush';
import type { TimMsgSearchParam, TimMsgSearchResult, TimMsgSearchResultItem } from '../../src/tim/types/search';
import { MESSAGE } from './samples';

// A copy of every JSON key read from the SDK headers (shared/reference/tim-keys.md), kept with the tests.
const KEYS_FILE = path.resolve(__dirname, 'fixtures/tim-keys.md');
const TEXT: TimTextElem = { elem_type: 0, text_elem_content: 'x' };

const message: Required<TimMessage> = {
  message_elem_array: [], message_conv_id: '', message_conv_type: 1, message_sender: '', message_priority: 1,
  message_client_time: 0, message_server_time: 0, message_is_from_self: false, message_platform: 0, message_is_read: false,
  message_is_online_msg: false, message_is_peer_read: false, message_receipt_peer_read: false, message_need_read_receipt: false,
  message_support_message_extension: false, message_is_broadcast_message: false, message_has_sent_receipt: false,
  message_group_receipt_read_count: 0, message_group_receipt_unread_count: 0, message_version: 0, message_status: 2,
  message_unique_id: 0n, message_msg_id: '', message_rand: 0, message_seq: 0, message_custom_int: 0, message_custom_str: '',
  message_cloud_custom_str: '', message_is_excluded_from_unread_count: false, message_group_at_user_array: [],
  message_sender_profile: { user_profile_identifier: '' }, message_sender_group_member_info: { group_member_info_identifier: '' },
  message_excluded_from_last_message: false, message_excluded_from_content_moderation: false,
  message_custom_moderation_configuration_id: '', message_has_risk_content: false, message_risk_type_identified: 0,
  message_offline_push_config: {}, message_revoker_user_id: '', message_revoker_nick_name: '', message_revoker_face_url: '',
  message_revoke_reason: '', message_pinner_user_id: '', message_pinner_nick_name: '', message_pinner_friend_remark: '',
  message_pinner_name_card: '', message_pinner_face_url: '',
};
const messageParam: Required<Pick<TimMessageParam, 'message_is_forward_message' | 'message_target_group_member_array'>> = {
  message_is_forward_message: false,
  message_target_group_member_array: [],
};

/** Section (as tim-keys.md names it) -> the keys of the type that covers it. */
const SECTIONS: Record<string, readonly string[]> = {
  '7.12 Message': [...Object.keys(message), ...Object.keys(messageParam)],
  '7.2 TextElem': keys<Required<TimTextElem>>(TEXT),
  '7.3 CustomElem': keys<Required<TimCustomElem>>({ elem_type: 3, custom_elem_data: '', custom_elem_desc: '', custom_elem_ext: '', custom_elem_sound: '' }),
  '7.4 ImageElem': keys<Required<TimImageElem>>({
    elem_type: 1, image_elem_orig_path: '', image_elem_level: 0, image_elem_format: 0, image_elem_orig_id: '', image_elem_orig_pic_height: 0,
    image_elem_orig_pic_width: 0, image_elem_orig_pic_size: 0, image_elem_thumb_id: '', image_elem_thumb_pic_height: 0, image_elem_thumb_pic_width: 0,
    image_elem_thumb_pic_size: 0, image_elem_large_id: '', image_elem_large_pic_height: 0, image_elem_large_pic_width: 0, image_elem_large_pic_size: 0,
    image_elem_orig_url: '', image_elem_thumb_url: '', image_elem_large_url: '', image_elem_task_id: 0,
  }),
  '7.5 SoundElem': keys<Required<TimSoundElem>>({
    elem_type: 2, sound_elem_file_path: '', sound_elem_file_size: 0, sound_elem_file_time: 0, sound_elem_file_id: '', sound_elem_business_id: 0,
    sound_elem_url: '', sound_elem_task_id: 0,
  }),
  '7.6 VideoElem': keys<Required<TimVideoElem>>({
    elem_type: 9, video_elem_video_type: '', video_elem_video_size: 0, video_elem_video_duration: 0, video_elem_video_path: '', video_elem_video_id: '',
    video_elem_business_id: 0, video_elem_video_url: '', video_elem_image_type: '', video_elem_image_size: 0, video_elem_image_width: 0,
    video_elem_image_height: 0, video_elem_image_path: '', video_elem_image_id: '', video_elem_image_url: '', video_elem_task_id: 0,
  }),
  '7.7 FileElem': keys<Required<TimFileElem>>({
    elem_type: 4, file_elem_file_path: '', file_elem_file_name: '', file_elem_file_size: 0, file_elem_file_id: '', file_elem_business_id: 0,
    file_elem_url: '', file_elem_task_id: 0,
  }),
  '7.8 LocationElem': keys<Required<TimLocationElem>>({ elem_type: 7, location_elem_desc: '', location_elem_longitude: 0, location_elem_latitude: 0 }),
  '7.8 FaceElem': keys<Required<TimFaceElem>>({ elem_type: 6, face_elem_index: 0, face_elem_buf: '' }),
  '7.8 MergerElem': keys<Required<TimMergerElem>>({
    elem_type: 12, merge_elem_title: '', merge_elem_abstract_array: [], merge_elem_compatible_text: '', merge_elem_message_array: [MESSAGE],
    merge_elem_layer_over_limit: false, merge_elem_relay_pb_key: '', merge_elem_relay_json_key: '', merge_elem_relay_buffer: '',
  }),
  '7.11 GroupReportElem': keys<Required<TimGroupReportElem>>({
    elem_type: 8, group_report_elem_report_type: 0, group_report_elem_group_id: '', group_report_elem_group_name: '', group_report_elem_op_user: '',
    group_report_elem_msg: '', group_report_elem_user_data: '', group_report_elem_op_user_info: { user_profile_identifier: '' },
    group_report_elem_op_group_memberinfo: { group_member_info_identifier: '' }, group_report_elem_platform: '', group_report_elem_shut_up_time: 0,
    group_report_elem_group_message_receive_option: 0,
  }),
  '7.13 MsgBatchSendParam': keys<Required<TimMsgBatchSendParam>>({ msg_batch_send_param_identifier_array: [], msg_batch_send_param_msg: { message_elem_array: [TEXT] } }),
  '7.14 MsgBatchSendResult': keys<Required<TimMsgBatchSendResult>>({
    msg_batch_send_result_identifier: '', msg_batch_send_result_code: 0, msg_batch_send_result_desc: '', msg_batch_send_result_msg: MESSAGE,
  }),
  '7.15 DownloadElemParam': keys<Required<TimDownloadElemParam>>({
    msg_download_elem_param_type: 0, msg_download_elem_param_id: '', msg_download_elem_param_business_id: 0, msg_download_elem_param_url: '',
  }),
  '7.16 MsgDownloadElemResult': keys<Required<TimDownloadElemResult>>({ msg_download_elem_result_current_size: 0, msg_download_elem_result_total_size: 0 }),
  '8.1 MsgGetMsgListParam': keys<Required<TimMsgGetMsgListParam>>({
    msg_getmsglist_param_last_msg: MESSAGE, msg_getmsglist_param_count: 0, msg_getmsglist_param_is_ramble: false,
    msg_getmsglist_param_message_type_array: [], msg_getmsglist_param_is_forward: false, msg_getmsglist_param_last_msg_seq: 0,
    msg_getmsglist_param_time_begin: 0, msg_getmsglist_param_time_period: 0, msg_getmsglist_param_message_seq_array: [],
  }),
  '8.2 MsgLocator': keys<Required<TimMsgLocator>>({
    message_locator_conv_id: '', message_locator_conv_type: 1, message_locator_is_revoked: false, message_locator_time: 0, message_locator_seq: 0,
    message_locator_is_self: false, message_locator_rand: 0, message_locator_unique_id: 0,
  }),
  '8.3 MessageSearchParam': keys<Required<TimMsgSearchParam>>({
    msg_search_param_keyword_array: [], msg_search_param_message_type_array: [], msg_search_param_conv_id: '', msg_search_param_conv_type: 1,
    msg_search_param_search_time_position: 0, msg_search_param_search_time_period: 0, msg_search_param_page_index: 0, msg_search_param_page_size: 0,
    msg_search_param_keyword_list_match_type: 0, msg_search_param_send_identifier_array: [], msg_search_param_search_count: 0,
    msg_search_param_search_cursor: '',
  }),
  '8.4 MessageSearchResultItem': keys<Required<TimMsgSearchResultItem>>({
    msg_search_result_item_conv_id: '', msg_search_result_item_conv_type: 1, msg_search_result_item_total_message_count: 0,
    msg_search_result_item_message_array: [],
  }),
  '8.5 MessageSearchResult': keys<Required<TimMsgSearchResult>>({
    msg_search_result_total_count: 0, msg_search_result_item_array: [], msg_search_result_search_cursor: '',
  }),
  '8.5 MsgDeleteParam': keys<Required<TimMsgDeleteParam>>({ msg_delete_param_msg: MESSAGE, msg_delete_param_is_ramble: false }),
  '9.1 GetC2CRecvMsgOptResult': keys<Required<TimC2CRecvMsgOptResult>>({ msg_recv_msg_opt_result_identifier: '', msg_recv_msg_opt_result_opt: 0 }),
  '9.2 TIMReceiveMessageOptInfo': keys<Required<TimReceiveMessageOptInfo>>({
    msg_all_recv_msg_opt_start_hour: 0, msg_all_recv_msg_opt_start_minute: 0, msg_all_recv_msg_opt_start_second: 0,
    msg_all_recv_msg_opt_start_time_stamp: 0, msg_all_recv_msg_duration: 0, msg_all_recv_msg_opt_level: 0,
  }),
  '10.2 MessageReceipt': keys<Required<TimMessageReceipt>>({
    msg_receipt_conv_id: '', msg_receipt_conv_type: 1, msg_receipt_msg_id: '', msg_receipt_time_stamp: 0, msg_receipt_is_peer_read: false,
    msg_receipt_read_count: 0, msg_receipt_unread_count: 0,
  }),
  '8.1 Draft': keys<Required<TimDraft>>({ draft_msg: { message_elem_array: [TEXT] }, draft_user_define: '', draft_edit_time: 0 }),
  '8.2 GroupAtInfo': keys<Required<TimGroupAtInfo>>({ conv_group_at_info_seq: 0, conv_group_at_info_at_type: 1 }),
  '8.3 ConvInfo': keys<Required<Omit<TimConvInfo, 'conv_owner'>>>({
    conv_id: '', conv_type: 1, conv_face_url: '', conv_unread_num: 0, conv_active_time: 0, conv_is_has_lastmsg: false, conv_last_msg: MESSAGE,
    conv_is_has_draft: false, conv_draft: { draft_msg: { message_elem_array: [TEXT] } }, conv_recv_opt: 0, conv_group_type: 0,
    conv_group_at_info_array: [], conv_is_pinned: false, conv_show_name: '', conv_mark_array: [], conv_custom_data: '',
    conv_conversation_group_array: [], conv_c2c_read_timestamp: 0, conv_group_read_sequence: 0,
  }),
  '9.1 ConvInfo': keys<Required<Pick<TimConvInfo, 'conv_owner'>>>({ conv_owner: '' }),
  '8.7 GetTotalUnreadNumberResult': keys<Required<TimTotalUnreadResult>>({ conv_get_total_unread_message_count_result_unread_count: 0 }),
  '9.1 GroupTipGroupChangeInfo': keys<Required<TimGroupTipGroupChangeInfo>>({
    group_tips_group_change_info_flag: 0, group_tips_group_change_info_value: '', group_tips_group_change_info_key: '',
    group_tips_group_change_info_bool_value: false, group_tips_group_change_info_int_value: 0, group_tips_group_change_info_uint64_value: 0,
  }),
  '9.2 GroupTipMemberChangeInfo': keys<Required<TimGroupTipMemberChangeInfo>>({
    group_tips_member_change_info_identifier: '', group_tips_member_change_info_shutupTime: 0,
  }),
  '9.3 GroupTipMemberMarkChangeInfo': keys<Required<TimGroupTipMemberMarkChangeInfo>>({
    group_tips_member_mark_change_info_enableMark: false, group_tips_member_mark_change_info_markType: 0,
    group_tips_member_mark_change_info_userIDList: [],
  }),
  '9.4 GroupTipsElem': keys<Required<Omit<TimGroupTipsElem, 'elem_type'>>>({
    group_tips_elem_tip_type: 0, group_tips_elem_join_type: 0, group_tips_elem_op_user: '', group_tips_elem_group_id: '',
    group_tips_elem_user_array: [], group_tips_elem_group_change_info_array: [], group_tips_elem_member_change_info_array: [],
    group_tips_elem_op_user_info: { user_profile_identifier: '' }, group_tips_elem_op_group_memberinfo: { group_member_info_identifier: '' },
    group_tips_elem_changed_user_info_array: [], group_tips_elem_changed_group_memberinfo_array: [], group_tips_elem_member_num: 0,
    group_tips_elem_platform: '', group_tips_elem_member_mark_info_array: [], group_tips_elem_pinned_message_list: [],
  }),
  '10.1 GroupMemberInfo': keys<Required<TimGroupMemberInfo>>({
    group_member_info_identifier: '', group_member_info_group_id: '', group_member_info_join_time: 0, group_member_info_member_role: 200,
    group_member_info_msg_flag: 0, group_member_info_msg_seq: 0, group_member_info_shutup_time: 0, group_member_info_name_card: '',
    group_member_info_nick_name: '', group_member_info_friend_remark: '', group_member_info_face_url: '', group_member_info_custom_info: [],
    group_member_info_is_online: '', group_member_info_online_devices: [],
  }),
  '7.1 SdKConfig': keys<Required<TimSdkConfig>>({ sdk_config_config_file_path: '', sdk_config_log_file_path: '', sdk_config_main_thread_id: 0 }),
  '7.2 UserConfig': keys<Required<TimUserConfig>>({ user_config_is_is_disable_storage: false }),
  '7.3 HttpProxyInfo': keys<Required<TimHttpProxyInfo>>({ http_proxy_info_ip: '', http_proxy_info_port: 0, http_proxy_info_username: '', http_proxy_info_password: '' }),
  '7.4 Socks5ProxyInfo': keys<Required<TimSocks5ProxyInfo>>({
    socks5_proxy_info_ip: '', socks5_proxy_info_port: 0, socks5_proxy_info_username: '', socks5_proxy_info_password: '',
  }),
  '7.6 SetConfig': keys<Required<TimSetConfig>>({
    set_config_log_level: 0, set_config_callback_log_level: 0, set_config_is_log_output_console: false, set_config_user_config: {},
    set_config_user_define_data: '', set_config_http_proxy_info: { http_proxy_info_ip: '', http_proxy_info_port: 0 },
    set_config_socks5_proxy_info: { socks5_proxy_info_ip: '', socks5_proxy_info_port: 0 }, set_config_pac_proxy_info: {},
    set_config_is_only_local_dns_source: false,
  }),
  '3.3 IOSOfflinePushConfig': keys<Required<TimIOSOfflinePushConfig>>({
    ios_offline_push_config_title: '', ios_offline_push_config_sound: '', ios_offline_push_config_ignore_badge: false,
    ios_offline_push_config_push_type: 0, ios_offline_push_config_image: '',
  }),
  '3.4 AndroidOfflinePushConfig': keys<Required<TimAndroidOfflinePushConfig>>({
    android_offline_push_config_title: '', android_offline_push_config_sound: '', android_offline_push_config_notify_mode: 0,
    android_offline_push_config_vivo_classification: 0, android_offline_push_config_vivo_category: '', android_offline_push_config_oppo_channel_id: '',
    android_offline_push_config_xiaomi_channel_id: '', android_offline_push_config_fcm_channel_id: '', android_offline_push_config_huawei_category: '',
    android_offline_push_config_huawei_image: '', android_offline_push_config_honor_image: '', android_offline_push_config_fcm_image: '',
  }),
  '3.4 OfflinePushConfig': keys<Required<TimOfflinePushConfig>>({
    offline_push_config_desc: '', offline_push_config_ext: '', offline_push_config_flag: 0, offline_push_config_ios_config: {},
    offline_push_config_android_config: {},
  }),
};

/** Sections typed elsewhere: element kind (every element has it) and sections outside the extension's scope. */
const NOT_TYPED_HERE = new Set(['7.1 ElemType', '7.9 GroupMessageAtALL']);

function keys<T extends object>(sample: T): string[] {
  return Object.keys(sample).filter((key) => key !== 'elem_type');
}

function readSections(): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  for (const match of fs.readFileSync(KEYS_FILE, 'utf8').matchAll(/^\| ([0-9.]+ \w+) \| `\w+` \| `"([^"]+)"` \|/gm)) {
    const [, section = '', key = ''] = match;
    sections.set(section, [...(sections.get(section) ?? []), key]);
  }
  return sections;
}

describe('TIM JSON types', () => {
  it('use exactly the header keys of every section they cover', function () {
    const sections = readSections();
    for (const [section, typed] of Object.entries(SECTIONS)) {
      const expected = sections.get(section);
      assert.ok(expected !== undefined, `tim-keys.md has a section "${section}"`);
      assert.deepEqual([...typed].sort(), [...expected].sort(), section);
    }
    assert.ok(!NOT_TYPED_HERE.has('7.12 Message'));
  });

  it('cover every key of the Message section (7.12), 49 keys', () => {
    assert.equal(new Set(SECTIONS['7.12 Message']).size, 49);
  });
});
