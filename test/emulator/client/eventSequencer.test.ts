/** Exactly-once, in-order event delivery to listeners. */
import { strict as assert } from 'node:assert';
import { EventSequencer } from '../../../src/emulator/client/eventSequencer';
import type { TimEvent } from '../../../src/tim/endpoint';

const total = (n: number): TimEvent => ({ name: 'ConvTotalUnreadMessageCountChanged', total: n });

describe('EventSequencer', () => {
  it('delivers increasing seqs, drops repeats and stragglers, always delivers seq 0', () => {
    const logs: string[] = [];
    const sequencer = new EventSequencer((line) => logs.push(line));
    const seen: number[] = [];
    sequencer.subscribe((event) => seen.push(event.name === 'ConvTotalUnreadMessageCountChanged' ? event.total : -1));
    const accepted = [1, 2, 2, 5, 3, 0, 6, 6].map((seq, index) => sequencer.accept(seq, total(seq === 0 ? 100 + index : seq)));
    assert.deepEqual(accepted, [true, true, false, true, false, true, true, false]);
    assert.deepEqual(seen, [1, 2, 5, 105, 6]);
    assert.equal(sequencer.lastSeq, 6);
  });

  it('resumes from a given position', () => {
    const sequencer = new EventSequencer(() => undefined);
    sequencer.resetTo(10);
    assert.equal(sequencer.accept(10, total(10)), false);
    assert.equal(sequencer.accept(11, total(11)), true);
  });

  it('isolates listeners: a throwing one is logged, the others still get the event', () => {
    const logs: string[] = [];
    const sequencer = new EventSequencer((line) => logs.push(line));
    const seen: string[] = [];
    sequencer.subscribe(() => {
      throw new Error('boom');
    });
    sequencer.subscribe((event) => seen.push(event.name));
    sequencer.emitLocal({ name: 'KickedOffline' });
    assert.deepEqual(seen, ['KickedOffline']);
    assert.ok(logs[0]?.includes('boom'));
  });

  it('subscribing the same function twice delivers twice; each disposable removes one', () => {
    const sequencer = new EventSequencer(() => undefined);
    let count = 0;
    const listener = (): void => {
      count++;
    };
    const a = sequencer.subscribe(listener);
    sequencer.subscribe(listener);
    sequencer.emitLocal({ name: 'KickedOffline' });
    a.dispose();
    a.dispose();
    sequencer.emitLocal({ name: 'KickedOffline' });
    assert.equal(count, 3);
  });

  it('delivers nothing after stop(), even to a listener mid-dispatch', () => {
    const sequencer = new EventSequencer(() => undefined);
    const seen: number[] = [];
    sequencer.subscribe(() => {
      seen.push(1);
      sequencer.stop();
    });
    sequencer.subscribe(() => seen.push(2));
    sequencer.emitLocal({ name: 'KickedOffline' });
    sequencer.emitLocal({ name: 'KickedOffline' });
    assert.deepEqual(seen, [1]);
  });
});
