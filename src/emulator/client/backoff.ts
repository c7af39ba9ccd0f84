/**
 * The reconnect delay schedule of the emulator endpoint: exponential growth from `initialDelayMs`,
 * capped at `maxDelayMs`, with "equal jitter" (a random point in the upper half of the current step).
 *
 * Why jitter: when tim-emulator restarts, every client lost its socket at the same instant; without
 * jitter they would all reconnect (and replay their sessions) in the same millisecond on every step.
 * Why only the upper half: the delay still grows monotonically step over step, so a server that is
 * down for long is not hammered by unlucky small draws.
 */

export interface BackoffOptions {
  /** Delay ceiling of the first retry. */
  readonly initialDelayMs: number;
  /** No delay is ever longer than this. */
  readonly maxDelayMs: number;
}

export class Backoff {
  private attempt = 0;

  constructor(
    private readonly options: BackoffOptions,
    /** Uniform in [0, 1); injectable so tests can pin the jitter. */
    private readonly random: () => number = Math.random,
  ) {
    if (!(options.initialDelayMs > 0) || !(options.maxDelayMs >= options.initialDelayMs)) {
      throw new RangeError(
        `Backoff: need 0 < initialDelayMs <= maxDelayMs, got ${options.initialDelayMs} and ${options.maxDelayMs}`,
      );
    }
  }

  /** The delay before the next attempt; each call moves one step up the schedule. */
  next(): number {
    const ceiling = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** this.attempt);
    // Stop counting once capped so 2 ** attempt can never overflow to Infinity on a long outage.
    if (ceiling < this.options.maxDelayMs) {
      this.attempt++;
    }
    const half = ceiling / 2;
    return Math.round(half + this.random() * half);
  }

  /** Back to the first step; called once a connection has proved healthy (session restored). */
  reset(): void {
    this.attempt = 0;
  }
}
