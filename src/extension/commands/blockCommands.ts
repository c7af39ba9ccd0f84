/**
 * Block…, Unblock and Blocked Users… (TIM's blocklist): a blocked user's one-to-one messages no longer
 * reach the user (TIM refuses their sends with 20007) and they are not told. Reached from a one-to-one
 * chat (its tree row, its title bar), Show Profile…, or the palette.
 */
import * as vscode from 'vscode';
import type { Blocklist } from '../conversations/blocklist';
import type { ConversationStore } from '../conversations/conversationStore';
import { showInfo, showWarning } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { userTarget } from './userTarget';

interface BlockDependencies {
  readonly session: TimSession;
  readonly store: ConversationStore;
  readonly panels: ChatPanels;
  readonly blocklist: Blocklist;
}

export function registerBlockCommands({ session, store, panels, blocklist }: BlockDependencies): vscode.Disposable[] {
  return [
    registerCommand('timChat.blockUser', async (arg): Promise<boolean> => {
      session.requireClient();
      const target = await userTarget(arg, store, panels, vscode.l10n.t('Block'));
      if (!target) {
        return false;
      }
      if (target.userId === session.signedInAccount?.userId) {
        throw new Error(vscode.l10n.t('You cannot block yourself.'));
      }
      if (blocklist.has(target.userId)) {
        void showInfo(vscode.l10n.t('{0} is blocked already.', target.name));
        return true;
      }
      const block = vscode.l10n.t('Block');
      const detail = vscode.l10n.t(
        '{0} will no longer be able to send you one-to-one messages, and will not be told. You can still write to them, your chat with them stays, and groups you share are not affected. You can unblock them at any time.',
        target.name,
      );
      if ((await showWarning(vscode.l10n.t('Block {0}?', target.name), { modal: true, detail }, block)) !== block) {
        return false;
      }
      await blocklist.block(target.userId);
      void showInfo(vscode.l10n.t('Blocked {0}.', target.name));
      return true;
    }),
    registerCommand('timChat.unblockUser', async (arg): Promise<boolean> => {
      session.requireClient();
      const target = await userTarget(arg, store, panels, vscode.l10n.t('Unblock'));
      if (!target) {
        return false;
      }
      if (!blocklist.has(target.userId)) {
        void showInfo(vscode.l10n.t('{0} is not blocked.', target.name));
        return false;
      }
      await blocklist.unblock(target.userId);
      void showInfo(vscode.l10n.t('Unblocked {0}: their messages reach you again.', target.name));
      return true;
    }),
    registerCommand('timChat.showBlockedUsers', async (): Promise<string[]> => {
      session.requireClient();
      const blocked = blocklist.list();
      if (blocked.length === 0) {
        void showInfo(vscode.l10n.t('You have not blocked anyone.'));
        return [];
      }
      const items = blocked.map((user) => ({
        label: inertIcons(user.name),
        description: user.name === user.userId ? '' : user.userId,
        detail: user.since > 0 ? vscode.l10n.t('Blocked on {0}', new Date(user.since * 1000).toLocaleDateString(vscode.env.language)) : undefined,
        userId: user.userId,
      }));
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Blocked Users'), placeHolder: vscode.l10n.t('Pick the people to unblock'), canPickMany: true });
      if (!picked || picked.length === 0) {
        return [];
      }
      // One by one, so that one refusal neither hides the others' outcome nor stops them.
      const unblocked: string[] = [];
      const failures: string[] = [];
      for (const item of picked) {
        try {
          await blocklist.unblock(item.userId);
          unblocked.push(item.userId);
        } catch (error: unknown) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
      const names = picked.filter((item) => unblocked.includes(item.userId)).map((item) => item.label);
      if (names.length > 0) {
        void showInfo(vscode.l10n.t('Unblocked {0}.', names.join(', ')));
      }
      if (failures.length > 0) {
        throw new Error(failures.join(' '));
      }
      return unblocked;
    }),
  ];
}
