/** The extension's one LogOutputChannel ("TIM Chat" in the Output view). */
import * as vscode from 'vscode';
import { errorMessage } from '../shared/errorMessage';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('TIM Chat', { log: true });
  return channel;
}

/** Logs a failure with its stack and returns a one-line message fit for a notification. */
export function describeFailure(error: unknown): string {
  const message = errorMessage(error);
  log().error(error instanceof Error ? (error.stack ?? message) : message);
  return message;
}
