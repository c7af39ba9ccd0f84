/**
 * The plumbing under every typed TIM method: picks the call's timeout, sends C-order arguments through
 * the endpoint, turns a non-zero code into a TimError and decodes the answer's JSON losslessly. The API
 * classes (managerApi.ts ... groupApi.ts) build on it, one area per file, and TimClient (client.ts)
 * is the last of them.
 */
import {
  TIM_CALLBACK_APIS,
  TIM_SYNC_APIS,
  type TimCallbackApi,
  type TimCallbackArgs,
  type TimSyncArgs,
} from './apiTable';
import type { TimArg, TimCallOptions, TimCallResult, TimEndpoint, TimEventName, TimSyncApi } from './endpoint';
import { TimErrorCode } from './errorCodes';
import { describeTimResult, TimError, TimResult } from './errors';
import { parseTimJson } from './json';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** An offline login answers 9523 only after 30 s; a queued second login after 60 s. */
export const DEFAULT_LOGIN_TIMEOUT_MS = 60_000;
/** Calls that move files (downloads, sends with image/sound/file/video elements). */
export const DEFAULT_TRANSFER_TIMEOUT_MS = 300_000;

export interface TimClientOptions {
  /** Every callback call without a more specific timeout. Default 15 s. */
  readonly timeoutMs?: number;
  /** TIMLogin. Default 60 s. */
  readonly loginTimeoutMs?: number;
  /** Downloads, and sends whose message carries a file to upload. Default 5 min. */
  readonly transferTimeoutMs?: number;
  /** Per-function overrides; they win over the three above. */
  readonly apiTimeoutsMs?: Partial<Record<TimCallbackApi, number>>;
  /**
   * Told when a pushed event cannot be decoded or a listener throws (the event still reaches the other
   * listeners). Default: console.error.
   */
  readonly onListenerError?: (error: unknown, eventName: TimEventName) => void;
}

/** Whether a call moves files, which selects the transfer timeout. */
export type TimCallWeight = 'normal' | 'transfer';

export class TimCallCore {
  protected readonly endpoint: TimEndpoint;
  protected readonly options: TimClientOptions;

  constructor(endpoint: TimEndpoint, options: TimClientOptions = {}) {
    this.endpoint = endpoint;
    this.options = options;
  }

  /** The timeout a call of `api` gets. */
  timeoutFor(api: TimCallbackApi, weight: TimCallWeight = 'normal'): number {
    const override = this.options.apiTimeoutsMs?.[api];
    if (override !== undefined) {
      return override;
    }
    if (api === 'TIMLogin') {
      return this.options.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS;
    }
    if (weight === 'transfer') {
      return this.options.transferTimeoutMs ?? DEFAULT_TRANSFER_TIMEOUT_MS;
    }
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * Calls a callback function; resolves with its result when the code is 0, else rejects with TimError.
   * `onProgress` receives the callbacks that come before the result (downloads only).
   */
  protected async invoke<Api extends TimCallbackApi>(
    api: Api,
    args: TimCallbackArgs<Api> & readonly TimArg[],
    weight: TimCallWeight = 'normal',
    onProgress?: TimCallOptions['onProgress'],
  ): Promise<TimCallResult> {
    if (args.length !== TIM_CALLBACK_APIS[api].args.length) {
      // Only reachable through a cast; the tuple type already checks the arity.
      throw new TimError(TimResult.ERR_PARAM, `expected ${TIM_CALLBACK_APIS[api].args.length} arguments`, api);
    }
    const timeoutMs = this.timeoutFor(api, weight);
    const result = await this.endpoint.call(api, args, onProgress === undefined ? { timeoutMs } : { timeoutMs, onProgress });
    if (result.code !== 0) {
      throw new TimError(result.code, result.desc, api, result.json);
    }
    return result;
  }

  /** Calls a synchronous function and returns the C return value. */
  protected async invokeSync<Api extends TimSyncApi>(api: Api, args: TimSyncArgs<Api> & readonly TimArg[]): Promise<string | number | bigint> {
    return this.endpoint.callSync(api, args);
  }

  /** Calls a synchronous function returning a TIMResult; rejects with TimError when it is not 0. */
  protected async invokeSyncResult<Api extends TimSyncApi>(api: Api, args: TimSyncArgs<Api> & readonly TimArg[]): Promise<void> {
    if (TIM_SYNC_APIS[api].returns !== 'result') {
      throw new TypeError(`${api} does not return a TIMResult`);
    }
    const value = await this.endpoint.callSync(api, args);
    const code = Number(value);
    if (code !== TimResult.SUCC) {
      throw new TimError(code, describeTimResult(code), api);
    }
  }

  /** Parses an answer's JSON; an empty answer is `undefined`. */
  protected decode(api: string, json: string): unknown {
    if (json === '' || json.trim() === '') {
      return undefined;
    }
    try {
      return parseTimJson(json);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TimError(TimErrorCode.ERR_INVALID_JSON, `the answer is not valid JSON (${reason})`, api, json);
    }
  }

  /** Decodes a JSON array answer (an empty answer is an empty array). */
  protected decodeArray<T>(api: string, json: string): T[] {
    const value = this.decode(api, json);
    if (value === undefined || value === null) {
      return [];
    }
    if (!Array.isArray(value)) {
      throw new TimError(TimErrorCode.ERR_INVALID_JSON, 'expected a JSON array in the answer', api, json);
    }
    return value as T[];
  }

  /** Decodes a JSON object answer. */
  protected decodeObject<T>(api: string, json: string): T {
    const value = this.decode(api, json);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new TimError(TimErrorCode.ERR_INVALID_JSON, 'expected a JSON object in the answer', api, json);
    }
    return value as T;
  }

  /** Decodes a JSON object answer that may be empty. */
  protected decodeOptionalObject<T>(api: string, json: string): T | undefined {
    const value = this.decode(api, json);
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new TimError(TimErrorCode.ERR_INVALID_JSON, 'expected a JSON object in the answer', api, json);
    }
    return value as T;
  }
}
