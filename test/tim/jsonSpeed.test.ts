/**
 * Keeps the codec choice honest: on a 20-message TIMMsgGetMsgList answer the hand-written parser in
 * src/tim/json.ts must stay faster than lossless-json (measured about 3x faster, and about 2.8x slower
 * than the lossy JSON.parse). The assertion only demands "faster" so that a loaded machine cannot make
 * it flaky; the ratios are printed.
 */
import assert from 'node:assert/strict';
import { isInteger, parse as losslessParse } from 'lossless-json';
import { parseTimJson } from '../../src/tim/json';
import { getMsgListJson, UNIQUE_ID } from './samples';

function losslessJson(text: string): unknown {
  return losslessParse(text, null, (literal) => {
    const value = Number(literal);
    return isInteger(literal) && !Number.isSafeInteger(value) ? BigInt(literal) : value;
  });
}

/** Median milliseconds per parse over `rounds` rounds of `perRound` parses. */
function medianMs(parse: (text: string) => unknown, text: string, rounds: number, perRound: number): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) {
      parse(text);
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e6 / perRound);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(rounds / 2)] ?? Number.NaN;
}

describe('parseTimJson speed', function () {
  this.timeout(30_000);

  it('parses a 20-message get-list answer exactly like lossless-json does', () => {
    const text = getMsgListJson(20);
    const ours = parseTimJson(text) as { message_unique_id: unknown }[];
    assert.deepEqual(ours, losslessJson(text));
    assert.equal(ours[19]?.message_unique_id, UNIQUE_ID + 19n);
  });

  it('is faster than lossless-json on a 20-message get-list answer', () => {
    const text = getMsgListJson(20);
    const parsers = { 'JSON.parse (lossy)': (t: string): unknown => JSON.parse(t), parseTimJson, 'lossless-json': losslessJson };
    for (const parse of Object.values(parsers)) {
      medianMs(parse, text, 1, 50); // warm up
    }
    const ms = Object.fromEntries(Object.entries(parsers).map(([name, parse]) => [name, medianMs(parse, text, 5, 100)]));
    const line = Object.entries(ms).map(([name, value]) => `${name} ${value.toFixed(3)} ms`).join(', ');
    console.log(`      ${(text.length / 1024).toFixed(0)} kB: ${line}`);
    assert.ok(ms.parseTimJson < ms['lossless-json'], line);
  });
});
