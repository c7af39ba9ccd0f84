/**
 * Remind Me… about a message, as Slack offers it: the user picks when (in 20 minutes, in an hour, in
 * 3 hours, tomorrow morning, next Monday, or a time they type), and at that time VS Code shows a
 * notification with the message's sender and text; Open goes to the message (found again by id or
 * locator), Snooze reminds again in an hour. Reminders live in globalState (reminderList.ts), survive
 * restarts, and fire only while their own account is signed in: one due meanwhile fires at the next
 * sign-in. Show Reminders lists the pending ones, to open or cancel.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { TimMessage } from '../../tim/types/message';
import { Disposable } from '../lifecycle';
import { log } from '../log';
import { showError, showInfo } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { openAtMessage } from './openAtMessage';
import { accountKey, locatorMessageOf, MAX_REMINDERS, reminderMessageOf, remindersOf, type Reminder } from './reminderList';
import { parseReminderTime, presetDueAt, REMINDER_PRESETS, type ReminderPreset } from './reminderTimes';

const REMINDERS_KEY = 'timChat.reminders';
/** setTimeout's longest delay (about 24.8 days); a later reminder re-arms when it runs out. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;
const SNOOZE_MS = 60 * 60 * 1000;

function presetLabel(preset: ReminderPreset): string {
  switch (preset) {
    case 'in20Minutes':
      return vscode.l10n.t('In 20 Minutes');
    case 'in1Hour':
      return vscode.l10n.t('In 1 Hour');
    case 'in3Hours':
      return vscode.l10n.t('In 3 Hours');
    case 'tomorrowMorning':
      return vscode.l10n.t('Tomorrow at 9:00');
    case 'nextWeekMorning':
      return vscode.l10n.t('Next Monday at 9:00');
  }
}

function formatDue(dueAt: number): string {
  return new Date(dueAt).toLocaleString(vscode.env.language, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export class Reminders extends Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly session: TimSession,
    private readonly panels: ChatPanels,
  ) {
    super();
    this.register(session.onDidChangeState((s) => s.kind === 'signedIn' && void this.fireDue()));
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.arm();
  }

  private get all(): Reminder[] {
    return remindersOf(this.state.get<unknown>(REMINDERS_KEY));
  }

  private async save(list: readonly Reminder[]): Promise<void> {
    await this.state.update(REMINDERS_KEY, list);
    this.arm();
  }

  private currentAccount(): string | undefined {
    const account = this.session.signedInAccount;
    return account ? accountKey(account.sdkAppId, account.userId) : undefined;
  }

  /** The signed-in account's pending reminders, soonest first. */
  pending(): Reminder[] {
    const account = this.currentAccount();
    return this.all.filter((r) => r.account === account);
  }

  /**
   * Sets the timer for the signed-in account's soonest reminder. Other accounts' reminders wait for
   * their account's sign-in (onDidChangeState), so one already due never keeps the timer firing.
   */
  private arm(): void {
    clearTimeout(this.timer);
    const next = this.pending()[0];
    if (next !== undefined) {
      this.timer = setTimeout(() => void this.fireDue(), Math.min(LONGEST_TIMER_MS, Math.max(0, next.dueAt - Date.now())));
    }
  }

  /**
   * Asks when to be reminded about `message` and keeps the reminder; resolves with when it is due, or
   * undefined when the user cancelled.
   */
  async remindAbout(message: TimMessage, sender: string, text: string): Promise<number | undefined> {
    const { account } = this.session.requireSignedIn();
    const now = new Date();
    const custom = { label: vscode.l10n.t('At a Time I Choose…'), preset: undefined };
    const items = [...REMINDER_PRESETS.map((preset) => ({ label: presetLabel(preset), description: formatDue(presetDueAt(preset, now)), preset })), custom];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Remind Me About This Message'), placeHolder: vscode.l10n.t('When?') });
    if (!picked) {
      return undefined;
    }
    let dueAt = picked.preset === undefined ? undefined : presetDueAt(picked.preset, now);
    if (dueAt === undefined) {
      const typed = await vscode.window.showInputBox({
        title: vscode.l10n.t('Remind Me About This Message'),
        prompt: vscode.l10n.t('When: a time such as 15:30 or "tomorrow 9:00", or a delay such as 45m, 2h or 1d'),
        validateInput: (value) => (value.trim() === '' || parseReminderTime(value, new Date()) !== undefined ? undefined : vscode.l10n.t('Not a time within the next year: try 15:30, tomorrow 9:00, 45m, 2h or 1d.')),
      });
      dueAt = typed === undefined ? undefined : parseReminderTime(typed, new Date());
      if (dueAt === undefined) {
        return undefined;
      }
    }
    const reminder: Reminder = { id: randomUUID(), account: accountKey(account.sdkAppId, account.userId), dueAt, message: reminderMessageOf(message), sender, text };
    const list = [...this.all, reminder].sort((a, b) => a.dueAt - b.dueAt);
    if (list.length > MAX_REMINDERS) {
      throw new Error(vscode.l10n.t('You have {0} reminders already. Cancel some in Show Reminders first.', MAX_REMINDERS));
    }
    await this.save(list);
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(bell) TIM Chat will remind you {0}', formatDue(dueAt)), 4000);
    return dueAt;
  }

  /**
   * Shows the signed-in account's reminders due by `now` (the timer's time; tests pass a later one) and
   * takes them off the list; resolves once each notification was answered or dismissed.
   */
  async fireDue(now = Date.now()): Promise<void> {
    const account = this.currentAccount();
    const due = this.all.filter((r) => r.account === account && r.dueAt <= now);
    if (due.length > 0) {
      await this.save(this.all.filter((r) => !due.some((d) => d.id === r.id)));
    } else {
      this.arm();
    }
    await Promise.all(due.map((reminder) => this.notify(reminder)));
  }

  private async notify(reminder: Reminder): Promise<void> {
    const open = vscode.l10n.t('Open');
    const snooze = vscode.l10n.t('Snooze 1 Hour');
    const line = reminder.text || vscode.l10n.t('[Message]');
    const answer = await showInfo(vscode.l10n.t('Reminder: {0}: {1}', reminder.sender, line), open, snooze);
    if (answer === open) {
      await this.open(reminder);
    } else if (answer === snooze) {
      await this.save([...this.all, { ...reminder, dueAt: Date.now() + SNOOZE_MS }].sort((a, b) => a.dueAt - b.dueAt));
    }
  }

  private async open(reminder: Reminder): Promise<void> {
    try {
      await openAtMessage(this.session.requireClient(), this.panels, locatorMessageOf(reminder));
    } catch (error: unknown) {
      log().warn(`reminder: ${String(error)}`);
      void showError(error instanceof Error ? error.message : String(error));
    }
  }

  /** Show Reminders: the pending reminders; the one picked is opened or cancelled. */
  async showList(): Promise<void> {
    this.session.requireSignedIn();
    const pending = this.pending();
    if (pending.length === 0) {
      void showInfo(vscode.l10n.t('No reminders. Set one with Remind Me… in a message\'s menu.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      pending.map((reminder) => ({ label: `$(bell) ${inertIcons(`${reminder.sender}: ${reminder.text || vscode.l10n.t('[Message]')}`)}`, description: formatDue(reminder.dueAt), reminder })),
      { title: vscode.l10n.t('Reminders'), placeHolder: vscode.l10n.t('Pick a reminder to open its message or cancel it') },
    );
    if (!picked) {
      return;
    }
    const open = { label: vscode.l10n.t('Open Message'), run: () => this.open(picked.reminder) };
    const cancel = { label: vscode.l10n.t('Cancel Reminder'), run: () => this.save(this.all.filter((r) => r.id !== picked.reminder.id)) };
    const action = await vscode.window.showQuickPick([open, cancel], { title: picked.label });
    await action?.run();
  }
}
