/**
 * Hands pushed events to the endpoint's listeners exactly once and in order. Frames on one socket
 * arrive in the server's order; what can go wrong is a reconnect, after which the server replays from
 * the `lastEventSeq` the client announced and may repeat events the client already delivered. Anything
 * at or below the last delivered `seq` is therefore a repeat (or a late straggler, which would break
 * the order) and is dropped. Events with `seq` 0 are connection-scoped, never replayed, and always
 * delivered; so are the events the endpoint raises itself (connection status).
 */
import type { TimDisposable, TimEvent } from '../../tim/endpoint';

export type TimEventListener = (event: TimEvent) => void;

export class EventSequencer {
  private readonly listeners = new Set<TimEventListener>();
  private last = 0;
  private stopped = false;

  constructor(private readonly log: (line: string) => void) {}

  /** The highest `seq` delivered: what the client announces in `hello` to resume from. */
  get lastSeq(): number {
    return this.last;
  }

  /** Sets the resume position (a fresh login on a new device starts its own numbering). */
  resetTo(seq: number): void {
    this.last = seq;
  }

  subscribe(listener: TimEventListener): TimDisposable {
    // Each subscription gets its own wrapper, so subscribing the same function twice delivers twice and
    // each disposable removes only its own.
    const entry: TimEventListener = (event) => listener(event);
    this.listeners.add(entry);
    return { dispose: () => void this.listeners.delete(entry) };
  }

  /** A server event; false when it was dropped as a repeat. */
  accept(seq: number, event: TimEvent): boolean {
    if (seq !== 0) {
      if (seq <= this.last) {
        return false;
      }
      this.last = seq;
    }
    this.deliver(event);
    return true;
  }

  /** An event the endpoint raises itself. */
  emitLocal(event: TimEvent): void {
    this.deliver(event);
  }

  /** No more deliveries, ever (dispose). */
  stop(): void {
    this.stopped = true;
    this.listeners.clear();
  }

  private deliver(event: TimEvent): void {
    // A snapshot, so listeners added or removed by a listener take effect from the next event.
    for (const listener of [...this.listeners]) {
      if (this.stopped) {
        return;
      }
      try {
        listener(event);
      } catch (error: unknown) {
        // One faulty listener must not starve the others or break the socket's message loop.
        this.log(`emulator endpoint: ${event.name} listener threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    }
  }
}
