/**
 * Run as a child process by ftsIndexer.test.ts: a core whose full-text worker is running, shut down the
 * way the server shuts down, with nothing else keeping the event loop alive. Prints "closed" once the
 * database is closed after FtsIndexer.stop(); a process that ended while it waited for the worker
 * prints nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmulator } from '../../../src/emulator/server/core';
import { c2cText } from './c2cText';

const dir = mkdtempSync(join(tmpdir(), 'tim-indexer-stop-'));
const core = openEmulator(dir, { durability: 'normal' });
void (async () => {
  core.emu.model.ensureUser('ann');
  core.emu.model.ensureUser('ben');
  await core.queue.enqueue(() => core.emu.delivery.deliver(c2cText('ann', 'ben', { msgId: 'stop-1', words: 'indexed before the stop' })), { atomic: true });
  // Starts the worker and waits for its pass.
  await core.emu.fts.whenCurrent();
  core.queue.close();
  await core.emu.fts.stop();
  core.db.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write('closed\n');
})();
