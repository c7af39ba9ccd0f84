/**
 * A user's online status (TIMManager.h 6.5-6.8, UserStatus; SDK 6.3+, Tencent's premium edition):
 * whether they are logged in on some device, and the custom status they set.
 */
import type { TIMUserStatusType } from '../enums';

/** UserStatus: one user's status, as TIMGetUserStatus answers and UserStatusChanged pushes it. */
export interface TimUserStatus {
  readonly user_status_identifier: string;
  readonly user_status_status_type: TIMUserStatusType;
  readonly user_status_custom_status?: string;
  /** The kinds of device the user is online on (platform names); empty when offline. */
  readonly user_status_online_devices?: readonly string[];
}

/** TIMSetSelfStatus's argument: only the custom status can be set. */
export interface TimSelfStatus {
  readonly user_status_custom_status: string;
}
