/** What the group commands ask for: a group name, and a list of user IDs (creating a group, adding members). */
import * as vscode from 'vscode';
import { validateUserIdList } from '../session/account';

/** Tencent Cloud Chat takes at most 20 users when a group is created and per invite. */
export const MAX_MEMBERS_PER_CALL = 20;

export function validateGroupName(value: string): string | undefined {
  const name = value.trim();
  if (!name) {
    return vscode.l10n.t('Enter a group name');
  }
  return Buffer.byteLength(name, 'utf8') > 100 ? vscode.l10n.t('A group name has at most 100 bytes') : undefined;
}

/** The user IDs in `value` (separated by commas or spaces), each once. */
export function parseMemberList(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

export function validateMemberList(value: string): string | undefined {
  return validateUserIdList(parseMemberList(value), MAX_MEMBERS_PER_CALL, vscode.l10n.t('At most {0} members at a time', MAX_MEMBERS_PER_CALL));
}
