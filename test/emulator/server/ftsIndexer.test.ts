/**
 * The full-text index kept by its worker thread (ftsIndexer.ts): only committed rows, once each, across
 * restarts, replaced texts, a replaced database, the old in-file index, and a failing index. Runs the
 * emulator core (its commit queue wired as the server wires it) on a temporary data directory.
 */
import * as assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type EmulatorCore, openEmulator } from '../../../src/emulator/server/core';
import { FTS_FILE } from '../../../src/emulator/server/ftsIndexer';
import { DB_FILE } from '../../../src/emulator/server/schema';
import { eventually } from '../../harness/timUser';
import { c2cText } from './c2cText';
import { closeCore } from './tempCore';

const ROOT = resolve(__dirname, '../../..');

describe('emulator full-text indexer (worker thread)', () => {
  let dir: string;
  let core: EmulatorCore;
  let warnings: string[];

  const open = (): EmulatorCore => {
    core = openEmulator(dir, { durability: 'normal', warn: (line) => warnings.push(line) });
    core.emu.model.ensureUser('ann');
    core.emu.model.ensureUser('ben');
    return core;
  };
  const matches = (text: string): number[] =>
    (core.db.prepare('SELECT rowid FROM fts.messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').all(`"${text}"`) as Array<{ rowid: number }>).map((r) => r.rowid);
  /** How far the worker says it got: the last message row indexed (stored with the index rows). */
  const messageMark = (): number =>
    (core.db.prepare("SELECT value FROM fts.fts_marks WHERE name = 'msg'").get() as { value: number } | undefined)?.value ?? 0;
  /** What an import or save over a stored message does to its search text. */
  const replaceText = (id: number, text: string): Promise<void> =>
    core.queue.enqueue(() => {
      core.db.prepare('UPDATE messages SET search_text = ? WHERE id = ?').run(text, id);
      core.emu.fts.textReplaced(id);
    });
  const dirtyRows = (): number => (core.db.prepare('SELECT count(*) AS n FROM fts_dirty').get() as { n: number }).n;
  let counter = 0;
  const send = (words: string): Promise<number> =>
    core.queue.enqueue(() => core.emu.delivery.deliver(c2cText('ann', 'ben', { msgId: `fts-${(counter += 1)}`, words })).id, { atomic: true });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tim-fts-'));
    warnings = [];
    open();
  });

  afterEach(async () => {
    closeCore(core);
    await core.emu.fts.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes committed messages after the commit, and whenCurrent waits for them (Chinese text included)', async () => {
    const first = await send('release notes ready');
    const second = await send('请查看发布说明');
    // The commit itself wrote no index row: the worker does (and starts only after a delay without a search).
    assert.deepEqual(matches('release'), []);
    await core.emu.fts.whenCurrent();
    assert.deepEqual(matches('release'), [first]);
    assert.deepEqual(matches('发布说明'), [second]);
    const third = await send('more release talk');
    await core.emu.fts.whenCurrent();
    assert.deepEqual(matches('release'), [first, third]);
    assert.deepEqual(warnings, []);
  });

  it('never indexes what a rolled-back operation stored', async () => {
    const results = await Promise.allSettled([
      send('kept before'),
      core.queue.enqueue(() => {
        core.emu.delivery.deliver(c2cText('ann', 'ben', { msgId: 'fts-dropped', words: 'dropped with its operation' }));
        throw new Error('this operation fails after writing');
      }),
      send('kept after'),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    await core.emu.fts.whenCurrent();
    const kept = results.flatMap((r) => (r.status === 'fulfilled' && typeof r.value === 'number' ? [r.value] : []));
    assert.deepEqual(matches('kept'), kept);
    assert.deepEqual(matches('dropped'), []);
  });

  it('catches up after a restart on what it had not indexed, from the mark it stored', async () => {
    const before = await send('written before the restart');
    // Closed before the worker ever ran (it starts 200 ms after the first commit without a search).
    closeCore(core);
    await core.emu.fts.stop();
    open();
    const after = await send('written after the restart');
    await core.emu.fts.whenCurrent();
    assert.deepEqual(matches('written'), [before, after]);
    assert.equal(messageMark(), after);
    // Another restart: the next pass starts after the mark.
    closeCore(core);
    await core.emu.fts.stop();
    open();
    const third = await send('third');
    assert.equal(messageMark(), after);
    await core.emu.fts.whenCurrent();
    assert.deepEqual(matches('written'), [before, after]);
    assert.deepEqual(matches('third'), [third]);
    assert.equal(messageMark(), third);
  });

  it('follows a replaced search text (import or save over a stored message)', async () => {
    const id = await send('first wording');
    await core.emu.fts.whenCurrent();
    await replaceText(id, 'second wording');
    await core.emu.fts.whenCurrent();
    assert.deepEqual(matches('first'), []);
    assert.deepEqual(matches('second'), [id]);
  });

  it('deletes the replaced-text rows it has applied; a restart then neither rebuilds the index nor misses the next one', async () => {
    const id = await send('first wording');
    const other = await send('other first');
    await core.emu.fts.whenCurrent();
    await replaceText(id, 'second wording');
    await replaceText(other, 'other second');
    await core.emu.fts.whenCurrent();
    // Deleted in a group commit after the pass reported its (durable) mark.
    await eventually(() => dirtyRows() === 0, 10_000, 'fts_dirty emptied');
    assert.deepEqual(matches('second'), [id, other]);
    closeCore(core);
    await core.emu.fts.stop();
    // A row only the index holds, which a rebuild from the messages (its marks looking newer than the
    // database, as with an empty fts_dirty judged by its largest row) would drop.
    const index = new Database(join(dir, FTS_FILE));
    index.prepare('INSERT INTO messages_fts(rowid, text) VALUES (?, ?)').run(999_999, 'sentinel kept unless rebuilt');
    index.close();
    open();
    // The worker starts (and checks its marks against the database) with fts_dirty still empty.
    await core.emu.fts.whenCurrent();
    assert.deepEqual(matches('sentinel'), [999_999]);
    await replaceText(id, 'third wording');
    await core.emu.fts.whenCurrent();
    assert.deepEqual(matches('third'), [id]);
    assert.deepEqual(matches('second'), [other]);
    await eventually(() => dirtyRows() === 0, 10_000, 'fts_dirty emptied after the restart');
  });

  it('starts again from nothing when its marks are beyond the database (an older copy was restored)', async () => {
    const id = await send('the only message');
    await core.emu.fts.whenCurrent();
    closeCore(core);
    await core.emu.fts.stop();
    const index = new Database(join(dir, FTS_FILE));
    index.prepare('INSERT INTO messages_fts(rowid, text) VALUES (?, ?)').run(900, 'a ghost from another database');
    index.prepare("UPDATE fts_marks SET value = 1000 WHERE name = 'msg'").run();
    index.close();
    open();
    await core.emu.fts.whenCurrent();
    assert.deepEqual(matches('ghost'), []);
    assert.deepEqual(matches('only message'), [id]);
  });

  it('rebuilds the index of a data directory that kept it in the main file (before 2026-11-26)', async () => {
    const id = await send('from the old version');
    closeCore(core);
    await core.emu.fts.stop();
    rmSync(join(dir, FTS_FILE), { force: true });
    const main = new Database(join(dir, DB_FILE));
    main.exec("CREATE VIRTUAL TABLE messages_fts USING fts5(text, tokenize='trigram', content='', contentless_delete=1)");
    main.prepare('INSERT INTO messages_fts(rowid, text) VALUES (?, ?)').run(id, 'from the old version');
    main.close();
    open();
    const left = core.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'messages_fts'").get() as { n: number };
    assert.equal(left.n, 0, 'the old table is dropped from the main file');
    await core.emu.fts.whenCurrent();
    assert.deepEqual(matches('old version'), [id]);
  });

  it('keeps the process alive until its worker has stopped, so a shutdown finishes', () => {
    // In a child process: there nothing but the worker is left while stop() waits (as in the server's
    // shutdown), and a worker that did not hold the process let it end before the database was closed.
    const child = spawnSync(process.execPath, ['-r', join(ROOT, 'scripts/ts-register.cjs'), join(__dirname, 'indexerStopChild.ts')], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, 'closed\n');
  });

  it('fails waiting searches with a clear error, and warns once, when the index cannot be written', async () => {
    await send('cannot be indexed');
    // A table of that name the worker cannot write (as a damaged index file would be).
    core.db.exec('DROP TABLE fts.messages_fts; CREATE TABLE fts.messages_fts(other TEXT)');
    await assert.rejects(core.emu.fts.whenCurrent(), /full-text index/);
    await assert.rejects(core.emu.fts.whenCurrent(), /full-text index/);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /tim-emulator: the full-text index/);
  });
});
