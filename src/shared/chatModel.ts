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
  | {
      readonly kind: 'custom';
      readonly data: string;
      readonly description: string;
      readonly extension: string;
      /** Set when the element is a valid TIM Chat code snippet: render it with renderSnippetCard. */
      readonly snippet?: SnippetView;
      /** Set when the element is a custom message of Tencent's own chat apps (TUIKit) that TIM Chat shows as they do. */
      readonly card?: CustomCardView;
    }
  | { readonly kind: 'merger'; readonly elemIndex?: number; readonly title: string; readonly abstracts: readonly string[]; readonly count: number }
  | { readonly kind: 'groupTips'; readonly text: string }
  | { readonly kind: 'unsupported'; readonly label: string };

/**
 * A custom message of another app the host recognised (TUIKit's links, orders, ratings, call records,
 * src/tim/tuikitCustom.ts), already worded in the user's language: shown instead of its raw data. Every
 * field is message data: render it as text only.
 */
export interface CustomCardView {
  /** A codicon name (without the `codicon-` prefix), chosen by the host. */
  readonly icon: string;
  readonly text: string;
  /** Secondary lines, muted. */
  readonly details: readonly string[];
  /** A link the card offers, as the sender wrote it: the webview checks it as any link in a message. */
  readonly link?: { readonly url: string; readonly label: string };
  /** Shown as a centred tip line (as TUIKit shows a group's call records and its creation), not a bubble. */
  readonly tip?: boolean;
}

/**
 * A shared code snippet: a custom element whose data is `{"type":"timchat.codeSnippet","version":1,…}`,
 * parsed and validated on the host (src/extension/share/snippetFormat.ts). Every field is message data:
 * render it as text only.
 */
export interface SnippetView {
  /** Relative to the sender's repository root (or workspace folder), `/`-separated, never `..` or absolute. */
  readonly path: string;
  /** A VS Code language id ("typescript"); "plaintext" when the sender's was not a plain identifier. */
  readonly languageId: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  /** The sender's repository remote, credentials removed. */
  readonly gitRemote?: string;
  /** The sender's HEAD commit (hex). */
  readonly gitCommit?: string;
  readonly code: string;
}

/**
 * Whether the receiver's copy of the file still holds what was sent: `same` (maybe at other lines),
 * `changed`, `missing` (no such file here); `unknown` until the host has looked.
 */
export type SnippetStaleness = 'unknown' | 'same' | 'changed' | 'missing';

/** The host's answer about one snippet's copy in the receiver's workspace. */
export interface SnippetStatus {
  readonly staleness: SnippetStaleness;
  /** Where the code is now (1-based) when `same`, else the sent range clamped to the file. */
  readonly startLine: number;
  readonly endLine: number;
  /** The receiver's file, workspace-relative, for a tooltip; empty when missing. */
  readonly localPath: string;
}

/** The message a reply quotes, as the reply carries it (TUIKit's messageReply: it may no longer exist). */
export interface ReplyQuoteView {
  /** message_msg_id of the quoted message. */
  readonly id: string;
  /** Its sender's display name when the reply was written. */
  readonly sender: string;
  /** A one-line summary of it. */
  readonly text: string;
}

/** One reaction on a message (TIM's message reactions), as the panel shows it. */
export interface ReactionView {
  /** The reaction id TIM stores: an emoji for the reactions TIM Chat offers, any text from other apps. */
  readonly id: string;
  /** How many users reacted with it. */
  readonly count: number;
  /** The signed-in user is one of them. */
  readonly mine: boolean;
  /** Display names of the first of them (TIM lists up to 10), "You" for the user; for the tooltip. */
  readonly users: readonly string[];
}

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
  /** Starred on this device (TIMMsgSetLocalCustomData). */
  readonly starred?: boolean;
  /** Its text was changed after it was sent (TIMMsgModifyMessage; editMark.ts tells an edit from a thread's listing). */
  readonly edited?: boolean;
  /** This message replies to another (Tencent's TUIKit reply format in its cloud custom data). */
  readonly replyTo?: ReplyQuoteView;
  /** The replies its thread lists (TUIKit's messageReplies on this, the root), oldest first; absent when none. */
  readonly thread?: readonly ThreadReplyView[];
  /** Its reactions, in the order they were first added; absent or empty when it has none. */
  readonly reactions?: readonly ReactionView[];
  /** Pinned in its group (TIMPinGroupMessage). */
  readonly pinned?: boolean;
  /** The user's group message asked who read it: how many members did, and how many not yet. */
  readonly readReceipt?: { readonly read: number; readonly unread: number };
  /** A send of this session that failed: why, in words (absent for messages that failed before). */
  readonly failure?: string;
  readonly elements: readonly ChatElementView[];
}

/** One reply of a thread, as its root message lists it (src/tim/tuikitThread.ts). */
export interface ThreadReplyView {
  /** message_msg_id of the reply. */
  readonly id: string;
  /** The replier's display name, "You" for the user. */
  readonly senderName: string;
  /** A one-line summary of the reply. */
  readonly text: string;
  /** Seconds since the epoch; 0 when the root's entry has none. */
  readonly time: number;
}

/** A pinned group message, as the panel's pinned bar shows it. */
export interface PinnedMessageView {
  /** message_msg_id of the pinned message. */
  readonly id: string;
  readonly senderName: string;
  /** A one-line summary of it. */
  readonly text: string;
  /** Who pinned it: their display name, "You" for the user. */
  readonly pinnedBy: string;
}

/** One page of history. */
export interface ChatPage {
  readonly messages: readonly ChatMessageView[];
  /** More, older messages exist before the first of this page. */
  readonly hasMoreBefore: boolean;
}

/** What the panel needs to draw itself before any message. */
/** A group member the composer can @-mention, or (with `everyone`) the whole group. */
export interface MentionCandidate {
  /** The user id TIM puts in message_group_at_user_array (kImSDK_MessageAtALL for everyone). */
  readonly userId: string;
  /** What "@" is followed by in the text: the group name card, nickname or user id. */
  readonly name: string;
  readonly everyone?: boolean;
}

export interface ChatPanelInfo {
  readonly conversationId: string;
  readonly conversationType: 'c2c' | 'group';
  readonly title: string;
  readonly selfId: string;
  readonly signedIn: boolean;
  readonly draft: string;
  readonly unreadCount: number;
  readonly locale: string;
  /**
   * False once TIM said the app has no message reactions (a feature of Tencent's paid editions):
   * the panel then offers none.
   */
  readonly reactionsAvailable?: boolean;
  /** A group's notice (TIM's group notification), shown under the title; empty when it has none. */
  readonly notice?: string;
  /** A one-to-one chat's peer's status message (TIM's self signature), shown under the title; empty when none. */
  readonly peerStatus?: string;
  /** The user blocked a one-to-one chat's peer: their messages do not reach the user. */
  readonly peerBlocked?: boolean;
  /** Whether a one-to-one chat's peer is online (TIM's user status); absent when TIM does not tell. */
  readonly peerPresence?: 'online' | 'offline';
  /**
   * Why the conversation takes no new messages: the group was dismissed (TIMGroupDelete), or the user
   * is no longer one of its members (removed, or left on another device). Absent while it takes them.
   */
  readonly closed?: 'dismissed' | 'notMember';
  /**
   * In a group the user may write in: why they cannot right now. `mutedUntil`: they are muted until then
   * (seconds since the epoch); `onlyAdmins`: only the owner and admins write for now. Absent when they can.
   */
  readonly muted?: { readonly mutedUntil: number } | { readonly onlyAdmins: true };
  /** The panel's user-visible strings in the display language (translated on the host with vscode.l10n). */
  readonly strings: Readonly<Record<string, string>>;
}
