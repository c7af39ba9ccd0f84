/** The reconnect delay schedule: growth, cap, jitter bounds, reset. */
import { strict as assert } from 'node:assert';
import { Backoff } from '../../../src/emulator/client/backoff';

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap, within the upper half of each step', () => {
    const low = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000 }, () => 0);
    const high = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000 }, () => 0.999999);
    const lows = Array.from({ length: 7 }, () => low.next());
    const highs = Array.from({ length: 7 }, () => high.next());
    assert.deepEqual(lows, [50, 100, 200, 400, 500, 500, 500]);
    assert.deepEqual(highs, [100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('spreads delays between clients (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => new Backoff({ initialDelayMs: 1000, maxDelayMs: 8000 }).next()));
    assert.ok(delays.size > 10, `only ${delays.size} distinct first delays`);
    for (const delay of delays) {
      assert.ok(delay >= 500 && delay <= 1000);
    }
  });

  it('never overflows on a long outage and starts over after reset()', () => {
    const backoff = new Backoff({ initialDelayMs: 1, maxDelayMs: 30_000 }, () => 1);
    for (let i = 0; i < 5000; i++) {
      assert.ok(Number.isFinite(backoff.next()));
    }
    assert.equal(backoff.next(), 30_000);
    backoff.reset();
    assert.equal(backoff.next(), 1);
  });

  it('refuses a nonsensical schedule', () => {
    assert.throws(() => new Backoff({ initialDelayMs: 0, maxDelayMs: 10 }), RangeError);
    assert.throws(() => new Backoff({ initialDelayMs: 100, maxDelayMs: 10 }), RangeError);
  });
});
