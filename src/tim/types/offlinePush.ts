/**
 * A message's offline push configuration (`message_offline_push_config`, TIMOfflinePushManager.h 3.3,
 * 3.4). The extension never sets it; it is typed so that messages round-trip without loss.
 */
import type { TIMOfflinePushFlag } from '../enums';

/** 3.3 IOSOfflinePushConfig. */
export interface TimIOSOfflinePushConfig {
  readonly ios_offline_push_config_title?: string;
  readonly ios_offline_push_config_sound?: string;
  readonly ios_offline_push_config_ignore_badge?: boolean;
  readonly ios_offline_push_config_push_type?: number;
  readonly ios_offline_push_config_image?: string;
}

/** 3.4 AndroidOfflinePushConfig. */
export interface TimAndroidOfflinePushConfig {
  readonly android_offline_push_config_title?: string;
  readonly android_offline_push_config_sound?: string;
  readonly android_offline_push_config_notify_mode?: number;
  readonly android_offline_push_config_vivo_classification?: number;
  readonly android_offline_push_config_vivo_category?: string;
  readonly android_offline_push_config_oppo_channel_id?: string;
  readonly android_offline_push_config_xiaomi_channel_id?: string;
  readonly android_offline_push_config_fcm_channel_id?: string;
  readonly android_offline_push_config_huawei_category?: string;
  readonly android_offline_push_config_huawei_image?: string;
  readonly android_offline_push_config_honor_image?: string;
  readonly android_offline_push_config_fcm_image?: string;
}

/** 3.4 OfflinePushConfig. */
export interface TimOfflinePushConfig {
  readonly offline_push_config_desc?: string;
  readonly offline_push_config_ext?: string;
  readonly offline_push_config_flag?: TIMOfflinePushFlag;
  readonly offline_push_config_ios_config?: TimIOSOfflinePushConfig;
  readonly offline_push_config_android_config?: TimAndroidOfflinePushConfig;
}
