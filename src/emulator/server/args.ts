/**
 * Reading a call's C arguments and the JSON inside them, with the SDK's failure modes: a JSON argument
 * that does not parse is a synchronous -3, an argument of the wrong C type a synchronous -4, and a
 * well-formed JSON with a wrong field an asynchronous 6017.
 */
import type { TimArg } from '../../tim/endpoint';
import { parseTimJson } from '../../tim/json';
import { ApiError, SyncResult, invalidParam, syncParamError } from './apiError';

export type JsonObject = Record<string, unknown>;

export class Args {
  constructor(
    readonly api: string,
    private readonly values: readonly TimArg[],
  ) {}

  get length(): number {
    return this.values.length;
  }

  /** A `const char*`; NULL is sent as an empty string. */
  str(index: number): string {
    const value = this.values[index];
    if (value === undefined) {
      return '';
    }
    if (typeof value !== 'string') {
      throw syncParamError(`argument ${index} of ${this.api} must be a string`);
    }
    if (value.includes('\0')) {
      throw syncParamError(`argument ${index} of ${this.api} contains NUL`);
    }
    return value;
  }

  /** An enum / int argument. */
  int(index: number): number {
    const value = this.values[index];
    if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= 0n) {
      return Number(value);
    }
    if (typeof value === 'boolean') {
      return value ? 1 : 0;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw syncParamError(`argument ${index} of ${this.api} must be an integer`);
    }
    return value;
  }

  /** A uint64 argument, exact: a bigint (the frame carries a number, or a bigint beyond 2^53). */
  uint64(index: number): bigint {
    const value = this.values[index];
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
      return BigInt(value);
    }
    if (typeof value === 'bigint' && value >= 0n && value <= 0xffff_ffff_ffff_ffffn) {
      return value;
    }
    throw syncParamError(`argument ${index} of ${this.api} must be an unsigned 64-bit integer`);
  }

  bool(index: number): boolean {
    const value = this.values[index];
    if (typeof value === 'boolean') {
      return value;
    }
    if (typeof value === 'number') {
      return value !== 0;
    }
    throw syncParamError(`argument ${index} of ${this.api} must be a boolean`);
  }

  /** A JSON string argument, parsed losslessly; empty / NULL gives `undefined`. */
  json(index: number): unknown {
    const text = this.str(index);
    if (text.trim().length === 0) {
      return undefined;
    }
    try {
      return parseTimJson(text);
    } catch {
      throw new ApiError(SyncResult.ERR_JSON, `argument ${index} of ${this.api} is not valid JSON`, { sync: true });
    }
  }

  jsonObject(index: number, required: boolean): JsonObject | undefined {
    const value = this.json(index);
    if (value === undefined) {
      if (required) {
        throw syncParamError(`argument ${index} of ${this.api} is required`);
      }
      return undefined;
    }
    if (!isObject(value)) {
      throw new ApiError(SyncResult.ERR_JSON, `argument ${index} of ${this.api} must be a JSON object`, { sync: true });
    }
    return value;
  }

  /**
   * A JSON array of 1..`max` strings (ids; 0..`max` with `allowEmpty`), every failure an asynchronous 6017
   * (bad JSON included, as the SDK checks these lists on its side); `nonEmpty` also refuses an empty string.
   */
  idList(index: number, what: string, max: number, nonEmpty: boolean, allowEmpty = false): string[] {
    const text = this.str(index);
    let value: unknown;
    try {
      value = parseTimJson(text);
    } catch {
      throw invalidParam(`${what} must be a JSON array of strings`);
    }
    if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && (!nonEmpty || id.length > 0))) {
      throw invalidParam(`${what} must be a JSON array of ${nonEmpty ? 'non-empty ' : ''}strings`);
    }
    if ((value.length === 0 && !allowEmpty) || value.length > max) {
      throw invalidParam(`${what} must hold ${allowEmpty ? 0 : 1} to ${max} ids`);
    }
    return value as string[];
  }

  jsonArray(index: number): unknown[] {
    const value = this.json(index);
    if (!Array.isArray(value)) {
      throw new ApiError(SyncResult.ERR_JSON, `argument ${index} of ${this.api} must be a JSON array`, { sync: true });
    }
    return value;
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an optional field of a TIM JSON object, checking its JSON type. */
export function optString(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalidParam(`${key} must be a string`);
  }
  return value;
}

export function optNumber(obj: JsonObject, key: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'bigint') {
    return Number(value);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidParam(`${key} must be a number`);
  }
  return value;
}

/** A uint64 field: returned as bigint so comparisons stay exact. */
export function optUint64(obj: JsonObject, key: string): bigint | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'bigint' && value >= 0n) {
    return value;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return BigInt(value);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    return BigInt(value);
  }
  throw invalidParam(`${key} must be an unsigned integer`);
}

export function optBool(obj: JsonObject, key: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'boolean') {
    throw invalidParam(`${key} must be a boolean`);
  }
  return value;
}

export function optObject(obj: JsonObject, key: string): JsonObject | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isObject(value)) {
    throw invalidParam(`${key} must be an object`);
  }
  return value;
}

export function optArray(obj: JsonObject, key: string): unknown[] | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw invalidParam(`${key} must be an array`);
  }
  return value;
}

export function stringArray(values: unknown[], what: string): string[] {
  return values.map((value) => {
    if (typeof value !== 'string' || value.length === 0) {
      throw invalidParam(`${what} must hold non-empty strings`);
    }
    return value;
  });
}
