/**
 * Editing a sent message (TIMMsgModifyMessage). TIM lets any participant change a message; TIM Chat
 * offers it for the user's own sent text messages only, as every chat app does. The new text replaces
 * the text element; everything else the message carries (a reply's quote, @-mentions) stays, and its
 * cloud data gains TIM Chat's edit mark (editMark.ts). When
 * someone else changed the message meanwhile, TIM refuses (8006) with the message as it now is: the
 * panel shows that version and says so.
 */
import * as vscode from 'vscode';
import { TIMElemType, TIMMsgStatus } from '../../tim/enums';
import { TimErrorCode } from '../../tim/errorCodes';
import { isTimError } from '../../tim/errors';
import { parseTimJson } from '../../tim/json';
import type { TimClient } from '../../tim/client';
import type { TimMessage } from '../../tim/types/message';
import { withEditMark } from './editMark';

/** Whether `message` is one the user may edit: their own, sent, and a single text element. */
export function isEditable(message: TimMessage, selfId: string): boolean {
  const elems = message.message_elem_array ?? [];
  return (
    (message.message_is_from_self === true || message.message_sender === selfId) &&
    message.message_status === TIMMsgStatus.SendSucc &&
    elems.length === 1 &&
    elems[0].elem_type === TIMElemType.Text
  );
}

/**
 * Replaces the text of `original`; resolves with the message as TIM now has it. `onLatest` gets the
 * current version when TIM reports a conflict, before the error is thrown.
 */
export async function editMessageText(client: TimClient, original: TimMessage, selfId: string, text: unknown, onLatest: (latest: TimMessage) => void): Promise<TimMessage> {
  if (typeof text !== 'string' || text.trim().length === 0) {
    throw new Error(vscode.l10n.t('An edited message cannot be empty. Delete it instead.'));
  }
  if (!isEditable(original, selfId)) {
    throw new Error(vscode.l10n.t('Only your own sent text messages can be edited.'));
  }
  try {
    return await client.msgModifyMessage({
      ...original,
      message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: text }],
      message_cloud_custom_str: withEditMark(original.message_cloud_custom_str),
    });
  } catch (error: unknown) {
    if (isTimError(error) && error.code === TimErrorCode.ERR_SDK_MSG_MODIFY_CONFLICT) {
      const latest = error.json ? parseTimJson(error.json) : undefined;
      if (latest !== null && typeof latest === 'object' && !Array.isArray(latest) && typeof (latest as TimMessage).message_msg_id === 'string') {
        onLatest(latest as TimMessage);
      }
      throw new Error(vscode.l10n.t('Someone changed this message meanwhile: it now shows their version. Edit it again if needed.'));
    }
    throw error;
  }
}
