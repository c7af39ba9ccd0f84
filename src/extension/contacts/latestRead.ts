/**
 * Reads of one list where only the latest started may land: an answer overtaken by a later read is
 * dropped (the later one knows more). Awaiting any read waits until the latest has landed, so a command
 * that changed the list and awaits its read sees the list as it is now, even when an event's read
 * started after the command's own.
 */
export class LatestRead {
  private started = 0;
  private newest: Promise<void> = Promise.resolve();

  /** Runs `read`, which must apply its answer only while `isLatest()` holds. */
  run(read: (isLatest: () => boolean) => Promise<void>): Promise<void> {
    const id = ++this.started;
    const done = read(() => id === this.started);
    this.newest = done;
    return this.landed(done);
  }

  private async landed(done: Promise<void>): Promise<void> {
    await done;
    while (this.newest !== done) {
      done = this.newest;
      await done;
    }
  }
}
