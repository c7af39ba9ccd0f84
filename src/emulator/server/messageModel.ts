/**
 * Messages as stored and as each viewer sees them: conversation streams, the SDK's id forms (message id
 * "<tinyid>-<client_time>-<rand>", 64-bit unique id), and the per-viewer fields (conv id, is_from_self,
 * is_read, is_peer_read, status, local custom data, read receipts) patched onto the stored body.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import { parseTimJson } from '../../tim/json';
import { isObject, type JsonObject } from './args';
import { stringifyFast } from './fastJson';

export const C2C = 1;
export const GROUP = 2;

export const Status = { SENDING: 1, SUCC: 2, FAIL: 3, DELETED: 4, IMPORTED: 5, REVOKED: 6, CANCEL: 7 } as const;

export interface MessageRow {
  readonly id: number;
  readonly stream: string;
  readonly seq: number;
  readonly msg_id: string;
  readonly sender: string;
  readonly conv_type: number;
  readonly server_time: number;
  readonly rand: number;
  readonly elem_type: number;
  readonly status: number;
  readonly local_device: number;
  readonly no_unread: number;
  readonly body: string;
  readonly search_text?: string;
  readonly revoker: string | null;
  readonly revoke_reason: string | null;
  /** 1 when the message asked for read receipts (message_need_read_receipt; messages/receipts.ts). */
  readonly need_receipt: number;
}

/**
 * The read-receipt fields a viewer sees on a message that asked for receipts: a receiver whether they
 * reported it, the sender of a group message its counts, the sender of a C2C message whether the peer
 * reported it (message_receipt_peer_read).
 */
interface ReceiptView {
  readonly hasSent?: boolean;
  readonly read?: number;
  readonly unread?: number;
  readonly peerReported?: boolean;
}

export function c2cStream(a: string, b: string): string {
  return a < b ? `c2c:${a}\n${b}` : `c2c:${b}\n${a}`;
}

export function groupStream(groupId: string): string {
  return `group:${groupId}`;
}

export function streamOf(convType: number, userId: string, convId: string): string {
  return convType === C2C ? c2cStream(userId, convId) : groupStream(convId);
}

/** The parties of a C2C stream, or undefined for a group stream. */
export function c2cParties(stream: string): [string, string] | undefined {
  if (!stream.startsWith('c2c:')) {
    return undefined;
  }
  const [a, b] = stream.slice(4).split('\n');
  return a === undefined || b === undefined ? undefined : [a, b];
}

export function randomUint32(): number {
  return randomInt(1, 0xffffffff);
}

/** A 64-bit id above 2^53 like the SDK's message_unique_id (exercises lossless JSON on every client). */
export function newUniqueId(serverTime: number): bigint {
  return (BigInt(serverTime) << 32n) | BigInt(randomUint32());
}

/** The fields view() always sets for the viewer; a viewer's text is the rest of the body plus these. */
export const VIEWER_KEYS: ReadonlySet<string> = new Set([
  'message_conv_id', 'message_is_from_self', 'message_status', 'message_is_read', 'message_is_peer_read', 'message_receipt_peer_read',
]);

/** A stored body written once without the viewer's fields: the shared part of every viewer's text. */
export interface BodyText {
  /** JSON of the body without VIEWER_KEYS, without its closing brace. */
  readonly open: string;
  /** The body's own message_conv_id (the receiver for C2C, the group id). */
  readonly convId: string;
}

/** The conv id `viewer` sees a message under: the sender for the receiver of a C2C message, else its own (receiver, group id). */
export function viewerConvId(convType: number, ownConvId: string, sender: string, viewer: string): string {
  return convType === C2C && sender !== viewer ? sender : ownConvId;
}

export function messageIdOf(tinyId: string, clientTime: number, rand: number): string {
  return `${tinyId}-${clientTime}-${rand}`;
}

export class MessageModel {
  private readonly byRowId: Statement;
  private readonly byMsgId: Statement;
  private readonly devMsg: Statement;
  private readonly readState: Statement;
  private readonly userTiny: Statement;
  private readonly insertUser: Statement;
  private readonly tinyCache = new Map<string, string>();
  private readonly profileStmt: Statement;
  private readonly roamingIdOnly: Statement;
  private readonly profiles = new Map<string, { nick: string; face_url: string }>();
  private readonly receiptStmt: Statement;
  private readonly receiptCountsStmt: Statement;
  /** Parsed bodies of recent messages: a new message is viewed several times (answer, events, conv). */
  private readonly bodies = new Map<number, JsonObject>();
  private static readonly BODY_CACHE = 2048;
  private readonly recent = new Map<number, MessageRow>();
  /** Bodies written as JSON once (see BodyText), for the answer, every recipient and conversation snapshots. */
  private readonly texts = new Map<number, BodyText>();

  /** Forgets the rows of the finished commit. */
  endCommit(): void {
    this.recent.clear();
  }

  constructor(db: Db) {
    this.byRowId = db.prepare('SELECT * FROM messages WHERE id = ?');
    this.byMsgId = db.prepare('SELECT * FROM messages WHERE msg_id = ? AND local_device IN (0, ?) ORDER BY local_device DESC LIMIT 1');
    this.devMsg = db.prepare('SELECT custom_str, custom_int FROM dev_msgs WHERE device_id = ? AND msg = ?');
    this.readState = db.prepare('SELECT read_msg, peer_read_time FROM convs WHERE user_id = ? AND conv_type = ? AND conv_id = ?');
    this.userTiny = db.prepare('SELECT tiny_id FROM users WHERE user_id = ?');
    this.insertUser = db.prepare('INSERT OR IGNORE INTO users(user_id, tiny_id, nick, created) VALUES (?, ?, ?, ?)');
    this.roamingIdOnly = db.prepare('SELECT id FROM messages WHERE msg_id = ? AND local_device = 0');
    this.profileStmt = db.prepare('SELECT nick, face_url FROM users WHERE user_id = ?');
    this.receiptStmt = db.prepare('SELECT 1 FROM receipts WHERE msg = ? AND user_id = ?');
    // The members a group message counts: the current ones who were members when it was sent, not its sender.
    this.receiptCountsStmt = db.prepare(
      `SELECT count(*) AS total, count(r.user_id) AS read FROM members m LEFT JOIN receipts r ON r.msg = @msg AND r.user_id = m.user_id
       WHERE m.group_id = @group AND m.user_id <> @sender AND m.join_msg < @msg`,
    );
  }

  /** Whether `userId` reported having read message row `msg` (TIMMsgSendMessageReadReceipts). */
  hasReceipt(msg: number, userId: string): boolean {
    return this.receiptStmt.get(msg, userId) !== undefined;
  }

  /**
   * A group message's receipt counts: read = members who reported it, unread = the others; both over the
   * group's current members, but its sender, who were members when it was sent.
   */
  groupReceiptCounts(row: MessageRow): { read: number; unread: number } {
    const { total, read } = this.receiptCountsStmt.get({ msg: row.id, group: row.stream.slice('group:'.length), sender: row.sender }) as { total: number; read: number };
    return { read, unread: total - read };
  }

  /** What `viewer` sees of the receipts of a message that asked for them; nothing in its own commit or on local-only rows. */
  private receiptView(row: MessageRow, viewer: string, fresh: boolean): ReceiptView | undefined {
    if (fresh || row.need_receipt !== 1 || row.local_device !== 0) {
      return undefined;
    }
    if (row.sender !== viewer) {
      return { hasSent: this.hasReceipt(row.id, viewer) };
    }
    if (row.conv_type === GROUP) {
      return this.groupReceiptCounts(row);
    }
    const peer = c2cParties(row.stream)?.find((party) => party !== viewer);
    return peer === undefined ? undefined : { peerReported: this.hasReceipt(row.id, peer) };
  }

  profile(userId: string): { nick: string; face_url: string } | undefined {
    const cached = this.profiles.get(userId);
    if (cached !== undefined) {
      return cached;
    }
    const row = this.profileStmt.get(userId) as { nick: string; face_url: string } | undefined;
    if (row !== undefined) {
      this.profiles.set(userId, row);
    }
    return row;
  }

  /** A profile changed (TIMProfileModifySelfUserProfile, seed). */
  forgetProfile(userId: string): void {
    this.profiles.delete(userId);
  }

  /** Remembers a body just written (saves parsing it back), or forgets one that changed. */
  cacheBody(id: number, body: JsonObject | undefined, row?: MessageRow, text?: BodyText): void {
    if (body === undefined) {
      this.bodies.delete(id);
      this.texts.delete(id);
      this.recent.clear();
      return;
    }
    if (row !== undefined) {
      // Rows of the current commit, for the events built at its end (status cannot change in between
      // except by a revoke, which clears this).
      this.recent.set(id, row);
    }
    this.bodies.set(id, body);
    if (text !== undefined) {
      this.rememberText(id, text);
    } else {
      this.texts.delete(id);
    }
    if (this.bodies.size > MessageModel.BODY_CACHE) {
      const oldest = this.bodies.keys().next().value;
      if (oldest !== undefined) {
        this.bodies.delete(oldest);
      }
    }
  }

  /**
   * Remembers a message just written as its text only (delivery.ts): the object is parsed back from
   * the row in the rare case a viewer needs it (local custom data, revoke).
   */
  cacheText(id: number, row: MessageRow, text: BodyText): void {
    // Row ids can come back (the newest row deleted): nothing cached may describe an older message.
    this.bodies.delete(id);
    this.recent.set(id, row);
    this.rememberText(id, text);
  }

  /** Forgets every cached body (a rolled-back transaction may have cached rows that do not exist), and profile. */
  forgetBodies(): void {
    this.profiles.clear();
    this.bodies.clear();
    this.texts.clear();
    this.recent.clear();
  }

  private bodyText(row: MessageRow): BodyText {
    const cached = this.texts.get(row.id);
    if (cached !== undefined) {
      return cached;
    }
    const text = bodyTextOf(this.bodies.get(row.id) ?? this.body(row));
    this.rememberText(row.id, text);
    return text;
  }

  private rememberText(id: number, text: BodyText): void {
    this.texts.set(id, text);
    if (this.texts.size > MessageModel.BODY_CACHE) {
      const oldest = this.texts.keys().next().value;
      if (oldest !== undefined) {
        this.texts.delete(oldest);
      }
    }
  }

  private body(row: MessageRow): JsonObject {
    const cached = this.bodies.get(row.id);
    if (cached !== undefined) {
      return { ...cached };
    }
    const parsed = parseTimJson(row.body);
    return isObject(parsed) ? parsed : {};
  }

  row(id: number): MessageRow | undefined {
    return this.byRowId.get(id) as MessageRow | undefined;
  }

  /** A roaming message by id, or the device's own local-only message with that id. */
  rowByMsgId(msgId: string, deviceId: number): MessageRow | undefined {
    return this.byMsgId.get(msgId, deviceId) as MessageRow | undefined;
  }

  /** A roaming (not device-local) message by id. */
  roamingByMsgId(msgId: string): MessageRow | undefined {
    // Usually absent (the dedupe check of every send): look the id up without reading the row.
    const hit = this.roamingIdOnly.get(msgId) as { id: number } | undefined;
    return hit === undefined ? undefined : this.row(hit.id);
  }

  /** Creates the account on first sight (login or seed) and returns its tiny id. */
  ensureUser(userId: string, nick = ''): string {
    const cached = this.tinyCache.get(userId);
    if (cached !== undefined) {
      return cached;
    }
    const existing = this.userTiny.get(userId) as { tiny_id: string } | undefined;
    if (existing !== undefined) {
      this.tinyCache.set(userId, existing.tiny_id);
      return existing.tiny_id;
    }
    const tiny = `144115${String(randomInt(100000000, 999999999))}${String(randomInt(10, 99))}`;
    this.insertUser.run(userId, tiny, nick, Math.floor(Date.now() / 1000));
    this.tinyCache.set(userId, tiny);
    return tiny;
  }

  userExists(userId: string): boolean {
    return this.tinyCache.has(userId) || this.userTiny.get(userId) !== undefined;
  }

  /** The message as `userId` on `deviceId` sees it. */
  view(row: MessageRow, userId: string, deviceId: number, fresh = false): JsonObject {
    const msg = this.body(row);
    const fromSelf = row.sender === userId;
    const convId = viewerConvId(row.conv_type, String(msg.message_conv_id ?? ''), row.sender, userId);
    msg.message_conv_id = convId;
    msg.message_is_from_self = fromSelf;
    msg.message_status = row.status;
    const { isRead, peerRead } = this.readFlags(row, userId, convId, fromSelf, fresh);
    const receipt = this.receiptView(row, userId, fresh);
    msg.message_is_read = isRead;
    msg.message_is_peer_read = peerRead;
    msg.message_receipt_peer_read = peerRead || receipt?.peerReported === true;
    if (receipt?.hasSent !== undefined) {
      msg.message_has_sent_receipt = receipt.hasSent;
    }
    if (receipt?.read !== undefined) {
      msg.message_group_receipt_read_count = receipt.read;
      msg.message_group_receipt_unread_count = receipt.unread;
    }
    // A message delivered in this very commit has no local data yet.
    const local = fresh ? undefined : (this.devMsg.get(deviceId, row.id) as { custom_str: string | null; custom_int: number | null } | undefined);
    if (local !== undefined) {
      if (local.custom_str !== null) {
        msg.message_custom_str = local.custom_str;
      }
      if (local.custom_int !== null) {
        msg.message_custom_int = local.custom_int;
      }
    }
    if (row.revoker !== null) {
      msg.message_revoker_user_id = row.revoker;
      msg.message_revoke_reason = row.revoke_reason ?? '';
    }
    return msg;
  }

  /** Whether the viewer has read the message and (their own C2C message) the peer has; none yet in its own commit. */
  private readFlags(row: MessageRow, userId: string, convId: string, fromSelf: boolean, fresh: boolean): { isRead: boolean; peerRead: boolean } {
    const state = fresh ? undefined : (this.readState.get(userId, row.conv_type, convId) as { read_msg: number; peer_read_time: number } | undefined);
    return {
      isRead: fromSelf || (state !== undefined && row.id <= state.read_msg),
      peerRead: row.conv_type === C2C && fromSelf && state !== undefined && row.server_time <= state.peer_read_time,
    };
  }

  /**
   * What a viewer's text is made of (the shared BodyText and the viewer's fields), or undefined for the
   * rare rows that take the object path: a revoker, or local custom data on this device.
   */
  private textView(row: MessageRow, userId: string, deviceId: number, fresh: boolean): { text: BodyText; tail: string } | undefined {
    if (row.revoker !== null || (!fresh && this.devMsg.get(deviceId, row.id) !== undefined)) {
      return undefined;
    }
    const text = this.bodyText(row);
    const fromSelf = row.sender === userId;
    const convId = viewerConvId(row.conv_type, text.convId, row.sender, userId);
    const { isRead, peerRead } = this.readFlags(row, userId, convId, fromSelf, fresh);
    const receipt = this.receiptView(row, userId, fresh);
    if (receipt === undefined) {
      return { text, tail: viewerTail(text, convId, fromSelf, row.status, isRead, peerRead) };
    }
    return { text, tail: viewerTail(text, convId, fromSelf, row.status, isRead, peerRead, peerRead || receipt.peerReported === true, receiptFields(receipt)) };
  }

  /**
   * view() as JSON text. The body is written once per message and each viewer's fields appended, so the
   * answer to the sender, every recipient's RecvNewMsg and the conversation snapshots share one
   * JSON.stringify.
   */
  viewText(row: MessageRow, userId: string, deviceId: number, fresh = false): string {
    const parts = this.textView(row, userId, deviceId, fresh);
    return parts === undefined ? stringifyFast(this.view(row, userId, deviceId, fresh)) : `${parts.text.open}${parts.tail}`;
  }

  /** viewText of a message row by id, or undefined when the row is gone. */
  viewTextById(id: number, userId: string, deviceId: number, fresh = false): string | undefined {
    const row = this.recent.get(id) ?? this.row(id);
    return row === undefined ? undefined : this.viewText(row, userId, deviceId, fresh);
  }
}

/** Writes `body` once without the viewer's fields (see BodyText). */
export function bodyTextOf(body: JsonObject): BodyText {
  // A copy built by adding keys, not by deleting them (see fastJson.ts on why).
  const shared: JsonObject = {};
  for (const key in body) {
    if (!VIEWER_KEYS.has(key)) {
      shared[key] = body[key];
    }
  }
  return { open: stringifyFast(shared).slice(0, -1), convId: String(body.message_conv_id ?? '') };
}

/** The whole of `body` as JSON, from its BodyText: what the messages row stores. */
export function storedTextOf(text: BodyText, body: JsonObject): string {
  let out = text.open;
  let first = text.open.length <= 1;
  for (const key of VIEWER_KEYS) {
    const value = body[key];
    if (value !== undefined && typeof value !== 'function') {
      out += `${first ? '' : ','}${JSON.stringify(key)}:${stringifyFast(value)}`;
      first = false;
    }
  }
  return `${out}}`;
}

/**
 * What follows `open` in a viewer's text: the viewer's fields (`extra`: more of them, as JSON members
 * each led by a comma) and the closing brace.
 */
export function viewerTail(text: BodyText, convId: string, fromSelf: boolean, status: number, isRead: boolean, peerRead: boolean, receiptPeerRead = peerRead, extra = ''): string {
  return `${text.open.length > 1 ? ',' : ''}"message_conv_id":${JSON.stringify(convId)},"message_is_from_self":${fromSelf},"message_status":${status},"message_is_read":${isRead},"message_is_peer_read":${peerRead},"message_receipt_peer_read":${receiptPeerRead}${extra}}`;
}

/** A ReceiptView's own fields as JSON members (message_receipt_peer_read is in viewerTail already). */
function receiptFields(receipt: ReceiptView): string {
  if (receipt.hasSent !== undefined) {
    return `,"message_has_sent_receipt":${receipt.hasSent}`;
  }
  if (receipt.read !== undefined) {
    return `,"message_group_receipt_read_count":${receipt.read},"message_group_receipt_unread_count":${receipt.unread ?? 0}`;
  }
  return '';
}

/** The locator of a message, as TIMMsgFindByMsgLocatorList takes it and the revoke event carries it. */
export function locatorOf(row: MessageRow, viewer: string, convId: string): JsonObject {
  const parsed = parseTimJson(row.body);
  const unique = isObject(parsed) ? parsed.message_unique_id : undefined;
  return {
    message_locator_conv_id: convId,
    message_locator_conv_type: row.conv_type,
    message_locator_is_revoked: row.status === Status.REVOKED,
    message_locator_time: row.server_time,
    message_locator_seq: row.seq,
    message_locator_is_self: row.sender === viewer,
    message_locator_rand: row.rand,
    message_locator_unique_id: typeof unique === 'bigint' || typeof unique === 'number' ? unique : 0,
  };
}
