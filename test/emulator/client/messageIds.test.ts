/** Message ids in the SDK's form, unique per endpoint. */
import { strict as assert } from 'node:assert';
import { createMessageIdGenerator } from '../../../src/emulator/client/messageIds';

describe('createMessageIdGenerator', () => {
  it('produces <tinyid>-<client_time>-<rand> with a tinyid-like first part and the time in seconds', () => {
    const next = createMessageIdGenerator(() => 1_700_000_000_123, () => 7);
    assert.equal(next(), '144115188075855879-1700000000-7');
    assert.equal(next(), '144115188075855879-1700000000-8');
  });

  it('never repeats within one endpoint, and wraps rand within uint32', () => {
    const next = createMessageIdGenerator(() => 0, () => 2 ** 32 - 1);
    assert.equal(next(), '144115192370823167-0-4294967295');
    assert.equal(next(), '144115192370823167-0-0');
    const ids = new Set(Array.from({ length: 10_000 }, createMessageIdGenerator()));
    assert.equal(ids.size, 10_000);
  });

  it('differs between endpoints', () => {
    const a = createMessageIdGenerator()();
    const b = createMessageIdGenerator()();
    assert.notEqual(a, b);
    assert.match(a, /^\d{18}-\d{10}-\d{1,10}$/);
  });
});
