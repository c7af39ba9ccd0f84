/**
 * Why a send failed, in words for the failed message's line in the panel: the reasons a user can act on
 * are said plainly, any other is TIM's own description with its code (the log has the whole error).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../shared/errorMessage';
import { TimErrorCode } from '../../tim/errorCodes';
import { TimError } from '../../tim/errors';

export function sendFailureText(error: unknown): string {
  if (!(error instanceof TimError)) {
    return errorMessage(error);
  }
  switch (error.code) {
    case TimErrorCode.ERR_SVR_MSG_IN_PEER_BLACKLIST:
      return vscode.l10n.t('The recipient does not accept your messages.');
    case TimErrorCode.ERR_SVR_GROUP_SHUTUP_DENY:
      return vscode.l10n.t('You cannot write in this group now: you are muted, or only its owner and admins can write.');
    case TimErrorCode.ERR_SVR_MSG_INVALID_ID:
      return vscode.l10n.t('There is no such user.');
    default:
      return error.desc ? `${error.desc} (${error.code})` : String(error.code);
  }
}
