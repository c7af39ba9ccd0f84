/**
 * Writing JSON on the hot path. stringifyTimJson (src/tim/json.ts) is exact for bigint but always runs
 * JSON.stringify with a replacer, which costs several times more; a message carries its one uint64
 * beyond 2^53 (message_unique_id) at the top level, and a conversation carries it one level down (its
 * last message). This writes such objects with plain JSON.stringify and splices the bigints (and the
 * objects holding them, written the same way) in as text. Output parses to the same value as
 * stringifyTimJson's (fields holding bigints come last in their object, which JSON does not care about).
 *
 * A RawJson value is JSON text written once already (a message inside a conversation snapshot) and is
 * spliced in as it is. Only stringifyFast knows it: objects holding one go nowhere else.
 *
 * The copy without those fields is built by adding keys to a new object, never with `delete`: deleting
 * a property turns a V8 object into a slow dictionary, and JSON.stringify of one costs several times
 * more (measured on the send path: ~15 µs per message).
 */
import { stringifyTimJson } from '../../tim/json';

const MAX_DEPTH = 8;

/** JSON text that stringifyFast writes as it is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** True when `value` holds a bigint or RawJson (which plain JSON.stringify would get wrong). */
function hasBigInt(value: unknown, depth: number): boolean {
  if (typeof value === 'bigint' || value instanceof RawJson) {
    return true;
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) {
    return depth > MAX_DEPTH;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      if (hasBigInt(item, depth + 1)) {
        return true;
      }
    }
    return false;
  }
  for (const key in value) {
    if (hasBigInt((value as Record<string, unknown>)[key], depth + 1)) {
      return true;
    }
  }
  return false;
}

function write(value: unknown, depth: number): string {
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') {
    // undefined, functions, symbols: stringifyTimJson's TypeError.
    return stringifyTimJson(value);
  }
  if (value instanceof RawJson) {
    return value.text;
  }
  if (depth > MAX_DEPTH) {
    return stringifyTimJson(value);
  }
  if (Array.isArray(value)) {
    if (!hasBigInt(value, depth)) {
      return JSON.stringify(value);
    }
    const parts: string[] = [];
    for (const item of value) {
      // As JSON.stringify: undefined and functions become null in arrays.
      parts.push(item === undefined || typeof item === 'function' ? 'null' : write(item, depth + 1));
    }
    return `[${parts.join(',')}]`;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return stringifyTimJson(value);
  }
  const record = value as Record<string, unknown>;
  let special: string[] | undefined;
  for (const key in record) {
    const field = record[key];
    if (typeof field === 'bigint' || (typeof field === 'object' && field !== null && hasBigInt(field, depth + 1))) {
      // Written after the rest and spliced in: bigints, RawJson, and objects holding either.
      (special ??= []).push(key);
    }
  }
  if (special === undefined) {
    return JSON.stringify(record);
  }
  const plain: Record<string, unknown> = {};
  for (const key in record) {
    if (!special.includes(key)) {
      plain[key] = record[key];
    }
  }
  let tail = '';
  for (const key of special) {
    const field = record[key];
    tail += `,${JSON.stringify(key)}:${typeof field === 'bigint' ? field.toString() : write(field, depth + 1)}`;
  }
  const text = JSON.stringify(plain);
  return text === '{}' ? `{${tail.slice(1)}}` : `${text.slice(0, -1)}${tail}}`;
}

export function stringifyFast(value: unknown): string {
  return write(value, 0);
}
