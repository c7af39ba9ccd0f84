/** Resolves a command's argument (a tree item, a conversation key, or nothing) to a conversation. */
import * as vscode from 'vscode';
import { parseConversationKey, conversationKey, type ConversationRef } from '../conversations/conversationKey';
import type { ConversationSummary } from '../conversations/conversationSummary';
import type { ConversationStore } from '../conversations/conversationStore';
import type { ChatPanel, ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';

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
    store.list().map((s) => ({ label: inertIcons(s.name), description: inertIcons(s.preview), summary: s })),
    { title, placeHolder: vscode.l10n.t('Choose a conversation') },
  );
  return picked ? { key: picked.summary.key, ref: picked.summary.ref, name: picked.summary.name } : undefined;
}

/** The panel a palette command acts on: the active one, else the only visible one. */
export function activePanel(panels: ChatPanels): ChatPanel | undefined {
  const all = panels.all();
  return all.find((p) => p.panel.active) ?? (all.filter((p) => p.panel.visible).length === 1 ? all.find((p) => p.panel.visible) : undefined);
}

/**
 * A command's conversation: its argument (a tree row or a conversation key), else the active chat
 * panel's, else a quick pick. From a chat panel's title bar VS Code passes the webview's own URI
 * (`webview-panel:…`): that names no conversation, so the active panel's is used.
 */
export async function commandTarget(arg: unknown, store: ConversationStore, panels: ChatPanels, title: string): Promise<CommandTarget | undefined> {
  if (!isSummary(arg) && typeof arg !== 'string') {
    const panel = activePanel(panels);
    if (panel) {
      return { key: panel.key, ref: panel.ref, name: store.get(panel.key)?.name ?? panel.ref.id };
    }
  }
  return resolveTarget(arg, store, title);
}
