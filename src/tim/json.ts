/**
 * The lossless JSON codec for everything that crosses the TIM seam: integers beyond
 * Number.MAX_SAFE_INTEGER (message_unique_id, seqs, rands, times) become `bigint` instead of being
 * rounded by JSON.parse, and a `bigint` is written back as a bare JSON number, so ids go back into the
 * SDK unchanged.
 *
 * Why hand-written: on a 20-message TIMMsgGetMsgList answer (41 kB, a 19-digit message_unique_id per
 * message), Node 20, median of 5 x 100 parses on the (shared, busy) dev machine (test/tim/jsonSpeed.test.ts
 * prints the numbers each run):
 *   JSON.parse (lossy, the floor)           ~0.2 ms
 *   this parser                             ~0.6 ms
 *   JSON.parse + regex marking + reviver    ~1.2-1.7 ms
 *   lossless-json 4.3.3 + bigint parser     ~1.5-2.2 ms
 * Texts without any run of 16 digits cannot hold an unsafe integer and go straight to JSON.parse.
 */

import { parseLossless } from './losslessJsonParser';

/** A uint64 (or int64) field: a number when it is a safe integer, a bigint beyond 2^53 - 1. */
export type Uint64 = number | bigint;

/** Parses JSON text; integers outside the safe range become bigint, everything else is as JSON.parse. */
export function parseTimJson(text: string): unknown {
  if (typeof text !== 'string') {
    throw new TypeError(`parseTimJson: expected a string, got ${typeof text}`);
  }
  if (text.length === 0) {
    throw new SyntaxError('parseTimJson: empty input (expected a JSON value)');
  }
  // An unsafe integer has at least 16 digits; without such a run JSON.parse is exact and much faster.
  if (!SIXTEEN_DIGITS.test(text)) {
    return JSON.parse(text) as unknown;
  }
  return parseLossless(text);
}

/**
 * Writes JSON like JSON.stringify (toJSON, undefined and functions skipped in objects, null in
 * arrays), except that a bigint is written as a bare JSON number instead of throwing.
 */
export function stringifyTimJson(value: unknown): string {
  let sawBigInt = false;
  let sawMark = false;
  const plain = JSON.stringify(value, (key: string, v: unknown) => {
    if (typeof v === 'bigint') {
      sawBigInt = true;
      return `${BIGINT_MARK}${v.toString()}${BIGINT_MARK}`;
    }
    if ((typeof v === 'string' && v.includes(BIGINT_MARK)) || key.includes(BIGINT_MARK)) {
      sawMark = true;
    }
    return v;
  });
  if (plain === undefined) {
    throw new TypeError(`stringifyTimJson: ${typeof value} has no JSON representation`);
  }
  if (!sawBigInt) {
    return plain;
  }
  // The mark is a private-use character JSON.stringify leaves unescaped; when real data contains it,
  // the slow writer runs instead so that no string can ever be mistaken for a number.
  if (sawMark) {
    return writeValue(value, '') ?? 'null';
  }
  return plain.replace(BIGINT_MARKED, '$1');
}

/** Compares two uint64 values exactly, whichever representation each has. */
export function uint64Equals(a: Uint64, b: Uint64): boolean {
  return BigInt(a) === BigInt(b);
}

/** True for a number that is a non-negative safe integer or a non-negative bigint below 2^64. */
export function isUint64(value: unknown): value is Uint64 {
  if (typeof value === 'bigint') {
    return value >= 0n && value < 2n ** 64n;
  }
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const SIXTEEN_DIGITS = /\d{16}/;
const BIGINT_MARK = '\uE000';
const BIGINT_MARKED = /"\uE000(-?\d+)\uE000"/g;

/** The slow, exact writer for the rare text that contains the mark character itself. */
function writeValue(value: unknown, key: string): string | undefined {
  let v = value;
  if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      v = (toJSON as (this: unknown, key: string) => unknown).call(v, key);
    }
  }
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) {
        return 'null';
      }
      if (v instanceof Number || v instanceof String || v instanceof Boolean) {
        return JSON.stringify(v);
      }
      if (Array.isArray(v)) {
        const parts: string[] = [];
        for (let index = 0; index < v.length; index++) {
          parts.push(writeValue((v as unknown[])[index], String(index)) ?? 'null');
        }
        return `[${parts.join(',')}]`;
      }
      const parts: string[] = [];
      for (const k of Object.keys(v)) {
        const item = writeValue((v as Record<string, unknown>)[k], k);
        if (item !== undefined) {
          parts.push(`${JSON.stringify(k)}:${item}`);
        }
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}
