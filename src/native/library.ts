/**
 * Finds libImSDK, pins it in memory and loads it with koffi, once per process.
 *
 * Order: the explicit path (the `timChat.sdkPath` setting, passed in by the caller), the
 * `TIMCHAT_SDK_PATH` environment variable, then `<extensionRoot>/native/<platform>-<arch>/`. Every
 * candidate that fails is remembered with the reason, so the one error names every place tried.
 *
 * Pinning: koffi unloads a library when its handle is collected or at exit, while the SDK's own
 * threads (db_thread) may still be running in it, which segfaulted at exit (tim-sdk.md). A libc
 * `dlopen(RTLD_NOW | RTLD_NODELETE)` first makes the mapping permanent, and the koffi handle is kept in
 * a module-level map for the life of the process.
 */
import fs from 'node:fs';
import path from 'node:path';
import koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import { describeArchitecture } from './architecture';

/** The library's file name per `<platform>-<arch>` folder, as `npm run sdk` extracts it. */
export const LIBRARY_NAMES: Readonly<Record<string, string>> = {
  'linux-x64': 'libImSDK.so',
  'linux-arm64': 'libImSDK_arm64.so',
  'win32-x64': 'ImSDK.dll',
  'win32-ia32': 'ImSDK.dll',
  'darwin-x64': 'ImSDKForMac.dylib',
  'darwin-arm64': 'ImSDKForMac.dylib',
};

export interface LocateOptions {
  /** The `timChat.sdkPath` setting: a library file or a folder holding it. Empty means unset. */
  readonly sdkPath?: string;
  /** The extension's install folder (holds `native/<platform>-<arch>/`). */
  readonly extensionRoot?: string;
  /** Defaults to process.env; a parameter so tests can pass their own. */
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly arch?: string;
}

export interface LoadedLibrary {
  /** The absolute path that was loaded. */
  readonly path: string;
  readonly handle: LibraryHandle;
}

export interface LoadAttempt {
  readonly source: string;
  readonly path: string;
  readonly reason: string;
}

/** Thrown when no candidate could be loaded; `attempts` lists every place tried and why it failed. */
export class NativeLibraryError extends Error {
  readonly attempts: readonly LoadAttempt[];
  constructor(attempts: readonly LoadAttempt[], target: string) {
    const lines = attempts.map((a) => `  - ${a.source}: ${a.path || '(not set)'}: ${a.reason}`);
    super(
      `Could not load Tencent's IM SDK (libImSDK) for ${target}. Tried:\n${lines.join('\n')}\n` +
        'Run `npm run sdk`, or point the timChat.sdkPath setting or TIMCHAT_SDK_PATH at the library.',
    );
    this.name = 'NativeLibraryError';
    this.attempts = attempts;
  }
}

// Handles must outlive everything (see header): never deleted, never unloaded.
const loaded = new Map<string, LoadedLibrary>();

/** The candidates in order, each with where it came from. */
export function candidatePaths(options: LocateOptions): Array<{ source: string; path: string }> {
  const env = options.env ?? process.env;
  const target = `${options.platform ?? process.platform}-${options.arch ?? process.arch}`;
  const fileName = LIBRARY_NAMES[target] ?? '';
  const asFile = (p: string): string => {
    try {
      if (fileName && fs.statSync(p).isDirectory()) {
        return path.join(p, fileName);
      }
    } catch {
      // A missing path is reported by the caller when it tries the file.
    }
    return p;
  };
  const out: Array<{ source: string; path: string }> = [];
  out.push({ source: 'setting timChat.sdkPath', path: options.sdkPath ? asFile(path.resolve(options.sdkPath)) : '' });
  const fromEnv = env.TIMCHAT_SDK_PATH ?? '';
  out.push({ source: 'environment TIMCHAT_SDK_PATH', path: fromEnv ? asFile(path.resolve(fromEnv)) : '' });
  out.push({
    source: 'extension native folder',
    path: options.extensionRoot && fileName ? path.join(path.resolve(options.extensionRoot), 'native', target, fileName) : '',
  });
  return out;
}

/** Loads (once) and returns the first candidate that works, or throws NativeLibraryError. */
export function loadTimLibrary(options: LocateOptions): LoadedLibrary {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const target = `${platform}-${arch}`;
  const attempts: LoadAttempt[] = [];
  if (!LIBRARY_NAMES[target]) {
    attempts.push({ source: 'platform', path: target, reason: `im_electron_sdk ships no library for ${target}` });
  }
  for (const candidate of candidatePaths(options)) {
    if (!candidate.path) {
      attempts.push({ ...candidate, reason: 'not set' });
      continue;
    }
    const already = loaded.get(candidate.path);
    if (already) {
      return already;
    }
    const reason = tryLoad(candidate.path, platform, arch);
    if (typeof reason !== 'string') {
      loaded.set(candidate.path, reason);
      return reason;
    }
    attempts.push({ ...candidate, reason });
  }
  throw new NativeLibraryError(attempts, target);
}

/** A LoadedLibrary, or the reason this path cannot be loaded. */
function tryLoad(file: string, platform: NodeJS.Platform, arch: string): LoadedLibrary | string {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      header = Buffer.alloc(4096);
      fs.readSync(fd, header, 0, header.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
  }
  // Checked before dlopen: a wrong-architecture library gives a clear message instead of a loader error.
  const mismatch = describeArchitecture(header, platform, arch);
  if (mismatch) {
    return mismatch;
  }
  try {
    pinLibrary(file, platform);
  } catch (error) {
    return `pinning with dlopen failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    return { path: file, handle: koffi.load(file) };
  } catch (error) {
    return `koffi could not load it: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const RTLD_NOW = 2;
const RTLD_NODELETE: Partial<Record<NodeJS.Platform, number>> = { linux: 0x1000, darwin: 0x80, freebsd: 0x1000 };
const GET_MODULE_HANDLE_EX_FLAG_PIN = 0x1;

// The libc/kernel32 handles are module-level for the same reason as `loaded`.
let pinner: ((file: string) => void) | undefined;

/**
 * Maps a library permanently (RTLD_NODELETE / GetModuleHandleEx PIN) before koffi loads it: for any
 * library whose code the SDK's threads may run after koffi lets go (libImSDK, the callback relay).
 */
export function pinLibrary(file: string, platform: NodeJS.Platform = process.platform): void {
  if (!pinner) {
    pinner = platform === 'win32' ? windowsPinner() : posixPinner(platform);
  }
  pinner(file);
}

function posixPinner(platform: NodeJS.Platform): (file: string) => void {
  // dlopen(NULL) finds dlopen wherever this Node has it (glibc >= 2.34 libc, older libdl, musl, macOS);
  // the named libc is only a fallback.
  let libc: LibraryHandle;
  try {
    libc = koffi.load(null);
    libc.func('void *dlopen(const char *path, int flags)');
  } catch {
    libc = koffi.load(platform === 'darwin' ? 'libSystem.B.dylib' : platform === 'linux' ? 'libc.so.6' : 'libc.so');
  }
  const dlopen = libc.func('void *dlopen(const char *path, int flags)');
  const dlerror = libc.func('const char *dlerror()');
  const flags = RTLD_NOW | (RTLD_NODELETE[platform] ?? 0);
  return (file) => {
    const handle: unknown = dlopen(file, flags);
    if (!handle) {
      const message: unknown = dlerror();
      throw new Error(typeof message === 'string' ? message : 'dlopen returned NULL');
    }
    // The handle is deliberately never dlclose'd.
  };
}

function windowsPinner(): (file: string) => void {
  const kernel32 = koffi.load('kernel32.dll');
  const loadLibrary = kernel32.func('void * __stdcall LoadLibraryW(const char16_t *path)');
  const getModuleHandleEx = kernel32.func('int __stdcall GetModuleHandleExW(uint32_t flags, const char16_t *name, _Out_ void **module)');
  const getLastError = kernel32.func('uint32_t __stdcall GetLastError()');
  return (file) => {
    const module: unknown = loadLibrary(file);
    if (!module) {
      throw new Error(`LoadLibraryW failed with error ${String(getLastError())}`);
    }
    const out: unknown[] = [null];
    if (!getModuleHandleEx(GET_MODULE_HANDLE_EX_FLAG_PIN, file, out)) {
      throw new Error(`GetModuleHandleExW(PIN) failed with error ${String(getLastError())}`);
    }
  };
}
