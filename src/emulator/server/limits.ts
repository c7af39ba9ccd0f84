/**
 * The SDK's call-frequency limits (TIMMsgListDelete once a second, TIMMsgSetC2CReceiveMessageOpt five
 * times a second), per user and API, over a sliding window; breaking one is TIM's 7008.
 */
import { ApiError, Err } from './apiError';

export class RateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Records a call, or throws 7008 when `max` calls already happened in the last `windowMs`. */
  check(userId: string, api: string, max: number, windowMs: number): void {
    const key = `${userId}\n${api}`;
    const now = this.now();
    const recent = (this.calls.get(key) ?? []).filter((at) => now - at < windowMs);
    if (recent.length >= max) {
      this.calls.set(key, recent);
      throw new ApiError(Err.FREQUENCY_LIMIT, `${api}: at most ${max} call(s) per ${windowMs} ms`);
    }
    recent.push(now);
    this.calls.set(key, recent);
  }
}
