/**
 * Every user's blocklist (blocklist.ts; docs/emulator.md "Blocklist"): the `blocks` rows, and an index of
 * them in memory for the C2C send path, which asks on every send whether the receiver blocked the
 * sender (messages/send.ts sendTarget). The index is loaded once at startup and changed only here, by
 * the operations that change the rows; it follows their fate through rollbacks (indexUndoLog.ts).
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { IndexUndoLog } from './indexUndoLog';

/** A user's blocklist holds at most this many users (Tencent's documented limit; 30013 beyond). */
export const MAX_BLOCKLIST_ENTRIES = 1000;

export interface BlockRow {
  readonly blocked: string;
  /** Server seconds. */
  readonly add_time: number;
}

export class Blocklists extends IndexUndoLog {
  /**
   * Owner to the users they blocked. Nested sets rather than one set of joined keys: the send path's
   * lookup then builds no string, and with nobody blocking anyone it is one miss in an empty map.
   */
  private readonly index = new Map<string, Set<string>>();
  private readonly selectList: Statement;
  private readonly selectTopSeq: Statement;
  private readonly insertBlock: Statement;
  private readonly deleteBlock: Statement;

  constructor(db: Db) {
    super();
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
    this.recordUndo(() => this.indexDelete(owner, user));
  }

  /** Inside an operation: `owner` unblocks `user`; false when `user` was not blocked. */
  remove(owner: string, user: string): boolean {
    if (!this.blocks(owner, user)) {
      return false;
    }
    this.deleteBlock.run(owner, user);
    this.indexDelete(owner, user);
    this.recordUndo(() => this.indexAdd(owner, user));
    return true;
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
