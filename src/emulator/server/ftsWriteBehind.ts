/**
 * The full-text index (messages_fts) written once per group commit instead of inside each operation.
 *
 * Why: every operation runs in its own savepoint (commitQueue.ts), and FTS5 writes its pending terms out
 * as a new index segment at every SAVEPOINT and RELEASE. One segment per message, merged again and again,
 * tripled SQLite's cost per send (measured with bench/emulator: about 100 µs of CPU per message with
 * per-operation savepoints against about 50 µs with the rows written together). Rows queued here are
 * written at the end of the group transaction, outside any savepoint, in one segment.
 *
 * Readers of the index (search) call flushNow() first, so they see every message stored before them.
 * A failed operation's rows are dropped, as its savepoint drops its other writes; rows that operation had
 * flushed are queued again because its rollback also undid their insertion.
 */
import type { Database as Db, Statement } from 'better-sqlite3';

export class FtsWriteBehind {
  private readonly insert: Statement;
  private readonly remove: Statement;
  /** Rows of this group transaction, in order; those before `written` are in the index already. */
  private rows: Array<{ id: number; text: string }> = [];
  private written = 0;
  private opStart = 0;
  private writtenAtOpStart = 0;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO messages_fts(rowid, text) VALUES (?, ?)');
    this.remove = db.prepare('DELETE FROM messages_fts WHERE rowid = ?');
  }

  /** Indexes `text` for message row `id` at the end of the group transaction. */
  add(id: number, text: string): void {
    if (text.length > 0) {
      this.rows.push({ id, text });
    }
  }

  /** Removes message row `id` from the index now (after writing what is queued, which may include it). */
  delete(id: number): void {
    this.flushNow();
    this.remove.run(id);
  }

  /** Writes the queued rows now: for readers of the index inside the transaction. */
  flushNow(): void {
    for (; this.written < this.rows.length; this.written++) {
      const row = this.rows[this.written];
      if (row !== undefined) {
        this.insert.run(row.id, row.text);
      }
    }
  }

  beginOp(): void {
    this.opStart = this.rows.length;
    this.writtenAtOpStart = this.written;
  }

  endOp(ok: boolean): void {
    if (!ok) {
      this.rows.length = this.opStart;
      this.written = Math.min(this.writtenAtOpStart, this.opStart);
    }
  }

  /** Inside the group transaction, after the last operation. */
  commit(): void {
    this.flushNow();
    this.discard();
  }

  /** The group transaction rolled back, or has committed: nothing is queued any more. */
  discard(): void {
    this.rows = [];
    this.written = 0;
    this.opStart = 0;
    this.writtenAtOpStart = 0;
  }
}
