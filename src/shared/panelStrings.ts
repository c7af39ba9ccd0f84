/**
 * The chat panel's user-visible strings, in English, keyed by a stable name. The host translates each
 * one with vscode.l10n.t (translations in l10n/bundle.l10n.*.json) and sends the result in
 * `chat/info.strings`; the webview falls back to this table for any key missing there.
 */
export const PANEL_STRINGS = {
  send: 'Send',
  messagePlaceholder: 'Message (Enter to send, Shift+Enter for a new line)',
  messagesLabel: 'Messages',
  notSignedIn: 'Sign in to TIM Chat to chat.',
  connectedToHost: 'Connected to host ({0} ms)',
  hostNotAnswering: 'Host does not answer: {0}',
} as const satisfies Record<string, string>;

export type PanelStringKey = keyof typeof PANEL_STRINGS;
