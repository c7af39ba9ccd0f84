/**
 * Durability 'full' with the fsync off the event loop (walSync.ts): group transactions commit under
 * synchronous=NORMAL, the WAL is synced on the thread pool, and whatever waits for durability runs only
 * after a sync that began after the commits before it.
 */
import * as assert from 'node:assert/strict';
import { MAX_OPERATIONS_PER_COMMIT, WAIT_FOR_SYNC_FROM } from '../../../src/emulator/server/commitQueue';
import type { EmulatorCore } from '../../../src/emulator/server/core';
import { WalSync } from '../../../src/emulator/server/walSync';
import { TempCore } from './tempCore';

function putMeta(core: EmulatorCore, key: string): void {
  core.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run(key, '');
}

/**
 * A WAL sync that stays running until the test finishes it: how long a real fdatasync takes is up to
 * the disk, and these tests are about what the queue does meanwhile.
 */
class HeldSync {
  readonly usable = true;
  syncing = true;
  commits = 0;
  /** As a real WalSync does: a commit starts a sync when none runs. */
  syncOnCommit = false;
  private waiting: Array<(error?: Error) => void> = [];

  get durable(): boolean {
    return !this.syncing;
  }

  committed(): void {
    this.commits += 1;
    if (this.syncOnCommit) {
      this.syncing = true;
    }
  }

  whenDurable(fn: (error?: Error) => void): void {
    if (this.syncing) {
      this.waiting.push(fn);
    } else {
      fn();
    }
  }

  finish(): void {
    this.syncing = false;
    for (const fn of this.waiting.splice(0)) {
      fn();
    }
  }

  close(): void {
    this.finish();
  }
}

async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('emulator WAL sync off the event loop', () => {
  let temp: TempCore;
  let core: EmulatorCore;
  let walSync: WalSync;

  beforeEach(() => {
    temp = new TempCore('tim-walsync-', 'full');
    core = temp.core;
    const opened = WalSync.open(core.db.name);
    assert.ok(opened !== undefined, 'the WAL file exists once the database is open');
    walSync = opened;
    core.queue.syncOffThread(walSync);
  });

  afterEach(() => temp.close());

  it('commits under NORMAL, keeps FULL outside group transactions, and reports durability after the sync', async () => {
    let inside = -1;
    await core.queue.enqueue(() => {
      putMeta(core, 'test-a');
      inside = core.db.pragma('synchronous', { simple: true }) as number;
    });
    assert.equal(inside, 1, 'NORMAL inside the group transaction');
    assert.equal(core.db.pragma('synchronous', { simple: true }), 2, 'FULL again outside it');
    assert.equal(core.queue.durable, false, 'committed, not yet synced');
    await new Promise<void>((resolve) => core.queue.whenDurable(() => resolve()));
    assert.equal(core.queue.durable, true);
  });

  it('runs waiting callbacks in order, each after the commits before it are synced', async () => {
    const order: string[] = [];
    await core.queue.enqueue(() => putMeta(core, 'test-1'));
    core.queue.whenDurable(() => order.push('first'));
    await core.queue.enqueue(() => putMeta(core, 'test-2'));
    await new Promise<void>((resolve) =>
      core.queue.whenDurable(() => {
        order.push(`second, all synced: ${String(core.queue.durable)}`);
        resolve();
      }),
    );
    assert.deepEqual(order, ['first', 'second, all synced: true']);
    let ranAtOnce = false;
    core.queue.whenDurable(() => {
      ranAtOnce = true;
    });
    assert.equal(ranAtOnce, true, 'with nothing unsynced a callback runs at once');
  });

  it('syncs what is left and releases the waiting callbacks when the queue closes', async () => {
    await core.queue.enqueue(() => putMeta(core, 'test-last'));
    let released = false;
    core.queue.whenDurable(() => {
      released = true;
    });
    core.queue.close();
    assert.equal(released, true);
    assert.equal(core.queue.durable, true);
    // A restart: reopen() closes the database (closing the closed queue again does nothing more).
    core = temp.reopen();
    assert.deepEqual(core.db.prepare("SELECT key FROM meta WHERE key = 'test-last'").all(), [{ key: 'test-last' }]);
  });
});

describe('emulator group commits while a WAL sync runs', () => {
  let temp: TempCore;
  let core: EmulatorCore;
  let sync: HeldSync;

  beforeEach(() => {
    temp = new TempCore('tim-walsync-held-', 'full');
    core = temp.core;
    sync = new HeldSync();
    core.queue.syncOffThread(sync as unknown as WalSync);
  });

  afterEach(() => temp.close());

  it('commits a small batch at once, so it is done when the running sync ends', async () => {
    const outcome = await Promise.race([
      core.queue.enqueue(() => putMeta(core, 'test-small')).then(() => 'committed'),
      turns(20).then(() => 'still queued'),
    ]);
    assert.equal(outcome, 'committed');
    assert.equal(sync.commits, 1, 'its commit is handed to the WAL sync');
    assert.equal(core.queue.durable, false, 'and is not durable before the running sync ends');
  });

  it(`makes a batch of ${WAIT_FOR_SYNC_FROM} or more wait for the running sync, then commits it as one`, async () => {
    const flushesBefore = core.queue.flushes;
    const done = Array.from({ length: WAIT_FOR_SYNC_FROM }, (_, i) => core.queue.enqueue(() => putMeta(core, `test-batch-${i}`)));
    await turns(20);
    assert.equal(sync.commits, 0, 'nothing committed while the sync runs');
    sync.finish();
    await Promise.all(done);
    assert.equal(core.queue.flushes, flushesBefore + 1, 'one transaction');
    assert.equal(sync.commits, 1);
  });

  it(`commits the rest of a batch over ${MAX_OPERATIONS_PER_COMMIT} without waiting for the sync its first slice started`, async () => {
    sync.syncOnCommit = true;
    const flushesBefore = core.queue.flushes;
    const done = Array.from({ length: MAX_OPERATIONS_PER_COMMIT + 20 }, (_, i) => core.queue.enqueue(() => putMeta(core, `test-batch-${i}`)));
    await turns(20);
    assert.equal(sync.commits, 0, 'the batch waits for the sync that was running');
    sync.finish();
    await Promise.all(done);
    assert.equal(sync.syncing, true, 'the sync the first slice started is still running');
    assert.equal(core.queue.flushes, flushesBefore + 2, 'two transactions');
    assert.equal(sync.commits, 2);
  });
});
