/**
 * The per-conversation counters a message send changes (active_time, hidden, unread), written once
 * per conversation per group commit instead of one UPDATE per participant per send.
 *
 * Why: every C2C send updated two convs rows (sender and receiver), about as much SQLite work per send
 * as the message row itself; under load a conversation gets several messages per group commit, so the
 * updates fold into one per conversation.
 *
 * Only sends (CommitQueue `atomic` operations, which read none of these columns) are deferred. Any
 * other operation may read or overwrite them (delete a conversation, report read, list), and may fail
 * and be rolled back to its savepoint: before it starts, what is pending is written, and inside it
 * every change is written at once, as before. The rest is written at the end of the group transaction
 * (beforeCommit), or dropped with a transaction that rolled back.
 */
import type { Database as Db, Statement } from 'better-sqlite3';

interface Pending {
  readonly user: string;
  readonly convType: number;
  readonly convId: string;
  activeTime: number;
  unread: number;
}

export class ConvCounters {
  private readonly bump: Statement;
  private readonly pending = new Map<string, Pending>();
  /** True inside an atomic operation (a send): changes wait for the end of the transaction. */
  private deferring = false;

  constructor(db: Db) {
    this.bump = db.prepare(
      'UPDATE convs SET active_time = ?, hidden = 0, unread = unread + ? WHERE user_id = ? AND conv_type = ? AND conv_id = ?',
    );
  }

  /** A message arrived in the user's conversation: it is active at `activeTime`, shown, `unread` more unread. */
  add(user: string, convType: number, convId: string, activeTime: number, unread: number): void {
    if (!this.deferring) {
      this.bump.run(activeTime, unread, user, convType, convId);
      return;
    }
    const key = `${user}\n${convType}\n${convId}`;
    const entry = this.pending.get(key);
    if (entry === undefined) {
      this.pending.set(key, { user, convType, convId, activeTime, unread });
    } else {
      // As the UPDATEs in order would have left it: the last message's time, the unread counts summed.
      entry.activeTime = activeTime;
      entry.unread += unread;
    }
  }

  /** Writes what is pending (before another operation, and at the end of the group transaction). */
  flush(): void {
    if (this.pending.size === 0) {
      return;
    }
    for (const entry of this.pending.values()) {
      this.bump.run(entry.activeTime, entry.unread, entry.user, entry.convType, entry.convId);
    }
    this.pending.clear();
  }

  // CommitQueue operation hooks.
  beginOp(atomic: boolean): void {
    if (!atomic) {
      this.flush();
    }
    this.deferring = atomic;
  }

  endOp(): void {
    // An atomic operation fails only before its first write (or takes the transaction down with it).
    this.deferring = false;
  }

  /** The group transaction rolled back. */
  discard(): void {
    this.pending.clear();
    this.deferring = false;
  }
}
