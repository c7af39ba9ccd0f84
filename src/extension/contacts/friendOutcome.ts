/**
 * What TIM's answer to a contact change means, in words: a FriendResult's code (TIMErrorCode.h
 * 30001-31704) for adding, answering, withdrawing or removing. 30539 is no failure: the request waits
 * for the other person.
 */
import * as vscode from 'vscode';
import { TimErrorCode } from '../../tim/errorCodes';
import type { TimFriendResult } from '../../tim/types/friendship';

/** Why TIM did not make the change, in words; undefined when it did (0, or 30539 for a request sent). */
export function friendFailure(result: TimFriendResult, name = result.friend_result_identifier): string | undefined {
  switch (result.friend_result_code) {
    case 0:
    case TimErrorCode.ERR_SVR_FRIENDSHIP_ALLOW_TYPE_NEED_CONFIRM:
      return undefined;
    case TimErrorCode.ERR_SVR_FRIENDSHIP_ACCOUNT_NOT_FOUND:
    case TimErrorCode.ERR_SVR_FRIENDSHIP_ACCOUNT_NOT_FOUND_EX:
      return vscode.l10n.t('There is no user {0}.', name);
    case TimErrorCode.ERR_SVR_FRIENDSHIP_ALREADY_FRIENDS:
      return vscode.l10n.t('{0} is in your contacts already.', name);
    case TimErrorCode.ERR_SVR_FRIENDSHIP_IN_SELF_BLACKLIST:
      return vscode.l10n.t('You blocked {0}. Unblock them first to add them as a contact.', name);
    case TimErrorCode.ERR_SVR_FRIENDSHIP_IN_PEER_BLACKLIST:
    case TimErrorCode.ERR_SVR_FRIENDSHIP_ALLOW_TYPE_DENY_ANY:
      return vscode.l10n.t('{0} does not accept contact requests.', name);
    case TimErrorCode.ERR_SVR_FRIENDSHIP_COUNT_LIMIT:
      return vscode.l10n.t('You have as many contacts as TIM allows. Remove someone first.');
    case TimErrorCode.ERR_SVR_FRIENDSHIP_PEER_FRIEND_LIMIT:
      return vscode.l10n.t('{0} has as many contacts as TIM allows.', name);
    case TimErrorCode.ERR_SVR_FRIENDSHIP_PENDENCY_LIMIT:
      return vscode.l10n.t('Too many contact requests are waiting. Withdraw or answer some first.');
    case TimErrorCode.ERR_SVR_FRIENDSHIP_PENDENCY_NOT_FOUND:
      return vscode.l10n.t('There is no contact request with {0} any more: it was withdrawn or answered elsewhere.', name);
    case TimErrorCode.ERR_SVR_FRIENDSHIP_DEL_NONFRIEND:
      return vscode.l10n.t('{0} is not in your contacts.', name);
    default:
      return vscode.l10n.t('TIM did not change your contacts for {0}: {1} ({2})', name, result.friend_result_desc, result.friend_result_code);
  }
}

/** Throws the failure in words, if there is one. */
export function requireFriendSuccess(result: TimFriendResult | undefined, name?: string): void {
  const failure = result && friendFailure(result, name);
  if (failure) {
    throw new Error(failure);
  }
}
