/**
 * The extension's only way to show a message (a notification or a modal): vscode.window's
 * show{Information,Warning,Error}Message with the same arguments and types, the message and a modal's
 * detail passed through inertLinks. Nearly every message carries someone else's words (a nickname, a
 * group name, a file name, the server's error text), and a notification makes `[label](command:…)` in
 * them a link that runs its command; one choke point instead of remembering it at ~90 call sites.
 * test/extension/notify.test.ts fails when a file other than this one calls vscode.window's directly.
 */
import * as vscode from 'vscode';
import { inertLinks } from './notificationText';

/** The three share this overloaded shape: string or MessageItem items, with or without MessageOptions. */
type ShowMessage = typeof vscode.window.showInformationMessage;
type Untyped = (message: string, ...rest: unknown[]) => Thenable<unknown>;

/** VS Code's own rule (extHostMessageService): a first extra argument that is no string and no MessageItem is the options. */
function isOptions(value: unknown): value is vscode.MessageOptions {
  return typeof value === 'object' && value !== null && !(value as { title?: unknown }).title;
}

function inert(name: 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage'): ShowMessage {
  const show: Untyped = (message, ...rest) => {
    // Looked up at each call, never captured: integration tests swap vscode.window's functions to answer them.
    const original = vscode.window[name] as Untyped;
    const [first, ...items] = rest;
    if (isOptions(first) && first.detail !== undefined) {
      return original(inertLinks(message), { ...first, detail: inertLinks(first.detail) }, ...items);
    }
    return original(inertLinks(message), ...rest);
  };
  return show as ShowMessage;
}

export const showInfo = inert('showInformationMessage');
export const showWarning = inert('showWarningMessage');
export const showError = inert('showErrorMessage');
