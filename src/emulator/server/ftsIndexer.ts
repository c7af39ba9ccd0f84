/**
 * The full-text index (FTS5 trigram, for TIMMsgSearchLocalMessages) in a database file of its own,
 * written by a worker thread from the committed message rows, off the group commit.
 *
 * Why: written inside the group transaction, the index was about an eighth of the main thread's time per
 * message send (bench/emulator/corePerSend.ts: 1.83 ceiling rows per send with it, 1.59 without): its
 * insert, and the index segment FTS5 writes and merges at every commit. The main thread runs every call,
 * so that time capped the whole server's throughput.
 *
 * How it stays right:
 * - The worker reads what to index from the main database (messages.search_text), never from messages
 *   posted to it: only committed rows exist there, so a rolled-back send leaves nothing behind.
 * - Its progress is two marks stored in the index file, in the same transaction as the index rows they
 *   cover: the last message row indexed, and the last row of fts_dirty (messages whose text an import or
 *   save replaced) applied. A killed server resumes from the marks; nothing is indexed twice or skipped.
 *   Message rows are never deleted, so row ids only grow.
 * - fts_dirty rows the index has applied are deleted, so the table does not grow with every import and
 *   save. Only once the index has them durably: a pass that moves the dirty mark commits with
 *   synchronous=FULL (the index file is otherwise NORMAL, whose last commits a power cut may undo), so no
 *   older mark can come back that would need a deleted row. How far fts_dirty goes is read from its
 *   AUTOINCREMENT counter, not its largest row, which the deletes lower.
 * - It indexes only what the main thread says is durable (a pass's limits are taken after the commit's
 *   fsync): after a power cut, a row the index knew about cannot come back as another message.
 * - A search first waits for a pass that started after it was called, so it finds every message whose
 *   send was acknowledged before it.
 * - Marks beyond the main database (it was replaced by an older copy) start the index again from nothing.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The index's file, beside the main database. */
export const FTS_FILE = 'tim-emulator-fts.db';

/** The index table in schema `prefix` ('fts.' or ''): also what the ceiling of bench/emulator writes. */
export function ftsTableSql(prefix: string): string {
  return `CREATE VIRTUAL TABLE IF NOT EXISTS ${prefix}messages_fts USING fts5(text, tokenize='trigram', content='', contentless_delete=1)`;
}

/**
 * How far the main database goes (schema `prefix`: 'src.' in the worker, '' on the main thread): the
 * newest message row and fts_dirty row. Pass limits are taken with it, and marks beyond it mean the
 * database was replaced by an older copy, so both sides must read the same thing.
 */
function limitsSql(prefix: string): string {
  return `SELECT (SELECT coalesce(max(id), 0) FROM ${prefix}messages) AS msg, (SELECT coalesce(max(seq), 0) FROM ${prefix}sqlite_sequence WHERE name = 'fts_dirty') AS dirty`;
}

/** The index file's tables: the index and the marks of how far it got. */
function indexSchema(prefix: string): string {
  return `${ftsTableSql(prefix)};
CREATE TABLE IF NOT EXISTS ${prefix}fts_marks(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;`;
}

/** Without a search waiting, the worker starts this long after the first commit (tests open many short-lived emulators). */
const START_DELAY_MS = 200;
/**
 * Passes that commits ask for (not searches) run at most this often: a pass indexes everything durable
 * so far in one transaction, and FTS5 costs about 10 µs of CPU per row written in transactions of 50
 * rows against 4.5 µs in transactions of 2,000 (its segment writes and merges). At 1,000 messages a
 * second a group commit holds about two.
 */
const PASS_INTERVAL_MS = 100;

// Plain JavaScript so it runs the same from the esbuild bundle and from the TypeScript sources (as
// checkpointer.ts). Each request carries the limits of one pass; the worker answers when it has indexed
// up to them, in transactions of at most BATCH rows, yielding between them so a stop is not held up by
// a long catch-up.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const BATCH = 2000;
let db;
let steps;
let markOf;
try {
  db = new Database(workerData.indexFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(workerData.schema);
  db.prepare('ATTACH DATABASE ? AS src').run(workerData.mainFile);
  markOf = db.prepare('SELECT value FROM fts_marks WHERE name = ?').pluck();
  const setMark = db.prepare('INSERT INTO fts_marks(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value');
  const newRows = db.prepare('SELECT id, search_text FROM src.messages WHERE id > ? AND id <= ? ORDER BY id LIMIT ' + BATCH);
  const dirtyRows = db.prepare('SELECT d.id, d.msg, m.search_text FROM src.fts_dirty d LEFT JOIN src.messages m ON m.id = d.msg WHERE d.id > ? AND d.id <= ? ORDER BY d.id LIMIT ' + BATCH);
  const insert = db.prepare('INSERT INTO messages_fts(rowid, text) VALUES (?, ?)');
  const remove = db.prepare('DELETE FROM messages_fts WHERE rowid = ?');
  const tops = db.prepare(workerData.limitsSql);
  db.transaction(() => {
    const top = tops.get();
    if ((markOf.get('msg') ?? 0) > top.msg || (markOf.get('dirty') ?? 0) > top.dirty) {
      db.exec("INSERT INTO messages_fts(messages_fts) VALUES ('delete-all'); DELETE FROM fts_marks;");
    }
  })();
  // One transaction of at most BATCH new rows and BATCH replaced texts; true while more remain.
  steps = db.transaction((limits) => {
    let msg = markOf.get('msg') ?? 0;
    let dirty = markOf.get('dirty') ?? 0;
    const rows = newRows.all(msg, limits.msg);
    for (const row of rows) {
      if (row.search_text.length > 0) insert.run(row.id, row.search_text);
      msg = row.id;
    }
    if (rows.length < BATCH) msg = Math.max(msg, limits.msg);
    const replaced = dirtyRows.all(dirty, limits.dirty);
    for (const row of replaced) {
      // A row beyond the message mark is indexed with its current text when the mark gets there.
      if (row.msg <= msg) {
        remove.run(row.msg);
        if (typeof row.search_text === 'string' && row.search_text.length > 0) insert.run(row.msg, row.search_text);
      }
      dirty = row.id;
    }
    if (replaced.length < BATCH) dirty = Math.max(dirty, limits.dirty);
    setMark.run('msg', msg);
    setMark.run('dirty', dirty);
    return rows.length === BATCH || replaced.length === BATCH;
  });
} catch (error) {
  parentPort.postMessage({ failed: String(error) });
}
let stopping = false;
let running = false;
let next;
const finish = () => {
  try { db?.close(); } catch {}
  parentPort.close();
};
// A pass that applies replaced texts commits with synchronous=FULL: the dirty mark it reports must be
// durable before the main thread deletes the fts_dirty rows below it.
const dirtyMark = () => {
  try {
    return markOf?.get('dirty') ?? 0;
  } catch {
    return 0;
  }
};
const run = (request) => {
  running = true;
  const durable = steps !== undefined && request.dirty > dirtyMark();
  if (durable) db.exec('PRAGMA synchronous = FULL');
  const loop = () => {
    let more = false;
    try {
      more = steps === undefined ? false : steps(request);
    } catch (error) {
      parentPort.postMessage({ pass: request.pass, error: String(error) });
      more = false;
      request = { ...request, reported: true };
    }
    if (more && !stopping) {
      setImmediate(loop);
      return;
    }
    if (durable) db.exec('PRAGMA synchronous = NORMAL');
    if (!request.reported) parentPort.postMessage({ pass: request.pass, error: steps === undefined ? 'the index did not open' : undefined, dirty: dirtyMark() });
    running = false;
    if (stopping) finish();
    else if (next !== undefined) { const queued = next; next = undefined; run(queued); }
  };
  loop();
};
parentPort.on('message', (message) => {
  if (message.stop) {
    stopping = true;
    if (!running) finish();
  } else if (running) {
    next = message;
  } else {
    run(message);
  }
});
`;

interface PassLimits {
  /** Message rows up to this id, and fts_dirty rows up to this id. */
  readonly msg: number;
  readonly dirty: number;
}

function covers(a: PassLimits | undefined, b: PassLimits): boolean {
  return a !== undefined && a.msg >= b.msg && a.dirty >= b.dirty;
}

function merged(a: PassLimits | undefined, b: PassLimits): PassLimits {
  return a === undefined ? b : { msg: Math.max(a.msg, b.msg), dirty: Math.max(a.dirty, b.dirty) };
}

interface Waiter {
  readonly limits: PassLimits;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class FtsIndexer {
  private worker: Worker | undefined;
  private startTimer: NodeJS.Timeout | undefined;
  private passes = 0;
  /** The pass the worker runs (one at a time), what finished passes covered, and what to ask for next. */
  private running: { readonly pass: number; readonly limits: PassLimits } | undefined;
  private done: PassLimits = { msg: 0, dirty: 0 };
  private wanted: PassLimits | undefined;
  private waiters: Waiter[] = [];
  private stopping: Promise<void> | undefined;
  private warned = false;
  private readonly tops: Statement;
  private readonly addDirty: Statement;
  private readonly deleteDirty: Statement;
  /** fts_dirty rows up to this id are deleted (or being deleted). */
  private pruned = 0;

  /**
   * Attaches the index file to `db` (as schema `fts`, which searches read) and creates what it needs.
   * `whenDurable` runs its callback once every commit so far is on disk (CommitQueue.whenDurable);
   * `write` runs a change in a group commit (CommitQueue.enqueue), resolving once it committed.
   */
  constructor(
    private readonly db: Db,
    private readonly whenDurable: (fn: (error?: Error) => void) => void,
    private readonly warn: (line: string) => void,
    private readonly write: (change: () => void) => Promise<void>,
  ) {
    db.prepare('ATTACH DATABASE ? AS fts').run(join(dirname(db.name), FTS_FILE));
    db.pragma('fts.journal_mode = WAL');
    db.exec(indexSchema('fts.'));
    this.tops = db.prepare(limitsSql(''));
    this.addDirty = db.prepare('INSERT INTO fts_dirty(msg) VALUES (?)');
    this.deleteDirty = db.prepare('DELETE FROM fts_dirty WHERE id <= ?');
  }

  /** Inside an operation: message row `id` has a new search text (the index follows after the commit). */
  textReplaced(id: number): void {
    this.addDirty.run(id);
  }

  /** After a group commit: what it stored gets indexed once it is durable. */
  committed(): void {
    const limits = this.limitsNow();
    this.whenDurable((error) => {
      if (error === undefined) {
        this.want(limits, false);
      }
    });
  }

  /** Resolves once every message committed before the call is in the index (searches wait for this). */
  whenCurrent(): Promise<void> {
    // The limits of now: the sync whenDurable waits for covers them (later commits may not be on disk yet).
    const limits = this.limitsNow();
    return new Promise((resolve, reject) => {
      this.whenDurable((error) => {
        if (error !== undefined || this.stopping !== undefined) {
          reject(error ?? new Error('the emulator is shutting down'));
        } else if (covers(this.done, limits)) {
          resolve();
        } else {
          this.waiters.push({ limits, resolve, reject });
          this.want(limits, true);
        }
      });
    });
  }

  /** Stops the worker after its current transaction (the index stays consistent; the next start resumes). */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      clearTimeout(this.startTimer);
      this.startTimer = undefined;
      const worker = this.worker;
      this.worker = undefined;
      this.failWaiters(new Error('the emulator is shutting down'));
      if (worker !== undefined) {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        // Held again until it has exited: unreferenced, the process could end first (nothing else keeps
        // the event loop alive during a shutdown), skipping whatever the caller does after this.
        worker.ref();
        worker.postMessage({ stop: true });
        await exited;
      }
    })();
    return this.stopping;
  }

  private limitsNow(): PassLimits {
    return this.tops.get() as PassLimits;
  }

  /** Asks for a pass up to `limits`: now, after the running pass, or (not urgent, no worker yet) shortly. */
  private want(limits: PassLimits, urgent: boolean): void {
    if (this.stopping !== undefined) {
      return;
    }
    if (!covers(this.done, limits) && !covers(this.running?.limits, limits)) {
      this.wanted = merged(this.wanted, limits);
    }
    if (this.wanted === undefined || this.running !== undefined) {
      return;
    }
    if (urgent || this.waiters.length > 0) {
      this.sendWanted();
    } else if (this.startTimer === undefined) {
      this.startTimer = setTimeout(() => this.sendWanted(), this.worker === undefined ? START_DELAY_MS : PASS_INTERVAL_MS);
      this.startTimer.unref();
    }
  }

  private sendWanted(): void {
    clearTimeout(this.startTimer);
    this.startTimer = undefined;
    const limits = this.wanted;
    if (limits === undefined || this.running !== undefined || this.stopping !== undefined) {
      return;
    }
    this.wanted = undefined;
    this.passes += 1;
    this.running = { pass: this.passes, limits };
    this.ensureWorker().postMessage({ pass: this.passes, msg: limits.msg, dirty: limits.dirty });
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) {
      return this.worker;
    }
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), indexFile: join(dirname(this.db.name), FTS_FILE), mainFile: this.db.name, schema: indexSchema(''), limitsSql: limitsSql('src.') },
    });
    worker.unref();
    worker.on('message', (message: { pass?: number; error?: string; failed?: string; dirty?: number }) => {
      if (message.failed !== undefined) {
        this.report(`the full-text index did not open: ${message.failed}`);
      } else if (message.pass !== undefined && message.pass === this.running?.pass) {
        this.passFinished(message.error);
        this.prune(message.dirty ?? 0);
      }
    });
    worker.on('error', (error) => this.report(`the full-text indexer failed: ${error.message}`));
    worker.on('exit', () => {
      if (this.worker === worker) {
        // Crashed: the next commit or search starts another; whoever waited on this one is told.
        this.worker = undefined;
        this.running = undefined;
        this.failWaiters(new Error('the full-text indexer stopped'));
      }
    });
    this.worker = worker;
    return worker;
  }

  private passFinished(error: string | undefined): void {
    const pass = this.running;
    this.running = undefined;
    const failure = error === undefined ? undefined : new Error(`the full-text index could not be updated: ${error}`);
    if (failure === undefined && pass !== undefined) {
      this.done = merged(this.done, pass.limits);
    } else if (failure !== undefined) {
      this.report(failure.message);
    }
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (covers(this.done, waiter.limits)) {
        waiter.resolve();
      } else if (failure !== undefined && covers(pass?.limits, waiter.limits)) {
        waiter.reject(failure);
      } else {
        this.waiters.push(waiter);
      }
    }
    if (this.wanted !== undefined) {
      this.want(this.wanted, false);
    }
  }

  /** Deletes the fts_dirty rows the index has durably applied (up to its dirty mark `upTo`). */
  private prune(upTo: number): void {
    if (upTo <= this.pruned || this.stopping !== undefined) {
      return;
    }
    const from = this.pruned;
    this.pruned = upTo;
    this.write(() => void this.deleteDirty.run(upTo)).catch(() => {
      // Left for the next pass to delete (the rows are harmless meanwhile: below the mark, never read).
      this.pruned = Math.min(this.pruned, from);
    });
  }

  private failWaiters(error: Error): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      waiter.reject(error);
    }
  }

  private report(line: string): void {
    if (!this.warned) {
      this.warned = true;
      this.warn(`tim-emulator: ${line}`);
    }
  }
}
