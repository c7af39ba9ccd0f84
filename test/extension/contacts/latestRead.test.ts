import * as assert from 'node:assert/strict';
import { LatestRead } from '../../../src/extension/contacts/latestRead';

/** A promise and its resolver, to decide the order answers arrive in. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('LatestRead', () => {
  it('lands only the latest read: an earlier answer arriving last is dropped', async () => {
    const reads = new LatestRead();
    const landed: string[] = [];
    const first = deferred();
    const second = deferred();
    const a = reads.run(async (isLatest) => {
      await first.promise;
      if (isLatest()) landed.push('first');
    });
    const b = reads.run(async (isLatest) => {
      await second.promise;
      if (isLatest()) landed.push('second');
    });
    second.resolve();
    await b;
    first.resolve();
    await a;
    assert.deepEqual(landed, ['second']);
  });

  it("makes a caller awaiting an overtaken read wait until the latest one landed", async () => {
    const reads = new LatestRead();
    const landed: string[] = [];
    const first = deferred();
    const second = deferred();
    const a = reads.run(async (isLatest) => {
      await first.promise;
      if (isLatest()) landed.push('first');
    });
    let aDone = false;
    void a.then(() => (aDone = true));
    const b = reads.run(async (isLatest) => {
      await second.promise;
      if (isLatest()) landed.push('second');
    });
    first.resolve();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(aDone, false, 'the command does not go on with the older list');
    second.resolve();
    await a;
    assert.deepEqual(landed, ['second']);
    await b;
  });

  it('runs one read alone as a plain read', async () => {
    const reads = new LatestRead();
    let landed = false;
    await reads.run(async (isLatest) => {
      landed = isLatest();
    });
    assert.equal(landed, true);
  });
});
