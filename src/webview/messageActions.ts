/**
 * Which actions a message offers, and when: retry a failed send, cancel one still sending, recall an own
 * message until its revocable time passes, delete, copy its text, open its links. Pure: the same list
 * feeds the row's inline buttons and its actions menu.
 */
import type { ChatMessageView } from '../shared/chatModel';
import { isTip } from './dayGroups';

export type MessageActionId = 'reply' | 'react' | 'whoReacted' | 'whoRead' | 'pin' | 'unpin' | 'edit' | 'retry' | 'cancel' | 'revoke' | 'delete' | 'copy' | 'star' | 'unstar' | 'remind' | 'forward' | 'copyLink' | 'select' | 'deselect' | `download:${number}` | `link:${number}`;

export interface MessageAction {
  readonly id: MessageActionId;
  readonly label: string;
}

export interface ActionLabels {
  readonly retry: string;
  readonly cancel: string;
  readonly revoke: string;
  readonly delete: string;
  readonly copy: string;
  readonly link: (url: string) => string;
  /** The rest of the message API; offered only when given. */
  readonly more?: {
    readonly reply: string;
    /** Offered when given: absent where the TIM app has no reactions. */
    readonly react?: string;
    readonly whoReacted?: string;
    /** Offered for the user's messages that asked who read them. */
    readonly whoRead?: string;
    /** Offered when given: the user is the group's owner or an admin. */
    readonly pin?: string;
    readonly unpin?: string;
    readonly edit: string;
    readonly star: string;
    readonly unstar: string;
    /** Offered when given, for sent messages: Remind Me… (the host asks when). */
    readonly remind?: string;
    readonly forward: string;
    /** Offered when given, for sent messages: others find them by the link (shared/chatLink.ts). */
    readonly copyLink?: string;
    readonly select: string;
    readonly deselect: string;
    readonly download: string;
    readonly selected: boolean;
  };
}

/** Reactions and pins live on the server's copy: sent messages only, not group tips. */
export function canReact(message: ChatMessageView): boolean {
  return message.status === 'sent' && !isTip(message);
}

export function canRevoke(message: ChatMessageView, nowMs: number): boolean {
  return message.isSelf && message.status === 'sent' && message.revocableUntil > nowMs;
}

export function actionsFor(message: ChatMessageView, nowMs: number, links: readonly string[], labels: ActionLabels, hasText: boolean): MessageAction[] {
  const actions: MessageAction[] = [];
  if (message.status === 'failed') {
    actions.push({ id: 'retry', label: labels.retry });
  }
  if (message.status === 'sending') {
    actions.push({ id: 'cancel', label: labels.cancel });
  }
  const settledEarly = message.status === 'sent' || message.status === 'local';
  if (labels.more && settledEarly && !isTip(message)) {
    actions.push({ id: 'reply', label: labels.more.reply });
  }
  const [onlyElement, ...otherElements] = message.elements;
  if (labels.more && message.isSelf && message.status === 'sent' && otherElements.length === 0 && onlyElement?.kind === 'text') {
    actions.push({ id: 'edit', label: labels.more.edit });
  }
  if (labels.more?.react && canReact(message)) {
    actions.push({ id: 'react', label: labels.more.react });
    if (labels.more.whoReacted && message.reactions && message.reactions.length > 0) {
      actions.push({ id: 'whoReacted', label: labels.more.whoReacted });
    }
  }
  if (labels.more?.whoRead && message.isSelf && message.status === 'sent' && message.readReceipt) {
    actions.push({ id: 'whoRead', label: labels.more.whoRead });
  }
  if (labels.more?.pin && labels.more.unpin && canReact(message)) {
    actions.push(message.pinned ? { id: 'unpin', label: labels.more.unpin } : { id: 'pin', label: labels.more.pin });
  }
  links.forEach((url, i) => actions.push({ id: `link:${i}`, label: labels.link(url) }));
  if (hasText && message.status !== 'revoked') {
    actions.push({ id: 'copy', label: labels.copy });
  }
  const more = labels.more;
  const settled = settledEarly;
  if (more && settled) {
    message.elements.forEach((e, i) => {
      if (e.kind === 'image' || e.kind === 'file') {
        actions.push({ id: `download:${e.elemIndex ?? i}`, label: more.download });
      }
    });
    actions.push(message.starred ? { id: 'unstar', label: more.unstar } : { id: 'star', label: more.star });
    if (more.remind && !isTip(message)) {
      actions.push({ id: 'remind', label: more.remind });
    }
    actions.push({ id: 'forward', label: more.forward });
    if (more.copyLink && message.status === 'sent') {
      actions.push({ id: 'copyLink', label: more.copyLink });
    }
  }
  if (more && message.status !== 'sending') {
    actions.push(more.selected ? { id: 'deselect', label: more.deselect } : { id: 'select', label: more.select });
  }
  if (canRevoke(message, nowMs)) {
    actions.push({ id: 'revoke', label: labels.revoke });
  }
  if (message.status !== 'sending') {
    actions.push({ id: 'delete', label: labels.delete });
  }
  return actions;
}

/** When the row must be redrawn because recall is no longer offered (ms from now), or undefined. */
export function revokeExpiresIn(message: ChatMessageView, nowMs: number): number | undefined {
  return canRevoke(message, nowMs) ? message.revocableUntil - nowMs : undefined;
}
