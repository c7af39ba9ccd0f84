/**
 * A download's byte counts as VS Code progress reports: `increment`s that add up to 100 (VS Code sums
 * them, it has no "set to"), and a message like "3.2 MB of 10 MB (32%)". Pure, with the Translate
 * function passed in, so it is unit-tested in plain Node.
 */
import type { Translate } from '../chat/translate';

export interface ProgressStep {
  /** Percentage points gained since the previous step; never negative. */
  readonly increment: number;
  readonly message: string;
}

/** Sizes the way the chat panel shows them (src/webview/format.ts), with the same strings. */
export function formatBytes(bytes: number, t: Translate): string {
  // Literal calls, so scripts/l10nStrings.cjs finds every string.
  const units = [(n: string) => t('{0} B', n), (n: string) => t('{0} KB', n), (n: string) => t('{0} MB', n), (n: string) => t('{0} GB', n)];
  let value = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(Math.round(value)) : value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  return units[unit](shown);
}

export class ByteProgress {
  /** Percentage already handed to VS Code. */
  private reported = 0;
  private lastPercent = -1;

  constructor(private readonly t: Translate) {}

  /**
   * The step for a report of `current` of `total` bytes, or undefined when it would change nothing
   * visible: the engine may report every chunk, the notification needs at most one step per percent.
   */
  step(current: number, total: number): ProgressStep | undefined {
    const percent = total > 0 ? Math.min(100, Math.max(0, (100 * current) / total)) : 100;
    const whole = Math.floor(percent);
    if (whole === this.lastPercent) {
      return undefined;
    }
    this.lastPercent = whole;
    // A report below one already shown (a restarted transfer) cannot move the bar back.
    const increment = Math.max(0, percent - this.reported);
    this.reported = Math.max(this.reported, percent);
    return { increment, message: this.t('{0} of {1} ({2}%)', formatBytes(current, this.t), formatBytes(total, this.t), whole) };
  }
}
