/** A debouncer with injectable timers, so tests drive time by hand. */

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Calls `fn` with the latest value once `delayMs` pass without a new one; `flush` runs it now. */
export class Debouncer<T> {
  private handle: unknown;
  private hasValue = false;
  private value: T | undefined;

  constructor(
    private readonly fn: (value: T) => void,
    private readonly delayMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  get pending(): boolean {
    return this.hasValue;
  }

  schedule(value: T): void {
    this.value = value;
    this.hasValue = true;
    if (this.handle !== undefined) {
      this.timers.clearTimeout(this.handle);
    }
    this.handle = this.timers.setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    this.clearTimer();
    if (this.hasValue) {
      const value = this.value as T;
      this.hasValue = false;
      this.value = undefined;
      this.fn(value);
    }
  }

  cancel(): void {
    this.clearTimer();
    this.hasValue = false;
    this.value = undefined;
  }

  private clearTimer(): void {
    if (this.handle !== undefined) {
      this.timers.clearTimeout(this.handle);
      this.handle = undefined;
    }
  }
}
