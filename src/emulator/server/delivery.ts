/**
 * Putting a message into a conversation stream: the next per-conversation seq, server time, rand and
 * unique id, the row and its full-text row in the same transaction, then every participant's
 * conversation (created on first message, unread count) and their devices' events, honouring each
 * participant's receive option (Not_Receive: not delivered at all; Not_Notify and Not_Notify_Except_At:
 * delivered, counted in the conversation but left out of the total, which conversations.ts computes).
 */
import type { Database as Db, RunResult, Statement } from 'better-sqlite3';
import { ApiError, Err } from './apiError';
import type { JsonObject } from './args';
import type { EventHub } from './eventHub';
import { ConvCounters } from './convCounters';
import { stringifyFast } from './fastJson';
import { type BodyText, C2C, GROUP, type MessageModel, type MessageRow, Status, VIEWER_KEYS, newUniqueId, storedTextOf, viewerConvId } from './messageModel';

/** kImSDK_MessageAtALL: the @-everyone marker in message_group_at_user_array. */
export const AT_ALL = '__kImSDK_MessageAtALL__';

/** kTIMRecvMsgOpt_Not_Receive: messages of that conversation are not delivered to the user at all. */
export const NOT_RECEIVE = 1;

/** A roaming message with this id is stored already (a send repeated after a reconnect, usually). */
export class DuplicateMessageId extends ApiError {
  constructor(readonly msgId: string) {
    super(Err.INVALID_PARAMETERS, `message id ${msgId} is already used`);
  }
}

export interface NewMessage {
  readonly stream: string;
  readonly convType: number;
  /** Group id, or the receiver for C2C. */
  readonly convId: string;
  readonly sender: string;
  /** The sending device (it gets the answer, not a RecvNewMsg); 0 for server-made messages. */
  readonly senderDevice: number;
  readonly msgId: string;
  readonly rand: number;
  readonly serverTime: number;
  readonly elemType: number;
  readonly searchText: string;
  readonly noUnread: boolean;
  /** The message JSON without the server-assigned fields. */
  readonly body: JsonObject;
}

export class Delivery {
  private readonly readSeq: Statement;
  private readonly writeSeq: Statement;
  /** Per-stream seq counters, written back once per group commit (see flushSeqs). */
  private readonly seqs = new Map<string, number>();
  private readonly dirtySeqs = new Set<string>();
  private readonly insertMsg: Statement;
  private readonly members: Statement;
  private readonly c2cOpt: Statement;
  private readonly hide: Statement;
  private readonly insertConv: Statement;
  /** active_time / hidden / unread of conversations, written once per group commit (convCounters.ts). */
  readonly counters: ConvCounters;
  private readonly addAt: Statement;
  private readonly knownConvs = new Set<string>();
  /** Keys added to knownConvs by the running operation. */
  private readonly opConvs: string[] = [];
  private readonly c2cOpts = new Map<string, number>();

  constructor(
    db: Db,
    private readonly model: MessageModel,
    private readonly hub: EventHub,
  ) {
    this.readSeq = db.prepare('SELECT last_seq FROM streams WHERE stream = ?');
    this.writeSeq = db.prepare(
      'INSERT INTO streams(stream, last_seq) VALUES (?, ?) ON CONFLICT(stream) DO UPDATE SET last_seq = excluded.last_seq',
    );
    this.insertMsg = db.prepare(
      `INSERT INTO messages(stream, seq, msg_id, sender, conv_type, server_time, rand, elem_type, status, local_device, no_unread, body, search_text, need_receipt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
    );
    this.members = db.prepare('SELECT user_id, recv_opt FROM members WHERE group_id = ?');
    this.c2cOpt = db.prepare('SELECT opt FROM c2c_opts WHERE user_id = ? AND peer = ?');
    this.hide = db.prepare('INSERT OR REPLACE INTO user_hidden(user_id, msg, kind) VALUES (?, ?, ?)');
    this.insertConv = db.prepare(
      'INSERT OR IGNORE INTO convs(user_id, conv_type, conv_id, stream, active_time) VALUES (?, ?, ?, ?, ?)',
    );
    this.addAt = db.prepare(
      `UPDATE convs SET at_info = json_insert(at_info, '$[#]', json_object('conv_group_at_info_seq', ?, 'conv_group_at_info_at_type', ?))
       WHERE user_id = ? AND conv_type = 2 AND conv_id = ?`,
    );
    this.counters = new ConvCounters(db);
  }

  /** Creates the user's conversation row when missing; true when it was created (or revived). */
  ensureConversation(userId: string, convType: number, convId: string, stream: string, activeTime: number): boolean {
    // Conversation rows are never deleted (only hidden), so one seen once exists for good, unless the
    // operation or transaction that inserted it is rolled back (endOp, forgetConversations).
    const key = `${userId}\n${convType}\n${convId}`;
    if (this.knownConvs.has(key)) {
      return false;
    }
    const added = this.insertConv.run(userId, convType, convId, stream, activeTime).changes > 0;
    this.knownConvs.add(key);
    this.opConvs.push(key);
    return added;
  }

  // CommitQueue operation hooks: conversations first seen by a failed operation are not known after all.
  beginOp(): void {
    this.opConvs.length = 0;
  }

  endOp(ok: boolean): void {
    if (!ok) {
      for (const key of this.opConvs) {
        this.knownConvs.delete(key);
      }
    }
    this.opConvs.length = 0;
  }

  /** The transaction rolled back: rows it inserted are gone. */
  forgetConversations(): void {
    this.knownConvs.clear();
    this.opConvs.length = 0;
  }

  /** A user's receive option for a C2C peer, cached (setC2COpt keeps the cache right). */
  c2cOptOf(userId: string, peer: string): number {
    const key = `${userId}\n${peer}`;
    let opt = this.c2cOpts.get(key);
    if (opt === undefined) {
      opt = (this.c2cOpt.get(userId, peer) as { opt: number } | undefined)?.opt ?? 0;
      this.c2cOpts.set(key, opt);
    }
    return opt;
  }

  /** Records a changed C2C receive option (inside the operation that stored it). */
  setC2COpt(userId: string, peer: string, opt: number): void {
    this.c2cOpts.set(`${userId}\n${peer}`, opt);
  }

  /** The next seq of a conversation stream. */
  nextSeq(stream: string): number {
    const seq = this.latestSeq(stream) + 1;
    this.takeSeq(stream, seq);
    return seq;
  }

  /** Makes `seq` (latestSeq + 1, just used) the stream's latest. */
  private takeSeq(stream: string, seq: number): void {
    this.seqs.set(stream, seq);
    this.dirtySeqs.add(stream);
  }

  /** The latest seq of a stream, including this commit's. */
  latestSeq(stream: string): number {
    return this.seqs.get(stream) ?? (this.readSeq.get(stream) as { last_seq: number } | undefined)?.last_seq ?? 0;
  }

  /** Inside the group transaction: stores the counters it advanced. */
  flushSeqs(): void {
    for (const stream of this.dirtySeqs) {
      this.writeSeq.run(stream, this.seqs.get(stream));
    }
    this.dirtySeqs.clear();
  }

  /** The transaction rolled back: counters are reloaded from the database. */
  resetSeqs(): void {
    this.seqs.clear();
    this.dirtySeqs.clear();
    this.c2cOpts.clear();
  }

  /**
   * Who a message of `sender` in the conversation reaches, each with their receive option for it: both
   * parties of a C2C conversation (the sender once for a note to self), every group member; the
   * sender's own option is 0.
   */
  participants(convType: number, convId: string, sender: string): Array<{ user: string; opt: number }> {
    const participants: Array<{ user: string; opt: number }> = [];
    if (convType === C2C) {
      participants.push({ user: sender, opt: 0 });
      if (convId !== sender) {
        participants.push({ user: convId, opt: this.c2cOptOf(convId, sender) });
      }
    } else if (convType === GROUP) {
      for (const row of this.members.all(convId) as Array<{ user_id: string; recv_opt: number }>) {
        participants.push({ user: row.user_id, opt: row.user_id === sender ? 0 : row.recv_opt });
      }
    }
    return participants;
  }

  /**
   * Stores the message and delivers it. Throws DuplicateMessageId, having written nothing, when a
   * roaming message with this id exists; otherwise completes (CommitQueue `atomic`).
   */
  deliver(message: NewMessage): MessageRow {
    // Taken only once the row is in: a duplicate id must not leave a gap in the stream's seqs.
    const seq = this.latestSeq(message.stream) + 1;
    const uniqueId = newUniqueId(message.serverTime);
    // The shared text (every viewer's copy and the stored row start with it) written straight from the
    // given body plus the server's fields: no full copy of the body first, and the one bigint spliced
    // in as text rather than through stringifyFast's copy-without-bigints (about 3 µs per send).
    const shared: JsonObject = {};
    const given = message.body;
    for (const key in given) {
      if (!VIEWER_KEYS.has(key) && key !== 'message_unique_id') {
        shared[key] = given[key];
      }
    }
    shared.message_conv_type = message.convType;
    shared.message_sender = message.sender;
    shared.message_server_time = message.serverTime;
    shared.message_seq = seq;
    shared.message_rand = message.rand;
    shared.message_msg_id = message.msgId;
    shared.message_is_online_msg = false;
    const written = stringifyFast(shared);
    const textOf: BodyText = {
      open: `${written.slice(0, -1)}${written.length > 2 ? ',' : ''}"message_unique_id":${uniqueId.toString()}`,
      convId: message.convId,
    };
    const text = storedTextOf(textOf, { message_conv_id: message.convId, message_status: Status.SUCC });
    // Read receipts (messages/receipts.ts) look the flag up by this column, set by this same insert.
    const needReceipt = given.message_need_read_receipt === true ? 1 : 0;
    let result: RunResult;
    try {
      // Positional parameters: binding an object by name costs more per call.
      result = this.insertMsg.run(
        message.stream,
        seq,
        message.msgId,
        message.sender,
        message.convType,
        message.serverTime,
        message.rand,
        message.elemType,
        Status.SUCC,
        message.noUnread ? 1 : 0,
        text,
        message.searchText,
        needReceipt,
      );
    } catch (error: unknown) {
      // The unique index on (msg_id, local_device) is the check for a repeated send: a lookup before
      // every insert cost a second search of the same index.
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new DuplicateMessageId(message.msgId);
      }
      throw error;
    }
    this.takeSeq(message.stream, seq);
    const id = Number(result.lastInsertRowid);
    const row: MessageRow = {
      id,
      stream: message.stream,
      seq,
      msg_id: message.msgId,
      sender: message.sender,
      conv_type: message.convType,
      server_time: message.serverTime,
      rand: message.rand,
      elem_type: message.elemType,
      status: Status.SUCC,
      local_device: 0,
      no_unread: message.noUnread ? 1 : 0,
      body: text,
      search_text: message.searchText,
      revoker: null,
      revoke_reason: null,
      need_receipt: needReceipt,
    };
    this.model.cacheText(id, row, textOf);
    const atUsers = message.convType === GROUP && Array.isArray(message.body.message_group_at_user_array) ? message.body.message_group_at_user_array : [];
    const atAll = atUsers.includes(AT_ALL);
    for (const { user, opt } of this.participants(message.convType, message.convId, message.sender)) {
      const self = user === message.sender;
      if (!self && opt === NOT_RECEIVE) {
        this.hide.run(user, id, 1);
        continue;
      }
      const convId = viewerConvId(message.convType, message.convId, message.sender, user);
      const added = this.ensureConversation(user, message.convType, convId, message.stream, message.serverTime);
      this.counters.add(user, message.convType, convId, message.serverTime, !self && !message.noUnread ? 1 : 0);
      if (!self && atUsers.length > 0) {
        // kTIMGroup_At_Me 1, At_All 2, At_All_At_ME 3: what Not_Notify_Except_At still notifies about.
        const atType = (atUsers.includes(user) ? 1 : 0) | (atAll ? 2 : 0);
        if (atType !== 0) {
          this.addAt.run(seq, atType, user, convId);
        }
      }
      this.hub.newMessage(user, id, self ? message.senderDevice : 0, true);
      this.hub.touchConversation(user, message.convType, convId, added);
    }
    return row;
  }
}
