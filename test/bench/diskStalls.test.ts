import * as assert from 'node:assert/strict';
import { measureDiskStalls } from '../../bench/emulator/diskStalls';

describe('benchmark: the disk probe beside the FULL p99', () => {
  it('times real fdatasyncs for the given time and orders its figures', () => {
    const started = performance.now();
    const disk = measureDiskStalls(0.2);
    const took = performance.now() - started;
    assert.ok(disk.syncs > 0, 'it synced at least once');
    assert.ok(took >= 200, `it ran the whole time (${took.toFixed(0)} ms)`);
    assert.ok(disk.p50 > 0 && disk.p50 <= disk.p99 && disk.p99 <= disk.max, JSON.stringify(disk));
    assert.ok(disk.over20ms >= 0 && disk.over20ms <= disk.syncs);
    assert.equal(disk.over20ms > 0, disk.max > 20, 'a stall over 20 ms is counted exactly when the longest sync was one');
  });
});
