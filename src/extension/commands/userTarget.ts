/**
 * The person a command about someone acts on (Show Profile…, Block…, Unblock): a user named outright (a
 * chat panel's sender), a one-to-one chat (its tree row, its panel, the active panel), or a user ID typed
 * in when the palette has no chat in front.
 */
import * as vscode from 'vscode';
import { TIMConvType } from '../../tim/enums';
import type { ConversationStore } from '../conversations/conversationStore';
import type { ChatPanels } from '../panels/chatPanel';
import { activePanel, commandTarget } from './targets';

/** A user named outright (a chat panel's sender), rather than a conversation. */
export interface UserArg {
  readonly userId: string;
}

function isUserArg(value: unknown): value is UserArg {
  return typeof value === 'object' && value !== null && typeof (value as { userId?: unknown }).userId === 'string' && (value as UserArg).userId.length > 0;
}

export interface UserTarget {
  readonly userId: string;
  /** Their one-to-one chat's name when there is one, else the user ID. */
  readonly name: string;
}

/** Who `arg` names; undefined when the user cancelled the question. A group is refused with a clear error. */
export async function userTarget(arg: unknown, store: ConversationStore, panels: ChatPanels, title: string): Promise<UserTarget | undefined> {
  const named = (userId: string): UserTarget => ({ userId, name: store.get(`c2c_${userId}`)?.name ?? userId });
  if (isUserArg(arg)) {
    return named(arg.userId);
  }
  // From the palette with no chat in front: ask for a user ID rather than a conversation.
  const target = arg === undefined && !activePanel(panels) ? undefined : await commandTarget(arg, store, panels, title);
  if (target) {
    if (target.ref.type !== TIMConvType.C2C) {
      throw new Error(vscode.l10n.t('{0} is a group, not a person. Show Members… lists its members.', target.name));
    }
    return { userId: target.ref.id, name: target.name };
  }
  const typed = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('User ID'), validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a user ID')) });
  return typed?.trim() ? named(typed.trim()) : undefined;
}
