/**
 * Every user's blocklist (blocklist.ts; docs/emulator.md "Blocklist"): the `blocks` rows, and an index of
 * them in memory for the C2C send path, which asks on every send whether the receiver blocked the
 * sender (messages/send.ts sendTarget). The index is loaded once at startup and changed only here, by
 * the operations that change the rows; it follows their fate: an operation whose savepoint rolled back
 * (endOp(false)) and a group transaction that rolled back (failed) undo what they changed in it, as
 * Delivery's caches forget what a rollback removed.
 */
import type { Database as Db, Statement } from 'better-sqlite3';

/** A user's blocklist holds at most this many users (Tencent's documented limit; 30013 beyond). */
export const MAX_BLOCKLIST_ENTRIES = 1000;

export interface BlockRow {
  readonly blocked: string;
  /** Server seconds. */
  readonly add_time: number;
}

/** One change to the index: undone by deleting what was added, or adding back what was deleted. */
interface IndexChange {
  readonly owner: string;
  readonly blocked: string;
  readonly added: boolean;
}

export class Blocklists {
  /**
   * Owner to the users they blocked. Nested sets rather than one set of joined keys: the send path's
   * lookup then builds no string, and with nobody blocking anyone it is one miss in an empty map.
   */
  private readonly index = new Map<string, Set<string>>();
  /** Changes of the group transaction in progress, in order. */
  private readonly changes: IndexChange[] = [];
  /** Where the running operation's changes begin in `changes`. */
  private opStart = 0;
  private readonly selectList: Statement;
  private readonly selectTopSeq: Statement;
  private readonly insertBlock: Statement;
  private readonly deleteBlock: Statement;

  constructor(db: Db) {
    this.selectList = db.prepare('SELECT blocked, add_time FROM blocks WHERE user_id = ? ORDER BY seq');
    this.selectTopSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM blocks WHERE user_id = ?').pluck();
    this.insertBlock = db.prepare('INSERT INTO blocks(user_id, blocked, add_time, seq) VALUES (?, ?, ?, ?)');
    this.deleteBlock = db.prepare('DELETE FROM blocks WHERE user_id = ? AND blocked = ?');
    for (const row of db.prepare('SELECT user_id, blocked FROM blocks').iterate() as IterableIterator<{ user_id: string; blocked: string }>) {
      this.indexAdd(row.user_id, row.blocked);
    }
  }

  /** Whether `owner` blocked `user`: the send path's check, from memory. */
  blocks(owner: string, user: string): boolean {
    return this.index.get(owner)?.has(user) === true;
  }

  /** How many users `owner` blocked. */
  countOf(owner: string): number {
    return this.index.get(owner)?.size ?? 0;
  }

  /** `owner`'s blocklist, oldest block first. */
  listOf(owner: string): BlockRow[] {
    return this.selectList.all(owner) as BlockRow[];
  }

  /** Inside an operation: `owner` blocks `user` (not blocked yet, checked by the caller) at `addTime`. */
  add(owner: string, user: string, addTime: number): void {
    const seq = (this.selectTopSeq.get(owner) as number) + 1;
    this.insertBlock.run(owner, user, addTime, seq);
    this.indexAdd(owner, user);
    this.changes.push({ owner, blocked: user, added: true });
  }

  /** Inside an operation: `owner` unblocks `user`; false when `user` was not blocked. */
  remove(owner: string, user: string): boolean {
    if (!this.blocks(owner, user)) {
      return false;
    }
    this.deleteBlock.run(owner, user);
    this.indexDelete(owner, user);
    this.changes.push({ owner, blocked: user, added: false });
    return true;
  }

  // CommitQueue operation hooks: an operation whose savepoint rolled back takes its changes with it.
  beginOp(): void {
    this.opStart = this.changes.length;
  }

  endOp(ok: boolean): void {
    if (!ok) {
      this.undoTo(this.opStart);
    }
  }

  /** The group transaction committed: its changes stand. */
  committed(): void {
    this.changes.length = 0;
    this.opStart = 0;
  }

  /** The group transaction rolled back: none of its changes happened. */
  failed(): void {
    this.undoTo(0);
    this.opStart = 0;
  }

  /** Undoes the changes from `start` on, newest first. */
  private undoTo(start: number): void {
    for (let i = this.changes.length - 1; i >= start; i--) {
      const change = this.changes[i] as IndexChange;
      if (change.added) {
        this.indexDelete(change.owner, change.blocked);
      } else {
        this.indexAdd(change.owner, change.blocked);
      }
    }
    this.changes.length = start;
  }

  private indexAdd(owner: string, user: string): void {
    let blocked = this.index.get(owner);
    if (blocked === undefined) {
      blocked = new Set();
      this.index.set(owner, blocked);
    }
    blocked.add(user);
  }

  private indexDelete(owner: string, user: string): void {
    const blocked = this.index.get(owner);
    if (blocked !== undefined && blocked.delete(user) && blocked.size === 0) {
      // Emptied lists go, so that with nobody blocking anyone the map is empty again.
      this.index.delete(owner);
    }
  }
}
