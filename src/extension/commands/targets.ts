/** Resolves a command's argument (a tree item, a conversation key, or nothing) to a conversation. */
import * as vscode from 'vscode';
import { parseConversationKey, conversationKey, type ConversationRef } from '../conversations/conversationKey';
import type { ConversationSummary } from '../conversations/conversationSummary';
import type { ConversationStore } from '../conversations/conversationStore';

export interface CommandTarget {
  readonly key: string;
  readonly ref: ConversationRef;
  readonly name: string;
}

function isSummary(value: unknown): value is ConversationSummary {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string' && typeof (value as { ref?: unknown }).ref === 'object';
}

/** The conversation a command acts on: its argument, else a quick pick of the user's conversations. */
export async function resolveTarget(arg: unknown, store: ConversationStore, title: string): Promise<CommandTarget | undefined> {
  if (isSummary(arg)) {
    return { key: arg.key, ref: arg.ref, name: arg.name };
  }
  if (typeof arg === 'string') {
    const ref = parseConversationKey(arg);
    if (ref) {
      const key = conversationKey(ref);
      return { key, ref, name: store.get(key)?.name ?? ref.id };
    }
  }
  const picked = await vscode.window.showQuickPick(
    store.list().map((s) => ({ label: s.name, description: s.preview, summary: s })),
    { title, placeHolder: vscode.l10n.t('Choose a conversation') },
  );
  return picked ? { key: picked.summary.key, ref: picked.summary.ref, name: picked.summary.name } : undefined;
}
