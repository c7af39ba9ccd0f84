/**
 * The ceiling: raw better-sqlite3 durable inserts of the emulator's own message rows (WAL,
 * synchronous=FULL, message row plus its full-text row), one per transaction and in batches.
 */
import type { Database as Db } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ftsTableSql } from '../../src/emulator/server/ftsIndexer';
import { type Durability, openDatabase } from '../../src/emulator/server/schema';

export interface InsertRate {
  readonly perSecond: number;
  readonly count: number;
}

/** The ceiling's rows: n message rows (with their full-text rows) in one transaction per call. */
export class CeilingRows {
  private next = 0;
  readonly insertBatch: (n: number) => void;

  constructor(db: Db) {
    const insert = db.prepare(
      `INSERT INTO messages(stream, seq, msg_id, sender, conv_type, server_time, rand, elem_type, status, local_device, no_unread, body, search_text)
       VALUES (?, ?, ?, ?, 1, ?, ?, 0, 2, 0, 0, ?, ?)`,
    );
    // The full-text row in the same transaction, in the table the emulator's indexer writes (in its own file).
    db.exec(ftsTableSql(''));
    const fts = db.prepare('INSERT INTO messages_fts(rowid, text) VALUES (?, ?)');
    const body = JSON.stringify({ message_elem_array: [{ elem_type: 0, text_elem_content: 'benchmark message text 压测消息' }], message_sender: 'u1' });
    this.insertBatch = db.transaction((n: number) => {
      for (const end = this.next + n; this.next < end; this.next++) {
        const i = this.next;
        const id = Number(insert.run(`c2c:u${i % 100}\nu${(i + 1) % 100}`, i, `m-${i}`, `u${i % 100}`, 1700000000 + i, i, body, 'benchmark message text 压测消息').lastInsertRowid);
        fts.run(id, 'benchmark message text 压测消息');
      }
    });
  }
}

/** A new database in a temporary directory, removed again once `use` has finished with it. */
export async function withTempDatabase<T>(prefix: string, durability: Durability, use: (db: Db) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = openDatabase(dir, durability);
  try {
    return await use(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function rawInsertRate(count: number, batch: number, durability: Durability = 'full'): Promise<InsertRate> {
  return withTempDatabase('tim-bench-raw-', durability, (db) => {
    const rows = new CeilingRows(db);
    const start = process.hrtime.bigint();
    for (let done = 0; done < count; done += batch) {
      rows.insertBatch(Math.min(batch, count - done));
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { perSecond: count / seconds, count };
  });
}
