/**
 * The ceiling: raw better-sqlite3 durable inserts of the emulator's own message rows (WAL,
 * synchronous=FULL, message row plus its full-text row), one per transaction and in batches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/emulator/server/schema';

export interface InsertRate {
  readonly perSecond: number;
  readonly count: number;
}

export function rawInsertRate(count: number, batch: number, durability: 'full' | 'normal' = 'full'): InsertRate {
  const dir = mkdtempSync(join(tmpdir(), 'tim-bench-raw-'));
  const db = openDatabase(dir, durability);
  try {
    const insert = db.prepare(
      `INSERT INTO messages(stream, seq, msg_id, sender, conv_type, server_time, rand, elem_type, status, local_device, no_unread, body, search_text)
       VALUES (?, ?, ?, ?, 1, ?, ?, 0, 2, 0, 0, ?, ?)`,
    );
    const fts = db.prepare('INSERT INTO messages_fts(rowid, text) VALUES (?, ?)');
    const body = JSON.stringify({ message_elem_array: [{ elem_type: 0, text_elem_content: 'benchmark message text 压测消息' }], message_sender: 'u1' });
    const many = db.transaction((from: number, n: number) => {
      for (let i = from; i < from + n; i++) {
        const id = Number(insert.run(`c2c:u${i % 100}\nu${(i + 1) % 100}`, i, `m-${i}`, `u${i % 100}`, 1700000000 + i, i, body, 'benchmark message text 压测消息').lastInsertRowid);
        fts.run(id, 'benchmark message text 压测消息');
      }
    });
    const start = process.hrtime.bigint();
    for (let done = 0; done < count; done += batch) {
      many(done, Math.min(batch, count - done));
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { perSecond: count / seconds, count };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
