/**
 * The typed protocol between the extension host and the chat webview. Both sides import this file with
 * `import type`; it imports nothing from either side.
 *
 * Three message kinds, as in GitLens' IPC: a request (webview to host) that gets exactly one response,
 * a command (webview to host) with no reply, and a notification (host to webview). Before anything
 * else the webview sends `ready`; the host queues notifications until then.
 */

import type { ChatMessageView, ChatPage, ChatPanelInfo, MentionCandidate, PinnedMessageView, SnippetStatus, SnippetView } from './chatModel';

/** A message inside a merged message: the list at `path` (chat/expandMerger's path) and its index there. */
export interface InnerMessageRef {
  readonly path: readonly number[];
  readonly index: number;
}

/** Requests the webview makes of the host: method name to params and result. */
export interface HostRequests extends MessageRequests {
  /** Round trip: shows the webview that the host answers. */
  'app/ping': { params: { text: string }; result: { echo: string; receivedAt: number } };
  /** The newest page of the conversation (also "jump to latest"). */
  'chat/loadLatest': { params: { count: number }; result: ChatPage };
  /** The page before the message `beforeId` (scrolling back through history). */
  'chat/loadOlder': { params: { beforeId: string; count: number }; result: ChatPage };
  /**
   * Sends text (Markdown allowed), in a group with the user ids it @-mentions, as a reply to the loaded
   * message `replyTo`. Resolves once the host has handed it to TIM, with its 'sending' view.
   */
  'chat/sendText': { params: { text: string; mentions?: readonly string[]; replyTo?: string }; result: ChatMessageView };
  /** Replaces the text of one of the user's own sent text messages (TIMMsgModifyMessage). */
  'chat/edit': { params: { id: string; text: string }; result: ChatMessageView };
  /**
   * Adds the user's reaction to a message, or removes it when the user already reacted so. Resolves with
   * the message and its reactions as TIM now has them.
   */
  'chat/react': { params: { id: string; reaction: string }; result: ChatMessageView };
  /** Lists who read one of the user's group messages and who has not, in a quick pick (choosing someone opens a chat). */
  'chat/whoRead': { params: { id: string }; result: { shown: boolean } };
  /** The message's link (shared/chatLink.ts), written to the clipboard by the host. */
  'chat/copyLink': { params: { id: string }; result: { link: string } };
  /** Remind Me…: the host asks when; `dueAt` (ms since the epoch) is 0 when the user cancelled. */
  'chat/remind': { params: { id: string }; result: { dueAt: number } };
  /** Lists everyone who reacted to a message, per reaction, in a quick pick (choosing someone opens a chat). */
  'chat/whoReacted': { params: { id: string }; result: { shown: boolean } };
  /**
   * Pins a group message for every member, or unpins it (the group's owner and admins only). `id` is a
   * loaded message or one of the pinned bar's.
   */
  'chat/pin': { params: { id: string; pinned: boolean }; result: { pinned: boolean } };
  /** Who the composer can @-mention in this group: the other members, and everyone when the user may. */
  'chat/members': { params: Record<string, never>; result: { members: readonly MentionCandidate[] } };
  /** Sends a failed message again. */
  'chat/retry': { params: { id: string }; result: ChatMessageView };
  /** Cancels a message that is still sending. */
  'chat/cancel': { params: { id: string }; result: { cancelled: boolean } };
  'chat/revoke': { params: { id: string }; result: { revoked: boolean } };
  /** Deletes messages on this device, or everywhere (roaming copies too). */
  'chat/delete': { params: { ids: readonly string[]; everywhere: boolean }; result: { deleted: number } };
  /** The user has seen the newest messages: report them read. */
  'chat/markRead': { params: Record<string, never>; result: { unreadCount: number } };
}

/**
 * The rest of the message API in the panel (src/extension/chat/messageRequests.ts): files and media,
 * merged messages, stars, forwarding and deleting several messages.
 */
export interface MessageRequests {
  /** Shows the host's open dialog and sends each chosen file as an image or file message. */
  'chat/attach': { params: { kind: 'image' | 'file' }; result: { messages: readonly ChatMessageView[] } };
  /**
   * Sends files dropped on the panel (their URIs, from VS Code's Explorer or editor tabs), once the user
   * confirms; images as images. Resolves with no messages when the user declines.
   */
  'chat/dropFiles': { params: { uris: readonly string[] }; result: { messages: readonly ChatMessageView[] } };
  /** Sends an image pasted into the composer: its clipboard type and bytes (base64). */
  'chat/pasteImage': { params: { mime: string; data: string }; result: ChatMessageView };
  /**
   * Saves an element's payload where the user chooses (save dialog, progress notification). With
   * `inner`: the element of a message inside the merged message `id` (the list at `inner.path`, as
   * chat/expandMerger names it, and the message at `inner.index` of that list).
   */
  'chat/download': { params: { id: string; elemIndex: number; inner?: InnerMessageRef }; result: { saved: boolean } };
  /**
   * A webview URI of an image element's payload, downloaded to the extension's storage once; with
   * `inner`, of a message inside the merged message `id` (as chat/download).
   */
  'chat/mediaUri': { params: { id: string; elemIndex: number; inner?: InnerMessageRef }; result: { uri: string } };
  /**
   * The messages inside a merged (forwarded chat history) message; with `path`, inside the merged
   * message nested in it: the inner message at path[0] of the top one's list, then at path[1] of that
   * one's list, and so on.
   */
  'chat/expandMerger': { params: { id: string; path?: readonly number[] }; result: { messages: readonly ChatMessageView[] } };
  /** Stars or unstars a message on this device. */
  'chat/star': { params: { id: string; starred: boolean }; result: ChatMessageView };
  /** Forwards messages to a conversation the host asks for, one by one or merged into one message. */
  'chat/forward': { params: { ids: readonly string[] }; result: { forwarded: number } };
  /** Deletes messages everywhere, 30 per call and one call a second, as TIMMsgListDelete requires. */
  'chat/deleteSelected': { params: { ids: readonly string[] }; result: { deleted: number } };
}

/**
 * Requests behind a shared code snippet's card (handled by src/extension/share/snippetRequests.ts).
 * The webview sends the snippet back as it got it; the host validates it again, since it is message data.
 * Kept apart from HostRequests so the panel's handler maps stay complete until they spread these in:
 * `interface HostRequests extends SnippetRequests`.
 */
export interface SnippetRequests {
  /** Is the receiver's copy the same as what was sent? */
  'snippet/status': { params: { snippet: SnippetView }; result: SnippetStatus };
  /** Opens the receiver's copy at the range, or a read-only document of the snippet when there is none. */
  'snippet/open': { params: { snippet: SnippetView }; result: { opened: 'workspace' | 'snippet'; uri: string } };
  /** A diff between the snippet (in place of the sent lines) and the receiver's copy. */
  'snippet/diff': { params: { snippet: SnippetView }; result: { shown: boolean } };
  /** Inserts the code at the cursor of the last active text editor (a new editor when there is none). */
  'snippet/insert': { params: { snippet: SnippetView }; result: { inserted: boolean } };
  /** Copies the code to the clipboard (the webview may not write it itself). */
  'snippet/copy': { params: { snippet: SnippetView }; result: { copied: boolean } };
}

/** Fire-and-forget messages from the webview. */
export interface HostCommands {
  /** The webview logs through the host's LogOutputChannel (it has no console the user can see). */
  'app/log': { level: 'info' | 'warn' | 'error'; message: string };
  /** The composer's text changed: kept as the conversation draft. */
  'chat/saveDraft': { text: string };
  /** A link in a message was activated: the host validates it and opens it through VS Code. */
  'chat/openLink': { url: string };
  /**
   * The composer holds text the user is typing (true), or became empty, was sent or left (false): the
   * host may tell the peer of a one-to-one chat (src/extension/chat/typingStatus.ts).
   */
  'chat/typing': { typing: boolean };
  /** The user picked an emoji (the emoji panel, or a shortcode in the composer): it goes first in the panel's Recently Used row. */
  'chat/emojiUsed': { emoji: string };
  /** The messages selected in the panel (the palette's Delete/Forward Selected Messages act on them). */
  'chat/selectionChanged': { ids: readonly string[] };
  /** A sender's name or avatar was activated: the host shows their profile. */
  'chat/showProfile': { userId: string };
}

/** Notifications the host pushes to the webview. */
export interface WebviewNotifications {
  /** Initial state after `ready`, and whenever it changes. */
  'app/state': { conversationId: string; title: string; signedIn: boolean; locale: string };
  /** Everything the panel needs to draw itself; sent after `ready` and after sign-in changes. */
  'chat/info': ChatPanelInfo;
  /** New messages in this conversation (received, or sent from another device). */
  'chat/messagesAdded': { messages: readonly ChatMessageView[] };
  /**
   * A message changed: send status, revoke, read by the peer. `replacesId` is set when a message the
   * panel showed under a provisional id (while sending) got its real id: replace that row.
   */
  'chat/messageUpdated': { message: ChatMessageView; replacesId?: string };
  /** Messages removed from this view (deleted, history cleared). */
  'chat/messagesRemoved': { ids: readonly string[] };
  /** Scroll to and highlight a message (search results, jump from elsewhere). */
  'chat/reveal': { id: string };
  /**
   * The group's pinned messages, the latest pinned first, and whether the user may pin (owner or admin).
   * Sent after `ready` in group chats, and whenever either changes.
   */
  'chat/pinned': { messages: readonly PinnedMessageView[]; canPin: boolean };
  /** The peer of a one-to-one chat is typing, or stopped (TUIKit's typing status; hide it after 6 s). */
  'chat/peerTyping': { typing: boolean };
  /** The emoji the user picked last, most recent first (every panel's, kept by the host); after ready and on each change. */
  'chat/recentEmoji': { emoji: readonly string[] };
  /** Upload progress of a file or image message while it sends (0..100). */
  'chat/uploadProgress': { id: string; percent: number };
  /** Reload the newest page (messages were imported or saved locally). */
  'chat/reload': Record<string, never>;
  /** Set the panel's selection (the host clears it after acting on it). */
  'chat/setSelection': { ids: readonly string[] };
  /** Files in the workspace changed: snippet cards should ask `snippet/status` again. */
  'snippet/filesChanged': Record<string, never>;
}

export type HostRequestMethod = keyof HostRequests;
export type HostCommandMethod = keyof HostCommands;
export type WebviewNotificationMethod = keyof WebviewNotifications;

export interface ReadyMessage {
  readonly kind: 'ready';
}

export interface RequestMessage<M extends HostRequestMethod = HostRequestMethod> {
  readonly kind: 'request';
  readonly id: number;
  readonly method: M;
  readonly params: HostRequests[M]['params'];
}

export interface CommandMessage<M extends HostCommandMethod = HostCommandMethod> {
  readonly kind: 'command';
  readonly method: M;
  readonly params: HostCommands[M];
}

export interface ResponseMessage {
  readonly kind: 'response';
  readonly id: number;
  /** Present on success. */
  readonly result?: unknown;
  /** Present on failure: a short message fit for the user, and a code when the failure came from TIM. */
  readonly error?: { readonly message: string; readonly code?: number };
}

export interface NotificationMessage<M extends WebviewNotificationMethod = WebviewNotificationMethod> {
  readonly kind: 'notification';
  readonly method: M;
  readonly params: WebviewNotifications[M];
}

export type WebviewToHostMessage = ReadyMessage | RequestMessage | CommandMessage;
export type HostToWebviewMessage = ResponseMessage | NotificationMessage;

/** Default time a webview request may take before it rejects. */
export const REQUEST_TIMEOUT_MS = 30_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Validates what the host receives: webview content is untrusted. */
export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  if (!isObject(value)) {
    return false;
  }
  switch (value.kind) {
    case 'ready':
      return true;
    case 'request':
      return Number.isSafeInteger(value.id) && typeof value.method === 'string' && isObject(value.params);
    case 'command':
      return typeof value.method === 'string' && isObject(value.params);
    default:
      return false;
  }
}

export function isHostToWebviewMessage(value: unknown): value is HostToWebviewMessage {
  if (!isObject(value)) {
    return false;
  }
  if (value.kind === 'response') {
    return Number.isSafeInteger(value.id);
  }
  return value.kind === 'notification' && typeof value.method === 'string' && isObject(value.params);
}
