/**
 * Group commit: every database operation is queued, and everything that arrived in the same turn of the
 * event loop runs in one transaction (up to MAX_OPERATIONS_PER_COMMIT of them), each operation inside its
 * own savepoint so one failure does not undo the others. Answers (and pushed events) leave only after the
 * transaction has committed.
 *
 * An operation enqueued as `atomic` runs without a savepoint: it promises to fail only with an ApiError
 * thrown before its first write (its checks come first) and otherwise to complete. A savepoint costs a
 * SAVEPOINT and a RELEASE statement plus a copy of every page the operation touches first into SQLite's
 * sub-journal, about 15 µs per message send, which is most of what the server does. Should an atomic
 * operation fail any other way (SQLite itself failing, a bug), it may have written half its change, so
 * the whole group transaction is rolled back and every operation in it fails, as when a commit fails.
 *
 * With durability 'full' the fsync runs off the event loop (syncOffThread, walSync.ts): the group
 * transaction commits under synchronous=NORMAL, the WAL is synced on the thread pool, and frames wait
 * for that sync in Connection.sendFrame. While a sync runs, a large batch of new operations waits for
 * it and then commits as one; a small batch commits at once (flushOrWaitForSync).
 */
import type { Database as Db } from 'better-sqlite3';
import { ApiError } from './apiError';
import type { EventHub } from './eventHub';
import type { WalSync } from './walSync';

interface Job {
  run(): unknown;
  readonly atomic: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Operations queued in one turn from which, while a WAL sync runs, they wait for it (flushOrWaitForSync). */
export const WAIT_FOR_SYNC_FROM = 16;

/**
 * The most operations one group transaction takes; the rest commit in the next turn of the event loop.
 * Why: under saturation, with every operation of a turn in one transaction, the server's calls moved in
 * a convoy. One batch of 350-750 sends committed for 9-18 ms while the main thread read nothing, then
 * all their answers left at once and the main thread slept (13-21% of the time) until the next batch
 * came back from the clients. In slices, the answers of one slice are written and the next calls are
 * read while the following slice commits: 100 clients with 8 sends in flight each got about a tenth
 * more sends per second through at this size (100 and 150 alike, 250 and 300 no better than none;
 * docs/emulator.md, Measured 2026-11-27 18:30). Small enough to break the convoy up, large enough that
 * a commit's fixed costs stay small.
 */
export const MAX_OPERATIONS_PER_COMMIT = 200;

export interface EnqueueOptions {
  /** Fails only with an ApiError before its first write: runs without a savepoint (see above). */
  readonly atomic?: boolean;
}

export class CommitQueue {
  private jobs: Job[] = [];
  private scheduled = false;
  private closed = false;
  private readonly savepoint: (fn: () => unknown) => unknown;
  private readonly transaction: (jobs: Job[]) => Array<{ ok: boolean; value: unknown }>;
  /** Run inside each group transaction, last (write-behind state such as stream seqs). */
  readonly beforeCommit: Array<() => void> = [];
  /** Told where each operation begins and ends (and whether its savepoint was kept). */
  readonly operationHooks: Array<{ beginOp(atomic: boolean): void; endOp(ok: boolean): void }> = [];
  /** Run when a group transaction failed and rolled back. */
  readonly onFailed: Array<() => void> = [];
  /** Run after each group transaction that committed (before its answers leave). */
  readonly afterCommit: Array<() => void> = [];
  /** Run by close(), last. */
  readonly onClose: Array<() => void> = [];
  /** Called at the end of each group transaction (caches of the commit are dropped). */
  onCommitted: (() => void) | undefined;
  /** Flushes so far and operations in them, for the benchmark. */
  flushes = 0;
  operations = 0;
  /** Set for durability 'full': group commits are synced off the event loop (walSync.ts). */
  private walSync: WalSync | undefined;

  constructor(
    private readonly db: Db,
    private readonly hub: EventHub,
  ) {
    this.savepoint = db.transaction((fn: () => unknown) => fn());
    this.transaction = db.transaction((jobs: Job[]) => {
      const outcomes: Array<{ ok: boolean; value: unknown }> = [];
      for (const job of jobs) {
        this.hub.beginOp();
        this.operationHooks.forEach((hooks) => hooks.beginOp(job.atomic));
        try {
          const value = job.atomic ? job.run() : this.savepoint(() => job.run());
          this.hub.endOp(true);
          this.operationHooks.forEach((hooks) => hooks.endOp(true));
          outcomes.push({ ok: true, value });
        } catch (error: unknown) {
          if (job.atomic && !(error instanceof ApiError)) {
            // Possibly half written and no savepoint to undo it: the whole transaction goes.
            throw error;
          }
          this.hub.endOp(false);
          this.operationHooks.forEach((hooks) => hooks.endOp(false));
          outcomes.push({ ok: false, value: error });
        }
      }
      this.hub.materialize();
      for (const hook of this.beforeCommit) {
        hook();
      }
      this.onCommitted?.();
      return outcomes;
    });
  }

  /**
   * Durability 'full' with the fsync off the event loop: group transactions commit under
   * synchronous=NORMAL and `walSync` then syncs the WAL; frames wait for it (whenDurable).
   */
  syncOffThread(walSync: WalSync): void {
    this.walSync = walSync;
  }

  /** True when every group commit so far is on disk. */
  get durable(): boolean {
    return this.walSync === undefined || this.walSync.durable;
  }

  /** Runs `fn` once every group commit so far is on disk (at once when they are, or without walSync). */
  whenDurable(fn: (error?: Error) => void): void {
    if (this.walSync === undefined) {
      fn();
    } else {
      this.walSync.whenDurable(fn);
    }
  }

  /** Runs `run` inside the next group transaction; resolves with its result after the commit. */
  enqueue<T>(run: () => T, options: EnqueueOptions = {}): Promise<T> {
    if (this.closed) {
      return Promise.reject(new Error('emulator is shutting down'));
    }
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ run, atomic: options.atomic === true, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // Decided at the end of the turn, when the turn's operations are all queued.
        setImmediate(() => this.flushOrWaitForSync());
      }
    });
  }

  /**
   * While a WAL sync runs, nothing committed now could be answered before the sync after it anyway: a
   * large batch waits for the running sync and commits then, as one larger transaction (commit,
   * full-text pass and event rows amortised over more operations) for the same answer time. A small one
   * commits at once: its commit is then done when the running sync ends, instead of starting only
   * then, which took about 1.5 ms off the FULL p99 at 1,000 msg/s (bench/emulator, docs/emulator.md);
   * under saturation batches are far larger than this and still wait.
   */
  private flushOrWaitForSync(): void {
    const walSync = this.walSync;
    if (walSync !== undefined && walSync.usable && walSync.syncing && this.jobs.length >= WAIT_FOR_SYNC_FROM) {
      walSync.whenDurable(() => setImmediate(() => this.commitSlice()));
    } else {
      this.commitSlice();
    }
  }

  /** Commits the first MAX_OPERATIONS_PER_COMMIT queued operations, and the rest in the next turn. */
  private commitSlice(): void {
    this.scheduled = false;
    const jobs = this.takeSlice();
    if (this.jobs.length > 0) {
      this.scheduled = true;
      // Not through flushOrWaitForSync: the sync this slice starts would hold the rest back for its
      // whole length, and they have waited their turn already.
      setImmediate(() => this.commitSlice());
    }
    this.commit(jobs);
  }

  /** Commits everything queued now, in slices (at shutdown). */
  flush(): void {
    while (this.jobs.length > 0) {
      this.commit(this.takeSlice());
    }
  }

  private takeSlice(): Job[] {
    if (this.jobs.length <= MAX_OPERATIONS_PER_COMMIT) {
      const jobs = this.jobs;
      this.jobs = [];
      return jobs;
    }
    return this.jobs.splice(0, MAX_OPERATIONS_PER_COMMIT);
  }

  /** Runs `jobs` in one group transaction, then answers them. */
  private commit(jobs: Job[]): void {
    if (jobs.length === 0) {
      return;
    }
    let outcomes: Array<{ ok: boolean; value: unknown }>;
    const walSync = this.walSync?.usable === true ? this.walSync : undefined;
    try {
      if (walSync !== undefined) {
        // exec, not a prepared statement: SQLite applies this pragma when it compiles it.
        this.db.exec('PRAGMA synchronous = NORMAL');
      }
      try {
        outcomes = this.transaction(jobs);
      } finally {
        if (walSync !== undefined) {
          // Writes outside the queue (and a connection after a failed sync) stay FULL.
          this.db.exec('PRAGMA synchronous = FULL');
        }
      }
      walSync?.committed();
    } catch (error: unknown) {
      this.onCommitted?.();
      for (const hook of this.onFailed) {
        hook();
      }
      this.hub.discard();
      for (const job of jobs) {
        job.reject(error);
      }
      return;
    }
    this.flushes += 1;
    this.operations += jobs.length;
    for (const hook of this.afterCommit) {
      hook();
    }
    this.hub.deliver();
    jobs.forEach((job, index) => {
      const outcome = outcomes[index];
      if (outcome !== undefined && outcome.ok) {
        job.resolve(outcome.value);
      } else {
        job.reject(outcome?.value);
      }
    });
  }

  close(): void {
    this.flush();
    this.closed = true;
    this.hub.persistAllSeqs();
    this.hub.stop();
    // The last commits synced here, before the caller closes the database.
    this.walSync?.close();
    for (const hook of this.onClose) {
      hook();
    }
  }
}
