/** Virtualization math: offsets, lookups, ranges and scroll anchors, at 100,000 rows too. */
import * as assert from 'node:assert/strict';
import { anchorAt, HeightIndex, scrollTopFor, shiftAnchor } from '../../src/webview/heightIndex';

describe('HeightIndex', () => {
  it('sums heights into offsets and finds the row at an offset', () => {
    const index = new HeightIndex();
    index.reset([10, 20, 30]);
    assert.equal(index.offsetOf(0), 0);
    assert.equal(index.offsetOf(2), 30);
    assert.equal(index.totalHeight, 60);
    assert.equal(index.indexAt(0), 0);
    assert.equal(index.indexAt(29.9), 1);
    assert.equal(index.indexAt(30), 2);
    assert.equal(index.indexAt(1e9), 2);
    assert.equal(index.indexAt(-5), 0);
  });

  it('updates offsets after measurements, inserts and removals', () => {
    const index = new HeightIndex();
    index.reset([10, 10, 10]);
    assert.equal(index.setMeasured(1, 25), true);
    assert.equal(index.setMeasured(1, 25.005), false);
    assert.equal(index.isMeasured(1), true);
    assert.equal(index.totalHeight, 45);
    index.insert(0, [5, 5]);
    assert.equal(index.count, 5);
    assert.equal(index.offsetOf(3), 10 + 10);
    assert.equal(index.isMeasured(3), true);
    index.remove(0, 2);
    assert.equal(index.totalHeight, 45);
  });

  it('recomputes offsets after a measurement once they were all computed', () => {
    const index = new HeightIndex();
    index.reset([10, 10, 10]);
    assert.equal(index.totalHeight, 30);
    index.setMeasured(0, 20);
    assert.equal(index.offsetOf(1), 20);
    assert.equal(index.totalHeight, 40);
    index.setEstimate(2, 15);
    assert.equal(index.totalHeight, 45);
  });

  it('gives the rows overlapping the viewport plus the overscan', () => {
    const index = new HeightIndex();
    index.reset(new Array(100).fill(20));
    assert.deepEqual(index.rangeFor(1000, 200, 100), { start: 45, end: 66 });
    assert.deepEqual(index.rangeFor(0, 200, 100), { start: 0, end: 16 });
    assert.deepEqual(index.rangeFor(1900, 200, 100), { start: 90, end: 100 });
    assert.deepEqual(new HeightIndex().rangeFor(0, 100, 10), { start: 0, end: 0 });
  });

  it('stays fast with 100,000 rows, paged in from the front', function () {
    this.timeout(20_000);
    const index = new HeightIndex();
    index.reset(new Array(50).fill(40));
    const started = process.hrtime.bigint();
    for (let page = 0; page < 2000; page++) {
      index.insert(0, new Array(50).fill(40));
      // Each page: the rows in view at the top are measured, and the view is placed by an anchor.
      for (let i = 0; i < 30; i++) {
        index.setMeasured(i, 44);
      }
      index.rangeFor(index.offsetOf(50), 800, 600);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(index.count, 100_050);
    // Well under a frame per page even on a slow CI machine.
    assert.ok(ms / 2000 < 4, `${ms / 2000} ms per page`);
    const lookups = process.hrtime.bigint();
    for (let k = 0; k < 100_000; k++) {
      index.indexAt((k * 37) % index.totalHeight);
    }
    assert.ok(Number(process.hrtime.bigint() - lookups) / 1e6 < 500);
  });
});

describe('scroll anchors', () => {
  it('anchors to the row at the top and how far into it', () => {
    const index = new HeightIndex();
    index.reset([10, 20, 30]);
    assert.deepEqual(anchorAt(index, 15), { index: 1, delta: -15 });
    index.setMeasured(1, 5);
    assert.equal(scrollTopFor(index, { index: 1, delta: -15 }), 0, 'a row shrinking at its top keeps its bottom in place');
    assert.equal(anchorAt(new HeightIndex(), 0), undefined);
  });

  it('follows its row across splices', () => {
    const anchor = { index: 5, delta: 3 };
    assert.deepEqual(shiftAnchor(anchor, 0, 0, 50), { index: 55, delta: 3 });
    assert.deepEqual(shiftAnchor(anchor, 9, 0, 2), anchor);
    assert.deepEqual(shiftAnchor(anchor, 2, 1, 0), { index: 4, delta: 3 });
    assert.deepEqual(shiftAnchor(anchor, 5, 1, 0), { index: 4, delta: 3 });
  });
});
