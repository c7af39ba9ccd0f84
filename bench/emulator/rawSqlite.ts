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

/**
 * The body column the emulator stores for one of the bench's C2C text sends (delivery.ts: the client's
 * message, the server's fields, the unique id as a bare 64-bit number, the conv id and status), about
 * 550 bytes. Until 2026-11-27 the ceiling stored a 110-byte body instead: its rows were smaller than
 * the stack's, which made the ceiling 14-18% faster than inserting the rows the stack inserts.
 */
export function storedBenchBody(text: string): string {
  const shared = JSON.stringify({
    message_elem_array: [{ elem_type: 0, text_elem_content: text }],
    message_client_time: 1795795796,
    message_priority: 1,
    message_platform: 0,
    message_sender_profile: { user_profile_identifier: 'bench0', user_profile_nick_name: '', user_profile_face_url: '' },
    message_conv_type: 1,
    message_sender: 'bench0',
    message_server_time: 1795795796,
    message_seq: 3,
    message_rand: 3150284786,
    message_msg_id: '1441156-1795795796-bench0x2',
    message_is_online_msg: false,
  });
  return `${shared.slice(0, -1)},"message_unique_id":7712884218002855841,"message_conv_id":"bench1","message_status":2}`;
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
    const body = storedBenchBody('benchmark message text 压测消息');
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
