/**
 * The rest of the seed's message calls (TIMMessageManager.h): receive options, downloads, local search,
 * local custom data and batch send.
 */
import { parseDownloadProgress } from './downloadProgress';
import type { TimCallProgress } from './endpoint';
import type { TIMReceiveMessageOpt } from './enums';
import { stringifyTimJson } from './json';
import { messageUploadsFiles, TimMessageApi } from './messageApi';
import type { TimMessage } from './types/message';
import type {
  TimC2CRecvMsgOptResult,
  TimDownloadElemParam,
  TimDownloadElemResult,
  TimLocalCustomData,
  TimMsgBatchSendParam,
  TimMsgBatchSendResult,
} from './types/messageParams';
import type { TimMsgSearchParam, TimMsgSearchResult } from './types/search';
import { MAX_C2C_RECEIVE_OPT_USERS, requireAtMost, requireNonEmptyString } from './validate';

export class TimMessageOptionApi extends TimMessageApi {
  /** TIMMsgSetC2CReceiveMessageOpt: at most 30 users per call (and 5 calls a second, enforced by the engine). */
  async msgSetC2CReceiveMessageOpt(userIds: readonly string[], opt: TIMReceiveMessageOpt): Promise<void> {
    const api = 'TIMMsgSetC2CReceiveMessageOpt';
    requireAtMost(api, 'json_identifier_array', userIds, MAX_C2C_RECEIVE_OPT_USERS);
    await this.invoke(api, [stringifyTimJson(userIds), opt]);
  }

  /** TIMMsgGetC2CReceiveMessageOpt. */
  async msgGetC2CReceiveMessageOpt(userIds: readonly string[]): Promise<TimC2CRecvMsgOptResult[]> {
    const api = 'TIMMsgGetC2CReceiveMessageOpt';
    const result = await this.invoke(api, [stringifyTimJson(userIds)]);
    return this.decodeArray<TimC2CRecvMsgOptResult>(api, result.json);
  }

  /** TIMMsgSetGroupReceiveMessageOpt. The current option is in the group's info and conversation. */
  async msgSetGroupReceiveMessageOpt(groupId: string, opt: TIMReceiveMessageOpt): Promise<void> {
    const api = 'TIMMsgSetGroupReceiveMessageOpt';
    requireNonEmptyString(api, 'group_id', groupId);
    await this.invoke(api, [groupId, opt]);
  }

  /**
   * TIMMsgDownloadElemToPath: an image, sound, file or video payload to `path` (UTF-8). Resolves with
   * the final sizes when the engine reports them. `onProgress` gets the engine's progress reports in
   * bytes, before the promise settles; how often depends on the engine (tim-emulator: every 256 KiB
   * and always once with current == total).
   */
  async msgDownloadElemToPath(
    param: TimDownloadElemParam,
    path: string,
    onProgress?: (current: number, total: number) => void,
  ): Promise<TimDownloadElemResult | undefined> {
    const api = 'TIMMsgDownloadElemToPath';
    requireNonEmptyString(api, 'path', path);
    const listener =
      onProgress === undefined
        ? undefined
        : (report: TimCallProgress): void => {
            const progress = parseDownloadProgress(report.desc, report.json);
            if (progress !== undefined) {
              onProgress(progress.current, progress.total);
            }
          };
    const result = await this.invoke(api, [stringifyTimJson(param), path], 'transfer', listener);
    return this.decodeOptionalObject<TimDownloadElemResult>(api, result.json);
  }

  /** TIMMsgDownloadMergerMessage: the messages inside a received merger message. */
  async msgDownloadMergerMessage(message: TimMessage): Promise<TimMessage[]> {
    const api = 'TIMMsgDownloadMergerMessage';
    const result = await this.invoke(api, [stringifyTimJson(message)], 'transfer');
    return this.decodeArray<TimMessage>(api, result.json);
  }

  /** TIMMsgSearchLocalMessages. */
  async msgSearchLocalMessages(param: TimMsgSearchParam): Promise<TimMsgSearchResult> {
    const api = 'TIMMsgSearchLocalMessages';
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeObject<TimMsgSearchResult>(api, result.json);
  }

  /** TIMMsgSetLocalCustomData: stores the message's `message_custom_int` / `message_custom_str` locally. */
  async msgSetLocalCustomData(message: TimLocalCustomData): Promise<void> {
    await this.invoke('TIMMsgSetLocalCustomData', [stringifyTimJson(message)]);
  }

  /**
   * TIMMsgBatchSend: one message to several users (C2C only), one result per user. The call rejects
   * when the SDK reports an overall failure; the per-user results are then in the TimError's `json`.
   */
  async msgBatchSend(param: TimMsgBatchSendParam): Promise<TimMsgBatchSendResult[]> {
    const api = 'TIMMsgBatchSend';
    const weight = messageUploadsFiles(param.msg_batch_send_param_msg) ? 'transfer' : 'normal';
    const result = await this.invoke(api, [stringifyTimJson(param)], weight);
    return this.decodeArray<TimMsgBatchSendResult>(api, result.json);
  }
}
