/**
 * Durable group commits without blocking the event loop on fsync.
 *
 * With synchronous=FULL SQLite fsyncs the WAL inside every COMMIT, and better-sqlite3 runs that on the
 * event loop: under load about a quarter of the server's wall time was spent waiting for the disk,
 * during which no frame was read, no answer written and no next batch prepared. Instead, the commit
 * queue runs its group transactions with synchronous=NORMAL (the commit writes the WAL frames but does
 * not fsync them) and this class then fdatasyncs the WAL file on libuv's thread pool. While that sync
 * runs, the event loop prepares and commits the next batches; one sync covers every commit written
 * before it started (fdatasync flushes the whole file), so under load a sync serves several batches.
 *
 * The guarantee of FULL is kept by never letting a frame leave before the commits it may reflect are on
 * disk: Connection.sendFrame holds its frames back while a commit is not yet synced (whenDurable), so
 * an answer, an event or a snapshot reaches a client only once every commit before it survives a power
 * loss, as with FULL. Writes outside the commit queue still run under FULL. SQLite keeps the database
 * consistent under NORMAL by itself (WAL frames are checksummed, the WAL header is synced at every WAL
 * restart, checkpoints sync before and after copying); the extra fdatasync only adds durability.
 *
 * A failed fdatasync cannot be retried meaningfully (Linux may drop the failed pages): the connection
 * goes back to synchronous=FULL for good and the callbacks waiting for that sync get the error.
 */
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';

export class WalSync {
  /** Commits written so far (a counter), and how many of them a finished sync covers. */
  private written = 0;
  private synced = 0;
  private inFlight = false;
  private waiting: Array<{ upTo: number; fn: (error?: Error) => void }> = [];
  private failed: Error | undefined;

  private constructor(private fd: number | undefined) {}

  /** Opens the WAL file of the database at `dbFile`; undefined when it cannot (the caller keeps FULL). */
  static open(dbFile: string): WalSync | undefined {
    try {
      return new WalSync(openSync(`${dbFile}-wal`, 'r+'));
    } catch {
      return undefined;
    }
  }

  /** True until a sync failed: group commits may then run without their own fsync. */
  get usable(): boolean {
    return this.failed === undefined && this.fd !== undefined;
  }

  /** A group transaction just committed under synchronous=NORMAL: its frames are to be synced. */
  committed(): void {
    this.written += 1;
    if (!this.inFlight) {
      this.startSync();
    }
  }

  /** True while a sync runs on the thread pool. */
  get syncing(): boolean {
    return this.inFlight;
  }

  /** True when every commit so far is on disk. */
  get durable(): boolean {
    return this.synced === this.written;
  }

  /** Runs `fn` once every commit written so far is on disk (now, when they are already). */
  whenDurable(fn: (error?: Error) => void): void {
    if (this.synced === this.written) {
      fn();
      return;
    }
    this.waiting.push({ upTo: this.written, fn });
  }

  /** Syncs whatever is unsynced now, on this thread (shutdown), and closes the file. */
  close(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd === undefined) {
      return;
    }
    let error: Error | undefined;
    if (this.synced !== this.written && this.failed === undefined) {
      try {
        fdatasyncSync(fd);
      } catch (caught: unknown) {
        error = caught instanceof Error ? caught : new Error(String(caught));
      }
    }
    // A sync still running on the thread pool finishes on a closed descriptor (EBADF), harmlessly:
    // the one above already covered what it was syncing.
    closeSync(fd);
    this.synced = this.written;
    this.release(error);
  }

  private startSync(): void {
    const fd = this.fd;
    if (fd === undefined) {
      return;
    }
    this.inFlight = true;
    const upTo = this.written;
    fdatasync(fd, (error) => {
      this.inFlight = false;
      if (this.fd === undefined) {
        return; // closed meanwhile: close() synced and released everything
      }
      if (error !== null) {
        this.failed ??= error;
        this.synced = this.written;
        this.release(error);
        return;
      }
      this.synced = upTo;
      this.release(undefined);
      // A callback above may have committed and started the next sync already.
      if (!this.inFlight && this.written > this.synced) {
        this.startSync();
      }
    });
  }

  /** Runs the callbacks whose commits are now synced, in the order they asked. */
  private release(error: Error | undefined): void {
    if (this.waiting.length === 0) {
      return;
    }
    const ready = this.waiting.filter((entry) => entry.upTo <= this.synced);
    this.waiting = this.waiting.filter((entry) => entry.upTo > this.synced);
    for (const entry of ready) {
      entry.fn(error);
    }
  }
}
