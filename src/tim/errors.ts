/**
 * The one error class of the TIM layer: every failed TIM call, on either engine, rejects with a TimError
 * carrying the SDK's code and description and the C function that failed.
 */

/** TIMResult: what a TIM C function returns synchronously (0 means the callback will fire). */
export const TimResult = {
  SUCC: 0,
  ERR_SDKUNINIT: -1,
  ERR_NOTLOGIN: -2,
  ERR_JSON: -3,
  ERR_PARAM: -4,
  ERR_CONV: -5,
  ERR_GROUP: -6,
} as const;

/** Error codes used by this project beyond the SDK's own (see tim-keys.md for the SDK's). */
export const TimCode = {
  /** ERR_SDK_NOT_INITIALIZED: the SDK is not initialised (callbacks before TIMInit / after TIMUninit). */
  NOT_INITIALIZED: 6013,
  /** ERR_SDK_NOT_LOGGED_IN. */
  NOT_LOGGED_IN: 6014,
  /** ERR_INVALID_PARAMETERS. */
  INVALID_PARAMETERS: 6017,
  /** ERR_SDK_NET_WAIT_ACK_TIMEOUT: the answer did not arrive within the call's timeout. */
  TIMEOUT: 9520,
  /** ERR_SDK_NET_DISCONNECT: the endpoint's transport is gone (emulator socket closed, endpoint disposed). */
  ENDPOINT_CLOSED: 9508,
} as const;

export class TimError extends Error {
  readonly code: number;
  readonly desc: string;
  readonly api: string;
  /**
   * The callback's JSON when a failure still carried some (a failed send calls back with the full
   * message; a batch send with one result per user), unparsed: parse it with `src/tim/json.ts`.
   */
  readonly json?: string;

  constructor(code: number, desc: string, api: string, json?: string) {
    super(`${api} failed: ${code} ${desc}`);
    this.name = 'TimError';
    this.code = code;
    this.desc = desc;
    this.api = api;
    if (json !== undefined && json !== '') {
      this.json = json;
    }
  }
}

/** A readable description of a synchronous TIMResult, for errors built from a C return value. */
export function describeTimResult(result: number): string {
  switch (result) {
    case TimResult.SUCC:
      return 'TIM_SUCC';
    case TimResult.ERR_SDKUNINIT:
      return 'TIM_ERR_SDKUNINIT: the SDK is not initialised';
    case TimResult.ERR_NOTLOGIN:
      return 'TIM_ERR_NOTLOGIN: not logged in';
    case TimResult.ERR_JSON:
      return 'TIM_ERR_JSON: invalid JSON parameter';
    case TimResult.ERR_PARAM:
      return 'TIM_ERR_PARAM: invalid parameter';
    case TimResult.ERR_CONV:
      return 'TIM_ERR_CONV: invalid conversation';
    case TimResult.ERR_GROUP:
      return 'TIM_ERR_GROUP: invalid group';
    default:
      return `TIMResult ${result}`;
  }
}

/** Narrows unknown errors at boundaries (command handlers, webview requests). */
export function isTimError(error: unknown): error is TimError {
  return error instanceof TimError;
}
