/**
 * TIM Chat's links: `<scheme>://timchat.tim-chat/message?...` to one message (Copy Link in a message's
 * menu) and `<scheme>://timchat.tim-chat/group?...` to a group (Copy Group Link: an invitation), opened
 * by the extension's URI handler (from a browser, a document, a terminal), by Open TIM Chat Link… and by
 * a click in a chat, where they show as links. The scheme is the editor's own (vscode, vscode-insiders,
 * code-oss ...), so a link from one editor opens in another through TIM Chat.
 *
 * A message link names the app, the conversation as both sides can read it (a one-to-one chat by its two
 * users, since each side calls it by the other's ID), the sender and the message's id and locator (seq,
 * time, rand), so the one who opens it finds it by id or by locator. A group link names the app and the
 * group. Everything in a link is untrusted input: parsing is strict, and a link only ever opens a chat the
 * reader is in (or offers to join a group, as Join Group would), at a message TIM gives them.
 */

const LINK_AUTHORITY = 'timchat.tim-chat';
const MESSAGE_LINK_PATH = '/message';
const GROUP_LINK_PATH = '/group';

export type MessageLinkConversation = { readonly type: 'c2c'; readonly users: readonly [string, string] } | { readonly type: 'group'; readonly id: string };

export interface MessageLink {
  /** The SDKAppID, digits. */
  readonly app: string;
  readonly conversation: MessageLinkConversation;
  readonly sender: string;
  readonly msgId: string;
  /** The locator's numbers, as decimal digits (64-bit values travel as text). */
  readonly seq: string;
  readonly time: string;
  readonly rand: string;
}

export interface GroupLink {
  /** The SDKAppID, digits. */
  readonly app: string;
  readonly group: string;
}

export type ChatLink = { readonly kind: 'message'; readonly message: MessageLink } | { readonly kind: 'group'; readonly group: GroupLink };

const SCHEME = /^[a-z][a-z0-9+.-]{0,31}$/;
const DIGITS = /^\d{1,20}$/;
const MESSAGE_ID = /^[\w.:-]{1,128}$/;
/** TIM's user and group IDs as a link carries them: printable, at most 128 characters (Tencent: 32 and 48 bytes). */
const TIM_ID = /^[^\u0000-\u001f\u007f-\u009f]{1,128}$/;
const MAX_LINK_LENGTH = 1024;
const LINK_TEXT = /^([a-z][a-z0-9+.-]{0,31}):\/\/([^/?#]*)(\/[^?#]*)\?([^#\s]*)$/;

/** Whether a link can carry this ID (see TIM_ID). */
export function linkableId(id: string): boolean {
  return TIM_ID.test(id);
}

/**
 * VS Code hands a URI handler its query already percent-decoded, so an '&' or '=' in a value would read as
 * the query's own separators there. A link therefore encodes those two, and '%' itself, twice ("a&b" is
 * a%2526b): decoded once, by VS Code or by parseChatLink, they are still "%26", "%3D" and "%25", which
 * the parser then decodes (separatorsDecoded). Every other character is encoded once, so most links read
 * as before; a link written before IDs could hold '&' or '=' reads the same, unless an ID in it held
 * "%25", "%26" or "%3D" as text.
 */
function linkValue(value: string): string {
  return encodeURIComponent(value).replace(/%(25|26|3D)/g, '%25$1');
}

/** A value decoded once, with what linkValue encoded twice decoded the second time. */
function separatorsDecoded(value: string): string {
  return value.replace(/%(25|26|3D)/gi, (escape) => decodeURIComponent(escape));
}

function linkText(scheme: string, path: string, pairs: ReadonlyArray<[string, string]>): string {
  const query = pairs.map(([key, value]) => `${key}=${linkValue(value)}`).join('&');
  return `${scheme}://${LINK_AUTHORITY}${path}?${query}`;
}

/** A group link's text, for the editor whose URI scheme is `scheme`. */
export function formatGroupLink(scheme: string, link: GroupLink): string {
  return linkText(scheme, GROUP_LINK_PATH, [['app', link.app], ['group', link.group]]);
}

/** A message link's text, for the editor whose URI scheme is `scheme`. */
export function formatMessageLink(scheme: string, link: MessageLink): string {
  const pairs: Array<[string, string]> = [['app', link.app]];
  if (link.conversation.type === 'c2c') {
    pairs.push(['c2c', link.conversation.users[0]], ['c2c', link.conversation.users[1]]);
  } else {
    pairs.push(['group', link.conversation.id]);
  }
  pairs.push(['from', link.sender], ['id', link.msgId], ['seq', link.seq], ['time', link.time], ['rand', link.rand]);
  return linkText(scheme, MESSAGE_LINK_PATH, pairs);
}

/** A query's key/value pairs; `decode` for a query as written in a link, not for one VS Code decoded. */
function queryPairs(query: string, decode: boolean): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    const equals = part.indexOf('=');
    if (equals <= 0) {
      return undefined;
    }
    let key = part.slice(0, equals);
    let value = part.slice(equals + 1);
    if (decode) {
      try {
        key = decodeURIComponent(key);
        value = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
    pairs.push([key, separatorsDecoded(value)]);
  }
  return pairs;
}

/** Reading a query's values: every value of a key, or its one value when it has exactly one that matches. */
function reader(pairs: ReadonlyArray<[string, string]>): { all(key: string): string[]; one(key: string, pattern: RegExp): string | undefined } {
  const all = (key: string): string[] => pairs.filter(([k]) => k === key).map(([, v]) => v);
  return {
    all,
    one: (key, pattern) => {
      const values = all(key);
      return values.length === 1 && pattern.test(values[0] ?? '') ? values[0] : undefined;
    },
  };
}

function groupLinkFromQuery(pairs: ReadonlyArray<[string, string]>): GroupLink | undefined {
  const { one } = reader(pairs);
  const app = one('app', DIGITS);
  const group = one('group', TIM_ID);
  return app === undefined || group === undefined || pairs.length !== 2 ? undefined : { app, group };
}

function messageLinkFromQuery(pairs: ReadonlyArray<[string, string]>): MessageLink | undefined {
  const { all, one } = reader(pairs);
  const app = one('app', DIGITS);
  const sender = one('from', TIM_ID);
  const msgId = one('id', MESSAGE_ID);
  const seq = one('seq', DIGITS);
  const time = one('time', DIGITS);
  const rand = one('rand', DIGITS);
  const users = all('c2c');
  let conversation: MessageLinkConversation | undefined;
  if (users.length === 2 && all('group').length === 0 && users.every((user) => TIM_ID.test(user))) {
    conversation = { type: 'c2c', users: [users[0] ?? '', users[1] ?? ''] };
  } else if (users.length === 0) {
    const group = one('group', TIM_ID);
    conversation = group === undefined ? undefined : { type: 'group', id: group };
  }
  if (app === undefined || sender === undefined || msgId === undefined || seq === undefined || time === undefined || rand === undefined || conversation === undefined) {
    return undefined;
  }
  return { app, conversation, sender, msgId, seq, time, rand };
}

/** The link a path and query name, or undefined. */
function chatLinkOf(path: string, pairs: ReadonlyArray<[string, string]> | undefined): ChatLink | undefined {
  if (pairs === undefined) {
    return undefined;
  }
  if (path === MESSAGE_LINK_PATH) {
    const message = messageLinkFromQuery(pairs);
    return message && { kind: 'message', message };
  }
  if (path === GROUP_LINK_PATH) {
    const group = groupLinkFromQuery(pairs);
    return group && { kind: 'group', group };
  }
  return undefined;
}

/** The TIM Chat link `text` is, or undefined for anything else (other links, bad or missing values). */
export function parseChatLink(text: string): ChatLink | undefined {
  if (typeof text !== 'string' || text.length > MAX_LINK_LENGTH) {
    return undefined;
  }
  const match = LINK_TEXT.exec(text.trim());
  if (match === null || match[2] !== LINK_AUTHORITY) {
    return undefined;
  }
  return chatLinkOf(match[3] ?? '', queryPairs(match[4] ?? '', true));
}

/** The TIM Chat link of a URI as VS Code hands it to a URI handler (its query already decoded). */
export function chatLinkOfUri(uri: { readonly scheme: string; readonly authority: string; readonly path: string; readonly query: string; readonly fragment: string }): ChatLink | undefined {
  if (!SCHEME.test(uri.scheme) || uri.authority !== LINK_AUTHORITY || uri.fragment !== '' || uri.query.length > MAX_LINK_LENGTH) {
    return undefined;
  }
  return chatLinkOf(uri.path, queryPairs(uri.query, false));
}

/**
 * The conversation a link's message is in, as `self` calls it: a group by its ID, a one-to-one chat by
 * the other user's ID (their own for a note to self); undefined when `self` is not one of its two users.
 */
export function conversationOfLink(link: MessageLink, self: string): { readonly type: 'c2c' | 'group'; readonly id: string } | undefined {
  if (link.conversation.type === 'group') {
    return { type: 'group', id: link.conversation.id };
  }
  const [a, b] = link.conversation.users;
  if (self === a) {
    return { type: 'c2c', id: b };
  }
  return self === b ? { type: 'c2c', id: a } : undefined;
}
