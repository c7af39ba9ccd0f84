/**
 * "Report read": when the newest messages are on screen and the page has focus, tell the host once
 * things settle, and only again after something new arrived.
 */
import { Debouncer, realTimers, type Timers } from './debounce';

export const MARK_READ_DEBOUNCE_MS = 400;

export class ReadReporter {
  private readonly debouncer: Debouncer<void>;
  private unreported = false;

  constructor(
    private readonly report: () => void,
    delayMs = MARK_READ_DEBOUNCE_MS,
    timers: Timers = realTimers,
  ) {
    this.debouncer = new Debouncer(() => this.fire(), delayMs, timers);
  }

  /** Something arrived (or the panel opened with unread messages) that the user has not seen yet. */
  markUnseen(): void {
    this.unreported = true;
  }

  /** Call whenever visibility, focus or the scroll position changes. */
  update(newestVisible: boolean, hasFocus: boolean): void {
    if (this.unreported && newestVisible && hasFocus) {
      this.debouncer.schedule(undefined);
    } else {
      this.debouncer.cancel();
    }
  }

  private fire(): void {
    if (this.unreported) {
      this.unreported = false;
      this.report();
    }
  }
}
