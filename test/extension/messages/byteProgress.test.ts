/** The download notification's steps: increments that add up to 100 once, one step per percent, sizes as the panel shows them. */
import * as assert from 'node:assert/strict';
import { englishOnly } from '../../../src/extension/chat/translate';
import { ByteProgress, formatBytes } from '../../../src/extension/messages/byteProgress';

const MB = 1024 * 1024;

describe('download progress steps', () => {
  it('formats sizes like the chat panel', () => {
    assert.equal(formatBytes(0, englishOnly), '0 B');
    assert.equal(formatBytes(1023, englishOnly), '1023 B');
    assert.equal(formatBytes(1536, englishOnly), '1.5 KB');
    assert.equal(formatBytes(3.2 * MB, englishOnly), '3.2 MB');
    assert.equal(formatBytes(10 * MB, englishOnly), '10 MB');
    assert.equal(formatBytes(5 * 1024 * MB, englishOnly), '5 GB');
    assert.equal(formatBytes(Number.NaN, englishOnly), '0 B');
  });

  it('reports percentage points gained, adding up to 100, with the bytes in the message', () => {
    const progress = new ByteProgress(englishOnly);
    const steps = [0.32, 0.5, 1].map((share) => progress.step(share * 10 * MB, 10 * MB));
    assert.deepEqual(steps.map((s) => s?.message), ['3.2 MB of 10 MB (32%)', '5 MB of 10 MB (50%)', '10 MB of 10 MB (100%)']);
    const total = steps.reduce((sum, s) => sum + (s?.increment ?? 0), 0);
    assert.ok(Math.abs(total - 100) < 1e-9, `increments add up to 100 (${total})`);
  });

  it('skips reports that change no whole percent, and never moves the bar back', () => {
    const progress = new ByteProgress(englishOnly);
    assert.ok(progress.step(10, 1000));
    assert.equal(progress.step(11, 1000), undefined, 'still 1%');
    assert.ok(progress.step(500, 1000));
    const back = progress.step(200, 1000);
    assert.equal(back?.increment, 0, 'a smaller report adds nothing');
    assert.equal(progress.step(1000, 1000)?.increment, 50);
    assert.equal(progress.step(1000, 1000), undefined, 'the final size after the last report is a no-op');
  });

  it('treats an empty file as complete', () => {
    assert.deepEqual(new ByteProgress(englishOnly).step(0, 0), { increment: 100, message: '0 B of 0 B (100%)' });
  });
});
