/**
 * Contacts and contact requests as TIM Chat shows them, read from TIM's FriendProfile and
 * FriendAddPendencyInfo, and the Contacts view's shape. Pure (no vscode), so it is unit-tested.
 */
import { TIMFriendPendencyType } from '../../tim/enums';
import type { TimFriendAddPendencyInfo, TimFriendProfile } from '../../tim/types/friendship';

export interface Contact {
  readonly userId: string;
  /** The remark the user gave them, else their nickname, else their user ID. */
  readonly name: string;
  readonly remark: string;
  readonly nick: string;
  /** When they became a contact, seconds since the epoch (0 when unknown). */
  readonly since: number;
}

export interface ContactRequest {
  readonly userId: string;
  /** Their nickname, else their user ID. */
  readonly name: string;
  /** Incoming: they asked the user; outgoing: the user asked them. */
  readonly direction: 'incoming' | 'outgoing';
  /** The request's message. */
  readonly wording: string;
  /** Seconds since the epoch (0 when unknown). */
  readonly time: number;
}

export function contactOf(profile: TimFriendProfile): Contact {
  const userId = profile.friend_profile_identifier;
  const remark = profile.friend_profile_remark ?? '';
  const nick = profile.friend_profile_user_profile?.user_profile_nick_name ?? '';
  return { userId, name: remark || nick || userId, remark, nick, since: profile.friend_profile_add_time ?? 0 };
}

export function requestOf(info: TimFriendAddPendencyInfo): ContactRequest {
  const userId = info.friend_add_pendency_info_identifier;
  return {
    userId,
    name: info.friend_add_pendency_info_nick_name || userId,
    direction: info.friend_add_pendency_info_type === TIMFriendPendencyType.SendOut ? 'outgoing' : 'incoming',
    wording: info.friend_add_pendency_info_add_wording ?? '',
    time: info.friend_add_pendency_info_add_time ?? 0,
  };
}

/** Contacts by name in the UI language's order (case and numbers as people read them), user ID on ties. */
export function sortContacts(contacts: readonly Contact[], locale: string): Contact[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  // User IDs are exact (case matters), so ties go by their code units: one order whatever the input's.
  const byId = (a: Contact, b: Contact): number => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
  return [...contacts].sort((a, b) => collator.compare(a.name, b.name) || byId(a, b));
}

/** Incoming requests first (they wait for the user), each kind newest first. */
export function sortRequests(requests: readonly ContactRequest[]): ContactRequest[] {
  const rank = (r: ContactRequest): number => (r.direction === 'incoming' ? 0 : 1);
  return [...requests].sort((a, b) => rank(a) - rank(b) || b.time - a.time || a.userId.localeCompare(b.userId));
}

export type ContactNode =
  | { readonly kind: 'section'; readonly section: 'requests' | 'contacts' }
  | { readonly kind: 'contact'; readonly userId: string; readonly contact: Contact }
  | { readonly kind: 'request'; readonly userId: string; readonly request: ContactRequest };

/** The rows under the root, or under a section: pure, so the view's shape is unit-tested. */
export function contactNodes(parent: ContactNode | undefined, contacts: readonly Contact[], requests: readonly ContactRequest[]): ContactNode[] {
  if (parent === undefined) {
    if (contacts.length === 0 && requests.length === 0) {
      return [];
    }
    const sections: ContactNode[] = [];
    if (requests.length > 0) {
      sections.push({ kind: 'section', section: 'requests' });
    }
    sections.push({ kind: 'section', section: 'contacts' });
    return sections;
  }
  if (parent.kind !== 'section') {
    return [];
  }
  return parent.section === 'requests'
    ? requests.map((request) => ({ kind: 'request', userId: request.userId, request }))
    : contacts.map((contact) => ({ kind: 'contact', userId: contact.userId, contact }));
}

/** A row's context value, which package.json's menus match (Accept on requests to the user, Withdraw on the user's own). */
export function contactContextValue(node: ContactNode): string {
  switch (node.kind) {
    case 'section':
      return `section ${node.section}`;
    case 'contact':
      return 'contact';
    case 'request':
      return node.request.direction === 'incoming' ? 'request incoming' : 'request outgoing';
  }
}
