/**
 * The chat panel's view model: what the host tells the webview about messages. The host turns TIM's
 * JSON into these plain, already-validated values; the webview renders them as text (never as HTML).
 * uint64 values (seqs) travel as decimal strings because postMessage cannot carry bigint safely.
 */

/** Where a message stands, as the panel shows it. */
export type ChatMessageStatus = 'sending' | 'sent' | 'failed' | 'revoked' | 'local';

export type ChatElementView =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'face'; readonly index: number; readonly data: string }
  | { readonly kind: 'location'; readonly description: string; readonly latitude: number; readonly longitude: number }
  | { readonly kind: 'image'; readonly elemIndex: number; readonly name: string; readonly size: number; readonly width: number; readonly height: number }
  | { readonly kind: 'sound'; readonly elemIndex: number; readonly durationSeconds: number; readonly size: number }
  | { readonly kind: 'video'; readonly elemIndex: number; readonly durationSeconds: number; readonly size: number }
  | { readonly kind: 'file'; readonly elemIndex: number; readonly name: string; readonly size: number }
  | { readonly kind: 'custom'; readonly data: string; readonly description: string; readonly extension: string }
  | { readonly kind: 'merger'; readonly title: string; readonly abstracts: readonly string[]; readonly count: number }
  | { readonly kind: 'groupTips'; readonly text: string }
  | { readonly kind: 'unsupported'; readonly label: string };

export interface ChatMessageView {
  /** message_msg_id: unique, stable across status changes. */
  readonly id: string;
  /** message_seq as a decimal string ("0" while sending). */
  readonly seq: string;
  /** Server time (client time while sending), seconds since the epoch. */
  readonly time: number;
  readonly sender: string;
  /** The sender's nickname, or their user id when they have none. */
  readonly senderName: string;
  readonly isSelf: boolean;
  readonly status: ChatMessageStatus;
  /** Own C2C messages: the peer has read it. */
  readonly isPeerRead: boolean;
  /** Until when (ms since the epoch, host clock) the user may still revoke it; 0 when not revocable. */
  readonly revocableUntil: number;
  /** The user was @-mentioned in this (group) message. */
  readonly mentionsMe: boolean;
  readonly elements: readonly ChatElementView[];
}

/** One page of history. */
export interface ChatPage {
  readonly messages: readonly ChatMessageView[];
  /** More, older messages exist before the first of this page. */
  readonly hasMoreBefore: boolean;
}

/** What the panel needs to draw itself before any message. */
export interface ChatPanelInfo {
  readonly conversationId: string;
  readonly conversationType: 'c2c' | 'group';
  readonly title: string;
  readonly selfId: string;
  readonly signedIn: boolean;
  readonly draft: string;
  readonly unreadCount: number;
  readonly locale: string;
  /** The panel's user-visible strings in the display language (translated on the host with vscode.l10n). */
  readonly strings: Readonly<Record<string, string>>;
}
