import * as assert from 'node:assert/strict';
import { PendingRequests, RequestTimeoutError } from '../../src/shared/pendingRequests';

describe('PendingRequests', () => {
  it('gives each request its own id and settles it once', async () => {
    const pending = new PendingRequests();
    const a = pending.create('a', 1000);
    const b = pending.create('b', 1000);
    assert.notEqual(a.id, b.id);
    assert.equal(pending.resolve(a.id, 'first'), true);
    assert.equal(pending.resolve(a.id, 'second'), false, 'a second answer is ignored');
    assert.equal(pending.reject(b.id, new Error('no')), true);
    assert.equal(await a.promise, 'first');
    await assert.rejects(b.promise, /no/);
    assert.equal(pending.size, 0);
  });

  it('rejects with a timeout error naming the method', async () => {
    const pending = new PendingRequests();
    const { promise } = pending.create('chat/history', 20);
    await assert.rejects(promise, (error: unknown) => error instanceof RequestTimeoutError && /chat\/history did not answer within 20 ms/.test(error.message));
    assert.equal(pending.size, 0);
  });

  it('ignores answers for unknown ids', () => {
    const pending = new PendingRequests();
    assert.equal(pending.resolve(42, 'x'), false);
  });

  it('rejects everything on rejectAll and leaks nothing', async () => {
    const pending = new PendingRequests();
    const promises = Array.from({ length: 100 }, (_, i) => pending.create(`m${i}`, 10_000).promise);
    pending.rejectAll(new Error('gone'));
    const results = await Promise.allSettled(promises);
    assert.ok(results.every((r) => r.status === 'rejected'));
    assert.equal(pending.size, 0);
  });
});
