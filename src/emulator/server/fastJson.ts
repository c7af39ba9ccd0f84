/**
 * Writing JSON on the hot path. stringifyTimJson (src/tim/json.ts) is exact for bigint but always runs
 * JSON.stringify with a replacer, which costs several times more; a message carries its one uint64
 * beyond 2^53 (message_unique_id) at the top level. This writes such objects with plain JSON.stringify
 * and splices the top-level bigints in as bare numbers, falling back to stringifyTimJson whenever a
 * bigint sits deeper. Output is identical to stringifyTimJson's (same key order except that top-level
 * bigint fields come last, which JSON does not care about).
 */
import { stringifyTimJson } from '../../tim/json';

function hasBigInt(value: unknown, depth: number): boolean {
  if (typeof value === 'bigint') {
    return true;
  }
  if (typeof value !== 'object' || value === null || depth > 8) {
    return depth > 8;
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

export function stringifyFast(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (Array.isArray(value)) {
      const parts = value.map((item) => stringifyFast(item));
      return `[${parts.join(',')}]`;
    }
    return stringifyTimJson(value);
  }
  const record = value as Record<string, unknown>;
  let plain: Record<string, unknown> | undefined;
  let tail = '';
  for (const key in record) {
    const field = record[key];
    if (typeof field === 'bigint') {
      plain ??= { ...record };
      delete plain[key];
      tail += `,${JSON.stringify(key)}:${field.toString()}`;
    } else if (typeof field === 'object' && field !== null && hasBigInt(field, 1)) {
      return stringifyTimJson(value);
    }
  }
  const text = JSON.stringify(plain ?? record);
  if (tail.length === 0) {
    return text;
  }
  return text === '{}' ? `{${tail.slice(1)}}` : `${text.slice(0, -1)}${tail}}`;
}
