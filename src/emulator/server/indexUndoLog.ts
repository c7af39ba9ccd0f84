/**
 * The rollback side of an in-memory index kept beside a table for a hot path (blocklistStore.ts for C2C
 * sends, groupMuteStore.ts for group sends). Such an index is loaded once at startup and changed only
 * by the operations that change its rows, so it must follow their fate: an operation whose savepoint
 * rolled back (endOp(false)) and a group transaction that rolled back (failed) undo what they changed
 * in it, as Delivery's caches forget what a rollback removed. core.ts wires these hooks to the
 * CommitQueue.
 */
export class IndexUndoLog {
  /** How to undo each index change of the group transaction in progress, in order. */
  private readonly undos: Array<() => void> = [];
  /** Where the running operation's changes begin in `undos`. */
  private opStart = 0;

  /** Inside an operation, after changing the index: how to put it back should the change roll back. */
  protected recordUndo(undo: () => void): void {
    this.undos.push(undo);
  }

  // CommitQueue operation hooks: an operation whose savepoint rolled back takes its changes with it.
  beginOp(): void {
    this.opStart = this.undos.length;
  }

  endOp(ok: boolean): void {
    if (!ok) {
      this.undoTo(this.opStart);
    }
  }

  /** The group transaction committed: its changes stand. */
  committed(): void {
    this.undos.length = 0;
    this.opStart = 0;
  }

  /** The group transaction rolled back: none of its changes happened. */
  failed(): void {
    this.undoTo(0);
    this.opStart = 0;
  }

  /** Undoes the changes from `start` on, newest first. */
  private undoTo(start: number): void {
    for (let i = this.undos.length - 1; i >= start; i--) {
      (this.undos[i] as () => void)();
    }
    this.undos.length = start;
  }
}
