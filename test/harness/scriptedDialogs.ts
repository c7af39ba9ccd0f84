/**
 * Scripted answers for VS Code's dialogs in integration tests: the extension host has nobody to click
 * them, so for the duration of `run` vscode.window's input box, quick pick, open and save dialogs and
 * messages answer from `answers`, and what they were asked to show is recorded. Extension host only
 * (imports vscode); workbench tests click the real dialogs instead.
 */
import * as vscode from 'vscode';

type Window = typeof vscode.window;
type MutableWindow = { -readonly [K in keyof Window]: Window[K] };

/** Chooses from a quick pick's items: an item, several (canPickMany), or undefined for Escape. */
export type PickAnswer = (items: readonly vscode.QuickPickItem[], options: vscode.QuickPickOptions | undefined) => unknown;

export interface DialogAnswers {
  /** showInputBox answers in order; then undefined (Escape). */
  readonly inputs?: readonly string[];
  /** showQuickPick answers in order; after them, `pickAny` answers (or Escape). */
  readonly picks?: readonly PickAnswer[];
  readonly pickAny?: PickAnswer;
  /** showOpenDialog and showSaveDialog answers in order; then undefined (cancelled). */
  readonly open?: ReadonlyArray<vscode.Uri[]>;
  readonly save?: readonly vscode.Uri[];
  /** The button every showWarningMessage answers; undefined is a dismissed warning. */
  readonly warning?: string;
  /** The button every showInformationMessage answers (a notification's action); undefined is a dismissed one. */
  readonly info?: string;
  /** The button every showErrorMessage answers; undefined is a dismissed one. */
  readonly error?: string;
}

/** What the stubbed dialogs were asked to show. */
export interface DialogLog {
  readonly warnings: Array<{ message: string; options: unknown; items: unknown[] }>;
  readonly errors: string[];
  readonly infos: string[];
  readonly picked: Array<readonly vscode.QuickPickItem[]>;
  /** The options of each input box shown (its prefilled value, prompt ...). */
  readonly inputBoxes: Array<vscode.InputBoxOptions | undefined>;
}

export function newDialogLog(): DialogLog {
  return { warnings: [], errors: [], infos: [], picked: [], inputBoxes: [] };
}

const STUBBED = ['showInputBox', 'showQuickPick', 'showOpenDialog', 'showSaveDialog', 'showWarningMessage', 'showErrorMessage', 'showInformationMessage'] as const;

/** Runs `run` with scripted dialogs, recording into `log` (give one to collect over several runs). */
export async function withDialogs<T>(answers: DialogAnswers, run: (log: DialogLog) => Thenable<T> | Promise<T>, log: DialogLog = newDialogLog()): Promise<T> {
  const window = vscode.window as MutableWindow;
  const saved = Object.fromEntries(STUBBED.map((name) => [name, window[name]]));
  const inputs = [...(answers.inputs ?? [])];
  const picks = [...(answers.picks ?? [])];
  const opens = [...(answers.open ?? [])];
  const saves = [...(answers.save ?? [])];
  window.showInputBox = (async (options?: vscode.InputBoxOptions) => {
    log.inputBoxes.push(options);
    return inputs.shift();
  }) as Window['showInputBox'];
  window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
    const list = await items;
    log.picked.push(list);
    const pick = picks.shift() ?? answers.pickAny;
    return pick ? pick(list, options) : undefined;
  }) as unknown as Window['showQuickPick'];
  window.showOpenDialog = (async () => opens.shift()) as Window['showOpenDialog'];
  window.showSaveDialog = (async () => saves.shift()) as Window['showSaveDialog'];
  window.showWarningMessage = (async (message: string, options: unknown, ...items: unknown[]) => {
    log.warnings.push({ message, options, items });
    return answers.warning;
  }) as Window['showWarningMessage'];
  window.showErrorMessage = (async (message: string, ...items: unknown[]) => {
    log.errors.push(message);
    return items.includes(answers.error) ? answers.error : undefined;
  }) as Window['showErrorMessage'];
  window.showInformationMessage = (async (message: string, ...items: unknown[]) => {
    log.infos.push(message);
    // Only a button the message offers: a plain message answers undefined as VS Code's does.
    return items.includes(answers.info) ? answers.info : undefined;
  }) as Window['showInformationMessage'];
  try {
    return await run(log);
  } finally {
    Object.assign(window, saved);
  }
}

/** withDialogs with a log of its own, returned with the result. */
export async function recordDialogs<T>(answers: DialogAnswers, run: (log: DialogLog) => Thenable<T> | Promise<T>): Promise<{ result: T; asked: DialogLog }> {
  const asked = newDialogLog();
  return { result: await withDialogs(answers, run, asked), asked };
}
