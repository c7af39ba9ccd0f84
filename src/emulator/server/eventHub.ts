/**
 * Listener events. Message events (RecvNewMsg, MsgUpdate, MsgRevoke, MsgReadedReceipt,
 * MsgReactionsChanged, MsgGroupPinnedMessageChanged), SelfInfoUpdated, UserStatusChanged, FriendBlackListAdded,
 * FriendBlackListDeleted and the friend events (OnAddFriend, OnDeleteFriend, UpdateFriendProfile,
 * FriendAddRequest, FriendApplicationListDeleted, FriendApplicationListRead) are numbered per device, stored in the same
 * transaction as the change that caused them (so a reconnecting client can replay what it missed, even
 * across a server restart), and pushed only after that transaction commits.
 * RecvNewMsg is stored as a reference (the user and the message row ids, see replayFrame) rather than
 * the frame: the frame repeats every message once per receiving device, which doubled the bytes each
 * send wrote and fsynced. A replayed RecvNewMsg shows the messages as they are at replay time. A group
 * report (groupReportMessage.ts) is no message row: its RecvNewMsg is recorded with toUser and stored as its frame.
 * A device's event counter is the larger of devices.event_seq and its newest stored event, so a commit
 * does not also update one devices row per receiving device (about one UPDATE per message sent):
 * devices.event_seq is written only where events are deleted (login), raised, and at shutdown.
 * Conversation events (ConvEvent, ConvTotalUnreadMessageCountChanged) are snapshots of committed state
 * with seq 0, coalesced over a few milliseconds and never replayed.
 *
 * Handlers record what happened during their operation; a failed operation's records are dropped with
 * its savepoint. At the end of a flush the records become events in order, consecutive new messages for
 * a device as one RecvNewMsg array.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import type { TimEvent } from '../../tim/endpoint';
import { stringifyFast } from './fastJson';
import { frameText, type OutFrame, recvNewMsgFrame, SplicedFrame } from './frameText';

/** What the hub needs from the rest of the server to turn records into event JSON. */
export interface EventSource {
  /** The message as `userId` on `deviceId` sees it, as JSON text; undefined when the row is gone. */
  viewMessage(messageRowId: number, userId: string, deviceId: number, fresh: boolean): string | undefined;
  /** The conversation info object, or undefined when it no longer exists for the user. */
  viewConversation(userId: string, convType: number, convId: string): unknown;
  totalUnread(userId: string): number;
}

/** Something that can take a pushed frame: a connection bound to a device. */
export interface EventSink {
  pushFrame(frame: OutFrame): void;
}

type Record =
  | { readonly kind: 'msg'; readonly device: number; readonly user: string; readonly msg: number; readonly fresh: boolean }
  | { readonly kind: 'event'; readonly device: number; readonly event: TimEvent };

interface ConvTouch {
  readonly user: string;
  readonly convType: number;
  readonly convId: string;
  readonly added: boolean;
}

export class EventHub {
  private readonly seqs = new Map<number, number>();
  /** Devices whose counter is ahead of devices.event_seq (their newest event row holds it). */
  private readonly dirtySeqs = new Set<number>();
  private readonly sinks = new Map<number, EventSink>();
  /** Logged-in devices per user: who receives events. */
  private readonly devicesByUser = new Map<string, Set<number>>();
  private readonly lastTotals = new Map<string, number>();
  private opRecords: Record[] = [];
  private opTouches: ConvTouch[] = [];
  private flushRecords: Record[] = [];
  private flushTouches: ConvTouch[] = [];
  private pending: Array<{ device: number; frame: OutFrame }> = [];
  private convTouches: ConvTouch[] = [];
  private convTimer: NodeJS.Timeout | undefined;
  /** Touched conversations per user still to publish (publishSlice). */
  private readonly unpublished = new Map<string, Map<string, ConvTouch>>();
  private sliceScheduled: NodeJS.Immediate | undefined;
  /** Time spent publishing the snapshot batch in progress, and of recent ones, decaying (ms). */
  private batchCostMs = 0;
  private lastBatchCostMs = 0;
  private readonly insertEvent: Statement;
  private readonly updateSeq: Statement;
  private readonly selectSeq: Statement;

  constructor(
    private readonly db: Db,
    private source: EventSource | undefined = undefined,
  ) {
    this.insertEvent = db.prepare('INSERT INTO events(device_id, seq, frame) VALUES (?, ?, ?)');
    this.updateSeq = db.prepare('UPDATE devices SET event_seq = ? WHERE id = ?');
    this.selectSeq = db.prepare(
      'SELECT max(d.event_seq, coalesce((SELECT max(e.seq) FROM events e WHERE e.device_id = d.id), 0)) AS event_seq FROM devices d WHERE d.id = ?',
    );
    for (const row of db.prepare('SELECT id, user_id FROM devices WHERE logged_in = 1').all() as Array<{ id: number; user_id: string }>) {
      this.addLoggedIn(row.user_id, row.id);
    }
  }

  setSource(source: EventSource): void {
    this.source = source;
  }

  addLoggedIn(user: string, device: number): void {
    let set = this.devicesByUser.get(user);
    if (set === undefined) {
      set = new Set();
      this.devicesByUser.set(user, set);
    }
    set.add(device);
  }

  removeLoggedIn(user: string, device: number): void {
    this.devicesByUser.get(user)?.delete(device);
  }

  devicesOf(user: string): ReadonlySet<number> {
    return this.devicesByUser.get(user) ?? EMPTY;
  }

  bindSink(device: number, sink: EventSink | undefined): EventSink | undefined {
    const previous = this.sinks.get(device);
    if (sink === undefined) {
      this.sinks.delete(device);
    } else {
      this.sinks.set(device, sink);
    }
    return previous;
  }

  sinkOf(device: number): EventSink | undefined {
    return this.sinks.get(device);
  }

  /** Makes the device's next events number above `seq` (a client remembers more than the store has). */
  raiseSeq(device: number, seq: number): void {
    if (seq > this.currentSeq(device)) {
      this.seqs.set(device, seq);
      this.persistSeq(device);
    }
  }

  /** The device's latest event seq (including this transaction's events materialized so far). */
  currentSeq(device: number): number {
    let seq = this.seqs.get(device);
    if (seq === undefined) {
      seq = (this.selectSeq.get(device) as { event_seq: number } | undefined)?.event_seq ?? 0;
      this.seqs.set(device, seq);
    }
    return seq;
  }

  /** Writes the device's counter to devices.event_seq: before its stored events are deleted, say. */
  persistSeq(device: number): void {
    this.updateSeq.run(this.currentSeq(device), device);
    this.dirtySeqs.delete(device);
  }

  /** At shutdown: devices.event_seq made current for all (what an older emulator version reads). */
  persistAllSeqs(): void {
    // One transaction: one fsync for all of them, not one per device.
    this.db.transaction(() => {
      for (const device of [...this.dirtySeqs]) {
        this.persistSeq(device);
      }
    })();
  }

  /** Remembers the total a user's devices were last told (login computes it without an event). */
  setKnownTotal(user: string, total: number): void {
    this.lastTotals.set(user, total);
  }

  // ---- recording, inside an operation ----

  /** A new (or newly visible) message for every logged-in device of `user`, except `exceptDevice`. */
  newMessage(user: string, msg: number, exceptDevice = 0, fresh = false): void {
    for (const device of this.devicesOf(user)) {
      if (device !== exceptDevice) {
        this.opRecords.push({ kind: 'msg', device, user, msg, fresh });
      }
    }
  }

  /** An event for every logged-in device of `user`. */
  toUser(user: string, event: TimEvent, exceptDevice = 0): void {
    for (const device of this.devicesOf(user)) {
      if (device !== exceptDevice) {
        this.opRecords.push({ kind: 'event', device, event });
      }
    }
  }

  toDevice(device: number, event: TimEvent): void {
    this.opRecords.push({ kind: 'event', device, event });
  }

  touchConversation(user: string, convType: number, convId: string, added = false): void {
    this.opTouches.push({ user, convType, convId, added });
  }

  beginOp(): void {
    this.opRecords = [];
    this.opTouches = [];
  }

  endOp(ok: boolean): void {
    if (ok) {
      for (const record of this.opRecords) {
        this.flushRecords.push(record);
      }
      for (const touch of this.opTouches) {
        this.flushTouches.push(touch);
      }
    }
    this.opRecords = [];
    this.opTouches = [];
  }

  // ---- end of flush, still inside the transaction ----

  materialize(): void {
    const source = this.source;
    if (source === undefined) {
      throw new Error('EventHub has no source');
    }
    const byDevice = new Map<number, Record[]>();
    for (const record of this.flushRecords) {
      let list = byDevice.get(record.device);
      if (list === undefined) {
        list = [];
        byDevice.set(record.device, list);
      }
      list.push(record);
    }
    for (const [device, records] of byDevice) {
      // Message texts, joined into the RecvNewMsg array without parsing or writing them again.
      let batch: string[] = [];
      let batchIds: number[] = [];
      let batchUser = '';
      const flushBatch = (): void => {
        if (batch.length > 0) {
          this.emitFrame(device, (seq) => recvNewMsgFrame(seq, batch), `${MESSAGE_REFERENCE}${JSON.stringify({ user: batchUser, msgs: batchIds })}`);
          batch = [];
          batchIds = [];
        }
      };
      for (const record of records) {
        if (record.kind === 'msg') {
          batchUser = record.user;
          // Joined into the frame as they are: the socket worker escapes them (frameText.ts).
          const text = source.viewMessage(record.msg, batchUser, device, record.fresh);
          if (text !== undefined) {
            batch.push(text);
            batchIds.push(record.msg);
          }
        } else {
          flushBatch();
          this.emit(device, record.event);
        }
      }
      flushBatch();
    }
    this.flushRecords = [];
  }

  /** After commit: push what the flush produced; conversation snapshots follow shortly. */
  deliver(): void {
    const pending = this.pending;
    this.pending = [];
    for (const { device, frame } of pending) {
      this.sinks.get(device)?.pushFrame(frame);
    }
    if (this.flushTouches.length > 0) {
      for (const touch of this.flushTouches) {
        this.convTouches.push(touch);
      }
      this.flushTouches = [];
      if (this.convTimer === undefined) {
        this.convTimer = setTimeout(() => this.publishConversations(), this.snapshotDelayMs());
      }
    }
  }

  /**
   * Conversation events and the total unread count, as snapshots of committed state (seq 0: never
   * stored or replayed; a reconnecting client reads the current state instead). Computed outside the
   * group transaction and at most every CONV_SNAPSHOT_DELAY_MS per burst, since a busy conversation
   * would otherwise be re-read for every commit. The touched users are published in slices of about
   * PUBLISH_SLICE_MS: a burst touches hundreds of conversations, and reading them all in one go held
   * up every answer behind it (5-15 ms, the p99 of bench/emulator).
   */
  publishConversations(): void {
    this.convTimer = undefined;
    for (const touch of this.convTouches) {
      let convs = this.unpublished.get(touch.user);
      if (convs === undefined) {
        convs = new Map();
        this.unpublished.set(touch.user, convs);
      }
      const key = `${touch.convType}\n${touch.convId}`;
      const previous = convs.get(key);
      convs.set(key, previous === undefined ? touch : { ...touch, added: previous.added || touch.added });
    }
    this.convTouches = [];
    if (this.sliceScheduled === undefined) {
      this.publishSlice();
    } else {
      // A batch still being published in slices takes these touches along. Under a steady flood it
      // never runs dry, so its cost so far counts as a finished batch's: otherwise the cost that sets
      // the next delay was never recorded and snapshots ran at the shortest delay without end (in
      // bench/emulator/corePerSend.ts one user's snapshot per 7.5 sends, now one per 17).
      this.finishBatchCost();
    }
  }

  /** Records what publishing cost since the last record (the next delays follow it, decaying). */
  private finishBatchCost(): void {
    // Decays over a few batches: a small batch right after a big one does not mean the flood is over.
    this.lastBatchCostMs = Math.max(this.batchCostMs, this.lastBatchCostMs * BATCH_COST_DECAY);
    this.batchCostMs = 0;
  }

  /**
   * How long touched conversations wait to be published: CONV_SNAPSHOT_DELAY_MS, or longer when the
   * last batch took long to publish, so that snapshots take at most about 1/SNAPSHOT_COST_SHARE of the
   * event loop. Under a flood of sends each user's conversations are then read and pushed once per
   * longer window instead of after nearly every message (they were a tenth of the server's CPU).
   */
  private snapshotDelayMs(): number {
    // A batch still in slices counts with what it has cost so far.
    const cost = Math.max(this.lastBatchCostMs, this.batchCostMs);
    return Math.min(MAX_SNAPSHOT_DELAY_MS, Math.max(CONV_SNAPSHOT_DELAY_MS, cost * SNAPSHOT_COST_SHARE));
  }

  private publishSlice(): void {
    this.sliceScheduled = undefined;
    const source = this.source;
    if (source === undefined) {
      this.unpublished.clear();
      return;
    }
    const start = performance.now();
    const deadline = start + PUBLISH_SLICE_MS;
    let now = start;
    for (const [user, convs] of this.unpublished) {
      this.unpublished.delete(user);
      this.publishUser(source, user, convs.values());
      now = performance.now();
      if (now >= deadline) {
        break;
      }
    }
    this.batchCostMs += now - start;
    if (this.unpublished.size > 0) {
      this.sliceScheduled = setImmediate(() => this.publishSlice());
    } else {
      this.finishBatchCost();
    }
  }

  private publishUser(source: EventSource, user: string, convs: Iterable<ConvTouch>): void {
    const devices = this.devicesOf(user);
    const total = source.totalUnread(user);
    const totalChanged = this.lastTotals.get(user) !== total;
    this.lastTotals.set(user, total);
    if (devices.size === 0) {
      return;
    }
    const added: unknown[] = [];
    const updated: unknown[] = [];
    const deleted: unknown[] = [];
    for (const touch of convs) {
      const info = source.viewConversation(user, touch.convType, touch.convId);
      if (info === undefined) {
        deleted.push({ conv_id: touch.convId, conv_type: touch.convType });
      } else {
        (touch.added ? added : updated).push(info);
      }
    }
    const snapshots: OutFrame[] = [];
    if (added.length > 0) {
      snapshots.push(convEventFrame(0, stringifyFast(added)));
    }
    if (deleted.length > 0) {
      snapshots.push(convEventFrame(1, stringifyFast(deleted)));
    }
    if (updated.length > 0) {
      snapshots.push(convEventFrame(2, stringifyFast(updated)));
    }
    if (totalChanged) {
      snapshots.push(connectionEventText({ name: 'ConvTotalUnreadMessageCountChanged', total }));
    }
    for (const device of devices) {
      const sink = this.sinks.get(device);
      for (const frame of snapshots) {
        sink?.pushFrame(frame);
      }
    }
  }

  /** Stops the snapshot timer (shutdown). */
  stop(): void {
    if (this.convTimer !== undefined) {
      clearTimeout(this.convTimer);
      this.convTimer = undefined;
    }
    if (this.sliceScheduled !== undefined) {
      clearImmediate(this.sliceScheduled);
      this.sliceScheduled = undefined;
    }
  }

  /** The transaction failed: nothing it produced may be pushed; the seq counters are reloaded. */
  discard(): void {
    this.pending = [];
    this.flushRecords = [];
    this.flushTouches = [];
    // Counters are read again from what the rollback left (dirtySeqs stays: persistSeq reads them).
    this.seqs.clear();
  }

  /**
   * The frame to replay for a stored event: stored frames as they are, message references rebuilt from
   * the messages as `device` sees them now (rows no longer stored are left out).
   */
  replayFrame(device: number, seq: number, stored: string): OutFrame | undefined {
    if (!stored.startsWith(MESSAGE_REFERENCE)) {
      return stored;
    }
    const source = this.source;
    const { user, msgs } = JSON.parse(stored.slice(MESSAGE_REFERENCE.length)) as { user: string; msgs: number[] };
    const views = msgs.map((id) => source?.viewMessage(id, user, device, false)).filter((view) => view !== undefined);
    return views.length === 0 ? undefined : recvNewMsgFrame(seq, views);
  }

  /** Numbers the event for `device`, stores it (or `stored`, a shorter form replayFrame expands) and queues the frame. */
  private emit(device: number, event: TimEvent, stored?: string): void {
    this.emitFrame(device, (seq) => JSON.stringify({ type: 'event', seq, event }), stored);
  }

  /** emit() with the frame `frameOf` writes for the seq it gets. */
  private emitFrame(device: number, frameOf: (seq: number) => OutFrame, stored?: string): void {
    const seq = this.currentSeq(device) + 1;
    this.seqs.set(device, seq);
    this.dirtySeqs.add(device);
    const frame = frameOf(seq);
    this.insertEvent.run(device, seq, stored ?? frameText(frame));
    this.pending.push({ device, frame });
  }
}

const EMPTY: ReadonlySet<number> = new Set();
/** Marks a stored RecvNewMsg reference (stored frames are JSON objects and start with '{'). */
const MESSAGE_REFERENCE = 'msgs:';
/** How long conversation snapshots wait to coalesce a burst of commits. */
const CONV_SNAPSHOT_DELAY_MS = 15;
/**
 * The longest the snapshots of a busy server wait (see snapshotDelayMs): a conversation list a quarter
 * of a second behind during a flood of messages, while each message itself arrives at once.
 */
const MAX_SNAPSHOT_DELAY_MS = 250;
/** How much of the last batches' publishing cost the next delay still remembers. */
const BATCH_COST_DECAY = 0.7;
/**
 * The event loop has about this many times the snapshots' own cost for everything else. At 5 (with at
 * most 100 ms) they were 12-14% of the main thread's time under a flood of sends; at 20 (250 ms) the main
 * thread's CPU per send fell ~13% (bench/emulator, alternated runs; docs/emulator.md).
 */
const SNAPSHOT_COST_SHARE = 20;
/** How long one slice of conversation snapshots may hold the event loop. */
const PUBLISH_SLICE_MS = 2;

/** A ConvEvent snapshot (seq 0) of `json`, a conversation array: the socket worker escapes it (frameText.ts). */
function convEventFrame(event: 0 | 1 | 2, json: string): SplicedFrame {
  return new SplicedFrame(`{"type":"event","seq":0,"event":{"name":"ConvEvent","event":${event},"json":"`, json, '"}}');
}

/** A connection-scoped event (seq 0): never stored, never replayed. */
export function connectionEventText(event: TimEvent): string {
  // TimEvent fields are strings and numbers: plain JSON.stringify is exact.
  return JSON.stringify({ type: 'event', seq: 0, event });
}
