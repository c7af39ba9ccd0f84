/**
 * The hand-written lossless parser in src/tim/json.ts reads a 20-message TIMMsgGetMsgList answer exactly
 * as lossless-json does. Which one is faster is measured by `npm run bench json`, not asserted here.
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

describe('parseTimJson against lossless-json', function () {
  this.timeout(30_000);

  it('parses a 20-message get-list answer exactly like lossless-json does', () => {
    const text = getMsgListJson(20);
    const ours = parseTimJson(text) as { message_unique_id: unknown }[];
    assert.deepEqual(ours, losslessJson(text));
    assert.equal(ours[19]?.message_unique_id, UNIQUE_ID + 19n);
  });
});
