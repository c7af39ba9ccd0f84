/**
 * Background WAL checkpoints (src/emulator/server/checkpointer.ts): while the server runs, committed
 * messages reach the database file itself without the server's connection checkpointing (SQLite would
 * not do that before the WAL reached 1,000 pages), and closing stops the worker and removes the WAL.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { TIMConvType } from '../../../src/tim/enums';
import { DB_FILE } from '../../../src/emulator/server/schema';
import { emulatorEnv, sleep, text, type TestEnv } from './harness';

describe('emulator background checkpoints', function () {
  this.timeout(20_000);
  let env: TestEnv;
  let copies: string;

  before(async () => {
    env = await emulatorEnv();
    copies = mkdtempSync(join(tmpdir(), 'tim-ckpt-copy-'));
  });

  after(async () => {
    await env?.close();
    rmSync(copies, { recursive: true, force: true });
  });

  /**
   * Messages readable from the database file alone, as a copy without its WAL shows them: 0 before the
   * schema itself got there, and 0 for a copy taken halfway through a checkpoint (the next one counts).
   */
  function messagesInDbFile(): number {
    const copy = join(copies, `${Date.now()}-${Math.random()}.db`);
    copyFileSync(join(env.dataDir ?? '', DB_FILE), copy);
    const db = new Database(copy, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    } catch {
      return 0;
    } finally {
      db.close();
    }
  }

  it('copies committed messages into the database file while the server runs', async () => {
    const alice = await env.device('alice');
    await env.device('bob');
    for (let i = 0; i < 20; i++) {
      await alice.client.msgSendMessage('bob', TIMConvType.C2C, text(`checkpoint me ${i}`));
    }
    assert.ok(existsSync(join(env.dataDir ?? '', `${DB_FILE}-wal`)), 'the server writes through a WAL');
    let inFile = 0;
    for (let waited = 0; waited < 5000 && inFile < 20; waited += 100) {
      await sleep(100);
      inFile = messagesInDbFile();
    }
    assert.equal(inFile, 20, 'the database file holds the 20 messages');
  });

  it('stops the worker on close and leaves no WAL behind', async () => {
    const dataDir = env.dataDir ?? '';
    await env.emulator?.close();
    assert.equal(existsSync(join(dataDir, `${DB_FILE}-wal`)), false);
  });
});
