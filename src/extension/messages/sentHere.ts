/**
 * Messages this window sent from outside their chat panel: Share Selection…, Share File…, Forward, a
 * notification's Reply…. TIM tells a sender's other devices of a message, never the device that sent it,
 * so a chat panel of that conversation learns of them here (ChatController), as it learns of everyone
 * else's from RecvNewMsg. A panel's own sends do not come through here: it shows them itself.
 */
import * as vscode from 'vscode';
import type { TimMessage } from '../../tim/types/message';

const sent = new vscode.EventEmitter<TimMessage>();

export const onDidSendHere: vscode.Event<TimMessage> = sent.event;

/** Tells the open chat panels of a message sent from this window outside its panel. */
export function sentHere(message: TimMessage): void {
  sent.fire(message);
}
