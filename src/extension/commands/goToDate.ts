/**
 * Go to Date…: opens a conversation at the first message of a day (TIMMsgGetMsgList forward from that
 * day's midnight, roaming included: the seed's paging by time range), or at the last one before it when
 * nothing was written since. Picked from Today, Yesterday, a week or a month ago, or typed.
 */
import * as vscode from 'vscode';
import type { TimClient } from '../../tim/client';
import type { TimMessage } from '../../tim/types/message';
import type { ConversationRef } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import { daysAgo, parseDateInput } from '../messages/dateInput';
import { openAtMessage } from '../messages/openAtMessage';
import { showInfo } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { commandTarget } from './targets';

/** The first message at or after `day`, else the last one before it; undefined in an empty conversation. */
export async function messageAtDay(client: TimClient, ref: ConversationRef, day: Date): Promise<TimMessage | undefined> {
  const seconds = Math.floor(day.getTime() / 1000);
  const page = (forward: boolean) =>
    client.msgGetMsgList(ref.id, ref.type, {
      msg_getmsglist_param_count: 1,
      msg_getmsglist_param_is_ramble: true,
      msg_getmsglist_param_is_forward: forward,
      msg_getmsglist_param_time_begin: forward ? seconds : Math.max(0, seconds - 1),
      msg_getmsglist_param_time_period: 0,
    });
  const [first] = await page(true);
  return first ?? (await page(false))[0];
}

async function askDay(title: string): Promise<Date | undefined> {
  const now = Date.now();
  const choices: Array<vscode.QuickPickItem & { day?: Date }> = [
    { label: vscode.l10n.t('Today'), day: daysAgo(0, now) },
    { label: vscode.l10n.t('Yesterday'), day: daysAgo(1, now) },
    { label: vscode.l10n.t('A week ago'), day: daysAgo(7, now) },
    { label: vscode.l10n.t('A month ago'), day: daysAgo(30, now) },
    { label: vscode.l10n.t('Another Day…') },
  ];
  for (const choice of choices) {
    choice.description = choice.day?.toLocaleDateString(vscode.env.language, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
  }
  const picked = await vscode.window.showQuickPick(choices, { title, placeHolder: vscode.l10n.t('Which day to go to') });
  if (!picked || picked.day) {
    return picked?.day;
  }
  const typed = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('A day: 2026-11-20, today, yesterday or 3 days ago'),
    validateInput: (value) => (parseDateInput(value, Date.now()) ? undefined : vscode.l10n.t('Not a day up to today: try 2026-11-20, yesterday or 3 days ago')),
  });
  return typed === undefined ? undefined : parseDateInput(typed, Date.now());
}

export function registerGoToDateCommand({ session, store, panels }: { session: TimSession; store: ConversationStore; panels: ChatPanels }): vscode.Disposable[] {
  return [
    registerCommand('timChat.goToDate', async (arg) => {
      const client = session.requireClient();
      const title = vscode.l10n.t('Go to Date');
      const target = await commandTarget(arg, store, panels, title);
      const day = target && (await askDay(vscode.l10n.t('Go to a Day in {0}', target.name)));
      if (!target || !day) {
        return undefined;
      }
      const message = await messageAtDay(client, target.ref, day);
      if (!message) {
        void showInfo(vscode.l10n.t('{0} has no messages yet.', target.name));
        return undefined;
      }
      await openAtMessage(client, panels, message);
      return message.message_msg_id;
    }),
  ];
}
