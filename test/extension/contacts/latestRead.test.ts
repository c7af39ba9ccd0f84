import * as assert from 'node:assert/strict';
import { LatestRead } from '../../../src/extension/contacts/latestRead';

/** A promise and its resolver, to decide the order answers arrive in. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Two reads started in order, each answered when its `answer` is called; `landed` names those applied. */
function twoReads(): { landed: string[]; first: ReturnType<typeof deferred>; second: ReturnType<typeof deferred>; a: Promise<void>; b: Promise<void> } {
  const reads = new LatestRead();
  const landed: string[] = [];
  const read = (name: string, answer: Promise<void>): Promise<void> =>
    reads.run(async (isLatest) => {
      await answer;
      if (isLatest()) {
        landed.push(name);
      }
    });
  const first = deferred();
  const second = deferred();
  return { landed, first, second, a: read('first', first.promise), b: read('second', second.promise) };
}

describe('LatestRead', () => {
  it('lands only the latest read: an earlier answer arriving last is dropped', async () => {
    const { landed, first, second, a, b } = twoReads();
    second.resolve();
    await b;
    first.resolve();
    await a;
    assert.deepEqual(landed, ['second']);
  });

  it("makes a caller awaiting an overtaken read wait until the latest one landed", async () => {
    const { landed, first, second, a, b } = twoReads();
    let aDone = false;
    void a.then(() => (aDone = true));
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
