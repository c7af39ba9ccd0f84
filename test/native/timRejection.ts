/** Awaits a promise that must reject with a TimError, and returns that error for further checks. */
import assert from 'node:assert/strict';
import { TimError } from '../../src/tim/errors';

export async function rejection(promise: Promise<unknown>): Promise<TimError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TimError, `expected a TimError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to reject');
}
