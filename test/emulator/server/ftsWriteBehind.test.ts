/**
 * The full-text rows written once per group commit: what a search inside the commit sees, and what a
 * failed operation leaves behind. Runs the emulator core (its commit queue wired as the server wires it)
 * on a temporary database.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import type { CommitQueue } from '../../../src/emulator/server/commitQueue';
import { openEmulator } from '../../../src/emulator/server/core';
import type { FtsWriteBehind } from '../../../src/emulator/server/ftsWriteBehind';

describe('emulator full-text write-behind', () => {
  let dir: string;
  let db: Db;
  let queue: CommitQueue;
  let fts: FtsWriteBehind;
  const matches = (text: string): number[] =>
    (db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').all(`"${text}"`) as Array<{ rowid: number }>).map((r) => r.rowid);
  const segments = (): number => (db.prepare("SELECT count(*) AS n FROM messages_fts_data WHERE id > 10").get() as { n: number }).n;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tim-fts-'));
    const core = openEmulator(dir, { durability: 'normal' });
    ({ db, queue } = core);
    fts = core.emu.delivery.fts;
  });

  afterEach(() => {
    queue.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the rows of a whole group commit at its end, and a search in the commit sees earlier ones', async () => {
    const seenInside: number[][] = [];
    const ops = [
      queue.enqueue(() => fts.add(1, 'release notes ready')),
      queue.enqueue(() => fts.add(2, '请查看发布说明')),
      queue.enqueue(() => {
        assert.deepEqual(matches('release'), [], 'not in the index before flushNow');
        fts.flushNow();
        seenInside.push(matches('release'), matches('发布说明'));
      }),
      queue.enqueue(() => fts.add(3, 'more release talk')),
    ];
    await Promise.all(ops);
    assert.deepEqual(seenInside, [[1], [2]]);
    assert.deepEqual(matches('release'), [1, 3]);
  });

  it('drops a failed operation\'s rows and keeps the rows it had flushed for earlier operations', async () => {
    const results = await Promise.allSettled([
      queue.enqueue(() => fts.add(1, 'kept before')),
      queue.enqueue(() => {
        fts.add(2, 'dropped with its operation');
        fts.flushNow();
        throw new Error('this operation fails after writing');
      }),
      queue.enqueue(() => fts.add(3, 'kept after')),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(matches('kept'), [1, 3]);
    assert.deepEqual(matches('dropped'), []);
  });

  it('deletes a row queued in the same commit', async () => {
    await queue.enqueue(() => {
      fts.add(7, 'replaced text');
      fts.delete(7);
      fts.add(7, 'saved again');
    });
    assert.deepEqual(matches('replaced'), []);
    assert.deepEqual(matches('saved'), [7]);
  });

  it('writes one index segment per commit however many operations it holds', async () => {
    const before = segments();
    await Promise.all(Array.from({ length: 50 }, (_, i) => queue.enqueue(() => fts.add(100 + i, `message number ${i}`))));
    assert.equal(segments() - before, 1);
    assert.equal(matches('message number').length, 50);
  });
});
