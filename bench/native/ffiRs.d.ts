/**
 * The part of ffi-rs 1.0.60's API the native benchmark uses. ffi-rs is not a dependency of the project:
 * 1.0.60 lists platform packages that were never published, which breaks `npm ci`, so scripts/bench.mjs
 * installs it into .cache/bench-peers/ when the benchmark runs and these declarations type-check it.
 */
declare module 'ffi-rs' {
  /** ffi-rs's DataType enum values (String 0, I32 1, Void 7, I64 8, External 11, ...). */
  export type DataType = number & { readonly __ffiRsDataType?: never };
  export type Func = () => unknown;
  export type DataFieldType = DataType | Func | Record<string, unknown>;
  export function open(params: { library: string; path: string }): void;
  export function close(library: string): void;
  export function funcConstructor(options: { paramsType: DataFieldType[]; retType: DataFieldType }): Func;
  export function createPointer(params: { paramsType: DataFieldType[]; paramsValue: unknown[] }): unknown[];
  export function unwrapPointer(params: unknown[]): unknown[];
  export function load(params: { library: string; funcName: string; retType: DataFieldType; paramsType: DataFieldType[]; paramsValue: unknown[]; errno?: boolean }): unknown;
}
