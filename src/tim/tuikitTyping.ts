/**
 * "Typing…" in the format Tencent's own chat UIs (TUIKit) send and read, so the indicator works both
 * ways between VS Code and TUIKit apps: a C2C custom message sent online only (never stored, never
 * unread, nothing for an offline peer) whose element data is
 *   {"businessID":"user_typing_status","typingStatus":1,"version":1,"userAction":14,"actionParam":"EIMAMSG_InputStatus_Ing"}
 * (typingStatus 0 and "EIMAMSG_InputStatus_End" when the user stops). userAction/actionParam are what
 * TUIKit's older versions read. Pure, so it is unit-tested.
 */
import { TIMElemType } from './enums';
import type { TimMessage, TimMessageParam } from './types/message';

export const TYPING_BUSINESS_ID = 'user_typing_status';
const TYPING_ACTION = 14;
const TYPING_PARAM = { typing: 'EIMAMSG_InputStatus_Ing', stopped: 'EIMAMSG_InputStatus_End' } as const;

/** The message that tells the peer the user is typing (`true`) or stopped (`false`). */
export function typingStatusMessage(typing: boolean): TimMessageParam {
  const data = {
    businessID: TYPING_BUSINESS_ID,
    typingStatus: typing ? 1 : 0,
    version: 1,
    userAction: TYPING_ACTION,
    actionParam: typing ? TYPING_PARAM.typing : TYPING_PARAM.stopped,
  };
  return {
    message_elem_array: [{ elem_type: TIMElemType.Custom, custom_elem_data: JSON.stringify(data) }],
    message_is_online_msg: true,
    message_is_excluded_from_unread_count: true,
    message_excluded_from_last_message: true,
    message_excluded_from_content_moderation: true,
  };
}

/**
 * 'typing' or 'stopped' when the message is a typing status (TUIKit's current or older form), else
 * undefined: an ordinary message, to be shown.
 */
export function typingStatusOf(message: Pick<TimMessage, 'message_elem_array'>): 'typing' | 'stopped' | undefined {
  const [elem, ...rest] = message.message_elem_array ?? [];
  if (rest.length > 0 || elem?.elem_type !== TIMElemType.Custom) {
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(String((elem as { custom_elem_data?: unknown }).custom_elem_data ?? ''));
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object') {
    return undefined;
  }
  const { businessID, typingStatus, userAction, actionParam } = data as Record<string, unknown>;
  if (businessID === TYPING_BUSINESS_ID && (typingStatus === 0 || typingStatus === 1)) {
    return typingStatus === 1 ? 'typing' : 'stopped';
  }
  // TUIKit before typingStatus: no businessID, only the action.
  if (businessID === undefined && userAction === TYPING_ACTION && (actionParam === TYPING_PARAM.typing || actionParam === TYPING_PARAM.stopped)) {
    return actionParam === TYPING_PARAM.typing ? 'typing' : 'stopped';
  }
  return undefined;
}
