/**
 * TIMManager.h through the typed client: init and uninit, config, login and logout, the synchronous
 * getters, and user profiles. Method names are the C names without `TIM`, lower-camel-cased.
 */
import { TimCallCore } from './callCore';
import type { TIMLoginStatus } from './enums';
import { stringifyTimJson, type Uint64 } from './json';
import type { TimSdkConfig, TimSetConfig } from './types/manager';
import type { TimGetUserProfileListParam, TimUserProfile, TimUserProfileItem } from './types/userProfile';
import { TimErrorCode } from './errorCodes';
import { TimError } from './errors';
import { requireNonEmptyString } from './validate';

export class TimManagerApi extends TimCallCore {
  /** TIMInit. Rejects with the TIMResult when it is not 0. */
  async init(sdkAppId: Uint64, config: TimSdkConfig = {}): Promise<void> {
    await this.invokeSyncResult('TIMInit', [sdkAppId, stringifyTimJson(config)]);
  }

  /** TIMUninit. The endpoint rejects every pending call (the SDK would drop their callbacks). */
  async uninit(): Promise<void> {
    await this.invokeSyncResult('TIMUninit', []);
  }

  /** TIMSetConfig. Console logging can only be switched off before TIMInit. */
  async setConfig(config: TimSetConfig): Promise<void> {
    await this.invoke('TIMSetConfig', [stringifyTimJson(config)]);
  }

  /** TIMLogin (longer timeout: an offline login answers only after 30 s). */
  async login(userId: string, userSig: string): Promise<void> {
    requireNonEmptyString('TIMLogin', 'user_id', userId);
    requireNonEmptyString('TIMLogin', 'user_sig', userSig);
    await this.invoke('TIMLogin', [userId, userSig]);
  }

  /** TIMLogout. */
  async logout(): Promise<void> {
    await this.invoke('TIMLogout', []);
  }

  /** TIMGetLoginUserID: the logged-in user, or "" when logged out. */
  async getLoginUserID(): Promise<string> {
    return String(await this.invokeSync('TIMGetLoginUserID', []));
  }

  /** TIMGetLoginStatus. */
  async getLoginStatus(): Promise<TIMLoginStatus> {
    return Number(await this.invokeSync('TIMGetLoginStatus', [])) as TIMLoginStatus;
  }

  /** TIMGetSDKVersion, e.g. "8.0.5903". */
  async getSDKVersion(): Promise<string> {
    return String(await this.invokeSync('TIMGetSDKVersion', []));
  }

  /** TIMGetServerTime: the server's time in seconds (0 before the first login). */
  async getServerTime(): Promise<number> {
    return Number(await this.invokeSync('TIMGetServerTime', []));
  }

  /** TIMProfileGetUserProfileList. */
  async profileGetUserProfileList(param: TimGetUserProfileListParam): Promise<TimUserProfile[]> {
    const api = 'TIMProfileGetUserProfileList';
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeArray<TimUserProfile>(api, result.json);
  }

  /**
   * TIMProfileModifySelfUserProfile: changes the fields present in `item`. The user's devices hear of it
   * as SelfInfoUpdated; others read the new profile (and new messages carry it).
   */
  async profileModifySelfUserProfile(item: TimUserProfileItem): Promise<void> {
    const api = 'TIMProfileModifySelfUserProfile';
    if (Object.keys(item).length === 0) {
      throw new TimError(TimErrorCode.ERR_INVALID_PARAMETERS, 'nothing to change: name at least one field', api);
    }
    await this.invoke(api, [stringifyTimJson(item)]);
  }
}
