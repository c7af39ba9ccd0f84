/**
 * Whom to share with: one conversation (recent first, or a user or group typed in), or several users
 * (for a batch send). Command arguments name them directly (keys or user IDs), for scripts and tests.
 */
import * as vscode from 'vscode';
import { TIMConvType } from '../../tim/enums';
import { conversationKey, parseConversationKey, type ConversationRef } from '../conversations/conversationKey';
import type { ConversationSummary } from '../conversations/conversationSummary';
import type { ConversationStore } from '../conversations/conversationStore';
import { inertIcons } from '../pickText';
import { validateUserIdList } from '../session/account';

export interface ShareTarget {
  readonly key: string;
  readonly ref: ConversationRef;
  readonly name: string;
}

/** TIMMsgBatchSend takes at most this many receivers. */
export const BATCH_SEND_LIMIT = 500;

/** Most recent activity first (pins do not matter here: the user is looking for whom they talk to now). */
export function recentFirst(summaries: readonly ConversationSummary[]): ConversationSummary[] {
  // Array.prototype.sort is stable: the store's own order breaks ties within a second.
  return [...summaries].sort((a, b) => b.lastTime - a.lastTime);
}

export function targetOf(keyOrId: string, store: ConversationStore): ShareTarget | undefined {
  const ref = parseConversationKey(keyOrId);
  if (!ref) {
    return undefined;
  }
  const key = conversationKey(ref);
  return { key, ref, name: store.get(key)?.name ?? ref.id };
}

interface TargetItem extends vscode.QuickPickItem {
  readonly target?: ShareTarget;
}

export async function pickConversation(store: ConversationStore, title: string): Promise<ShareTarget | undefined> {
  const items: TargetItem[] = recentFirst(store.list()).map((s) => ({
    label: `$(${s.ref.type === TIMConvType.Group ? 'organization' : 'account'}) ${inertIcons(s.name)}`,
    description: s.name === s.ref.id ? undefined : s.ref.id,
    detail: inertIcons(s.preview) || undefined,
    target: { key: s.key, ref: s.ref, name: s.name },
  }));
  const other: TargetItem = { label: `$(add) ${vscode.l10n.t('Another User or Group…')}`, alwaysShow: true };
  const picked = await vscode.window.showQuickPick([...items, other], {
    title,
    placeHolder: vscode.l10n.t('Choose a conversation to share with'),
    matchOnDescription: true,
  });
  if (!picked) {
    return undefined;
  }
  if (picked.target) {
    return picked.target;
  }
  const typed = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('User ID, or group_<group ID>'),
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter a conversation ID')),
  });
  return typed?.trim() ? targetOf(typed.trim(), store) : undefined;
}

export function parseUserIds(value: string): string[] {
  return [...new Set(value.split(/[\s,;]+/).map((id) => id.trim()).filter(Boolean))];
}

function validateUserList(value: string): string | undefined {
  return validateUserIdList(parseUserIds(value), BATCH_SEND_LIMIT, vscode.l10n.t('At most {0} people at a time', BATCH_SEND_LIMIT));
}

interface UserItem extends vscode.QuickPickItem {
  readonly userId?: string;
}

/** Several users: the people of recent one-to-one conversations, plus IDs typed in. */
export async function pickUsers(store: ConversationStore, title: string, selfId: string): Promise<string[] | undefined> {
  const items: UserItem[] = recentFirst(store.list())
    .filter((s) => s.ref.type === TIMConvType.C2C && s.ref.id !== selfId)
    .map((s) => ({ label: `$(account) ${inertIcons(s.name)}`, description: s.name === s.ref.id ? undefined : s.ref.id, userId: s.ref.id }));
  const other: UserItem = { label: `$(add) ${vscode.l10n.t('Other People by User ID…')}`, alwaysShow: true };
  const picked = await vscode.window.showQuickPick([...items, other], {
    title,
    placeHolder: vscode.l10n.t('Choose the people to share with'),
    canPickMany: true,
    matchOnDescription: true,
  });
  if (!picked || picked.length === 0) {
    return undefined;
  }
  const ids = picked.flatMap((item) => (item.userId ? [item.userId] : []));
  if (picked.includes(other)) {
    const typed = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('User IDs, separated by commas or spaces'), validateInput: validateUserList });
    if (typed === undefined) {
      return undefined;
    }
    ids.push(...parseUserIds(typed));
  }
  const unique = [...new Set(ids)];
  return unique.length ? unique : undefined;
}
