/**
 * From a call to its handler: the table of every TIM C function the emulator answers, and the mapping of
 * a handler's outcome or failure onto a ResultFrame (callback code/desc/json, or a synchronous TIMResult).
 */
import type { CallFrame, ResultFrame } from '../protocol';
import { ApiError, Err, SyncResult } from './apiError';
import { Args } from './args';
import { authHandlers } from './auth';
import { blocklistHandlers } from './blocklist';
import type { Ctx, Handler, Outcome } from './context';
import { convMarkHandlers } from './convMarks';
import { conversationHandlers } from './conversations';
import { friendProfileHandlers } from './friendProfiles';
import { friendRequestHandlers } from './friendRequests';
import { friendHandlers } from './friends';
import { groupDismissHandlers } from './groupDismiss';
import { groupInfoHandlers } from './groupInfo';
import { groupJoinHandlers } from './groupJoin';
import { groupRequestHandlers } from './groupRequests';
import { groupHandlers } from './groups';
import { downloadHandlers } from './messages/downloads';
import { historyHandlers } from './messages/history';
import { modifyHandlers } from './messages/modify';
import { pinHandlers } from './messages/pins';
import { reactionHandlers } from './messages/reactions';
import { readHandlers } from './messages/read';
import { receiptHandlers } from './messages/receipts';
import { recvOptHandlers } from './messages/recvOpt';
import { searchHandlers } from './messages/search';
import { sendHandlers } from './messages/send';
import { profileHandlers } from './profiles';
import { userStatusHandlers } from './userStatus';

const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    ...authHandlers,
    ...profileHandlers,
    ...userStatusHandlers,
    ...friendProfileHandlers,
    ...friendHandlers,
    ...friendRequestHandlers,
    ...blocklistHandlers,
    ...sendHandlers,
    ...historyHandlers,
    ...modifyHandlers,
    ...reactionHandlers,
    ...pinHandlers,
    ...readHandlers,
    ...receiptHandlers,
    ...recvOptHandlers,
    ...searchHandlers,
    ...downloadHandlers,
    ...conversationHandlers,
    ...convMarkHandlers,
    ...groupHandlers,
    ...groupJoinHandlers,
    ...groupRequestHandlers,
    ...groupInfoHandlers,
    ...groupDismissHandlers,
  }),
);

const LISTENER_SETTER = /^TIM(Set|Add|Remove)[A-Za-z]*Callback$/;

export function supportedApis(): string[] {
  return [...HANDLERS.keys()].sort();
}

function syncCode(code: number): number {
  if (code < 0) {
    return code;
  }
  if (code === Err.NOT_INITIALIZED) {
    return SyncResult.ERR_SDKUNINIT;
  }
  if (code === Err.NOT_LOGGED_IN) {
    return SyncResult.ERR_NOTLOGIN;
  }
  return SyncResult.ERR_PARAM;
}

function toResult(frame: CallFrame, outcome: Outcome): ResultFrame {
  // Assignments rather than conditional spreads: every call's answer is built here.
  const result: { -readonly [K in keyof ResultFrame]: ResultFrame[K] } = {
    type: 'result',
    id: frame.id,
    code: outcome.code ?? 0,
    desc: outcome.desc ?? '',
    json: outcome.json ?? '',
  };
  if (outcome.messageId !== undefined) {
    result.messageId = outcome.messageId;
  }
  if (outcome.value !== undefined) {
    result.value = outcome.value;
  }
  if (outcome.eventSeq !== undefined) {
    result.eventSeq = outcome.eventSeq;
  }
  return result;
}

export function errorResult(frame: CallFrame, error: unknown): ResultFrame {
  if (error instanceof ApiError) {
    if (error.sync || frame.sync === true) {
      return { type: 'result', id: frame.id, code: error.sync ? error.code : syncCode(error.code), desc: error.desc, json: '', syncError: true };
    }
    return { type: 'result', id: frame.id, code: error.code, desc: error.desc, json: error.json };
  }
  return { type: 'result', id: frame.id, code: Err.INTERNAL_ERROR, desc: `tim-emulator internal error: ${String(error)}`, json: '' };
}

/** Runs one call; never rejects. */
export async function dispatch(ctx: Ctx, frame: CallFrame): Promise<ResultFrame> {
  try {
    const handler = HANDLERS.get(frame.api);
    if (handler === undefined) {
      if (LISTENER_SETTER.test(frame.api)) {
        return toResult(frame, {});
      }
      throw new ApiError(Err.INTERFACE_NOT_SUPPORT, `${frame.api} is not supported by tim-emulator`);
    }
    return toResult(frame, await handler(ctx, new Args(frame.api, frame.args)));
  } catch (error: unknown) {
    return errorResult(frame, error);
  }
}
