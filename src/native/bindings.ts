/**
 * Binds every entry of the prototype table against a loaded libImSDK, once, so the hot path is a
 * property read and a call. Kept apart from the loader: loading is about files, this is about symbols.
 */
import type { LibraryHandle } from 'koffi';
import { declarationOf, prototypes } from './prototypes';
import type { NativeApi } from './prototypes';

/** A bound C function; results are `unknown` so every caller checks what koffi returned. */
export type NativeFunction = (...args: unknown[]) => unknown;
export type BoundFunctions = Readonly<Record<NativeApi, NativeFunction>>;

// Per handle, so a second endpoint in the same process reuses the bound functions.
const cache = new WeakMap<LibraryHandle, BoundFunctions>();

/** Binds all prototypes; a missing symbol (an older SDK) fails here with the function's name. */
export function bindAll(handle: LibraryHandle): BoundFunctions {
  const cached = cache.get(handle);
  if (cached) {
    return cached;
  }
  const out: Partial<Record<NativeApi, NativeFunction>> = {};
  for (const name of Object.keys(prototypes) as NativeApi[]) {
    const { result, params } = declarationOf(name);
    try {
      out[name] = handle.func(name, result, params);
    } catch (error) {
      throw new Error(`libImSDK has no usable ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const bound = out as BoundFunctions;
  cache.set(handle, bound);
  return bound;
}
