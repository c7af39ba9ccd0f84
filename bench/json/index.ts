/**
 * `npm run bench json`: the lossless TIM JSON parser (src/tim/json.ts) against lossless-json and the
 * lossy JSON.parse on a 20-message TIMMsgGetMsgList answer, as ratios measured in the same process.
 * It keeps the codec choice honest: parseTimJson should stay faster than lossless-json.
 */
import { isInteger, parse as losslessParse } from 'lossless-json';
import { parseTimJson } from '../../src/tim/json';
import { getMsgListJson } from '../../test/tim/samples';

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

const text = getMsgListJson(20);
const parsers: Record<string, (t: string) => unknown> = { 'JSON.parse (lossy)': (t) => JSON.parse(t), parseTimJson, 'lossless-json': losslessJson };
for (const parse of Object.values(parsers)) {
  medianMs(parse, text, 3, 100); // warm up
}
const ms = Object.fromEntries(Object.entries(parsers).map(([name, parse]) => [name, medianMs(parse, text, 15, 200)]));
console.log(`20-message get-list answer, ${(text.length / 1024).toFixed(0)} kB, median of 15 rounds of 200 parses`);
console.log('| parser | ms per parse | vs parseTimJson |');
console.log('|---|---:|---:|');
for (const [name, value] of Object.entries(ms)) {
  console.log(`| ${name} | ${value.toFixed(3)} | ${(value / ms.parseTimJson).toFixed(2)}x |`);
}
console.log(ms.parseTimJson < ms['lossless-json'] ? 'parseTimJson is faster than lossless-json' : 'NOTE: parseTimJson is NOT faster than lossless-json in this run');
