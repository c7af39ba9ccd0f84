/**
 * Loads Tencent's own Node wrapper (im_electron_sdk's dist/main.js, on ffi-rs 1.0.60) as it ships, for
 * the benchmark. It is an Electron main-process module, so three of its requires are stubbed and
 * nothing else is touched:
 * - `electron`: `app.isPackaged = true` (so it looks for the library under process.resourcesPath) and
 *   an ipcMain whose handle() is a no-op (the wrapper registers its renderer IPC there);
 * - `@electron/remote/main`: no-op initialize/enable;
 * - `json-bigint-parse` (only used to log requests): JSON.
 * process.resourcesPath points at a temp folder where the library path the wrapper computes links to
 * the very file the native endpoint loaded, so both drive the same SDK instance (dlopen matches files
 * by inode).
 */
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** The wrapper's callback result / rejection shape. */
export interface WrapperAnswer {
  readonly code: number;
  readonly desc?: string;
  readonly json_param?: string;
}

interface BaseManager {
  TIMGetSDKVersion(): string;
}
interface AdvanceMessageManager {
  TIMMsgGetMsgList(param: { conv_id: string; conv_type: number; params: object; user_data?: string }): Promise<WrapperAnswer>;
}
interface WrapperTim {
  getTimbaseManager(): BaseManager;
  getAdvanceMessageManager(): AdvanceMessageManager;
}
interface WrapperMain {
  readonly _tim: WrapperTim;
}
type WrapperConstructor = new (config: { sdkappid: number }) => WrapperMain;

export interface TencentWrapper {
  /** dist/main.js as loaded. */
  readonly file: string;
  /** The temp folder standing in for process.resourcesPath (remove it when done). */
  readonly resources: string;
  readonly base: BaseManager;
  readonly messages: AdvanceMessageManager;
}

// Where the wrapper looks for the library when app.isPackaged (dist/main.js, `X` table).
const SHIPPED_PATHS: Readonly<Record<string, string>> = {
  'linux-x64': 'linux/lib/libImSDK.so',
  'linux-arm64': 'linux/lib/libImSDK_arm64.so',
  'win32-x64': 'windows/lib/Win64/ImSDK.dll',
  'win32-ia32': 'windows/lib/Win32/ImSDK.dll',
  'darwin-x64': 'mac/Versions/A/ImSDKForMac.dylib',
  'darwin-arm64': 'mac/Versions/A/ImSDKForMac.dylib',
};

const stubs: Readonly<Record<string, unknown>> = {
  electron: { app: { isPackaged: true }, ipcMain: { handle: (): void => undefined, removeHandler: (): void => undefined } },
  '@electron/remote/main': { initialize: (): void => undefined, enable: (): void => undefined },
  'json-bigint-parse': { parse: JSON.parse, stringify: JSON.stringify },
};

interface ModuleInternals {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/** Loads the wrapper from `wrapperDir` (holding dist/main.js) against the library at `libraryPath`. */
export function loadTencentWrapper(wrapperDir: string, libraryPath: string, sdkAppId: number): TencentWrapper {
  const target = `${process.platform}-${process.arch}`;
  const relative = SHIPPED_PATHS[target];
  if (!relative) {
    throw new Error(`Tencent's wrapper ships no library path for ${target}`);
  }
  const resources = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-wrapper-'));
  const linked = path.join(resources, relative);
  fs.mkdirSync(path.dirname(linked), { recursive: true });
  try {
    fs.symlinkSync(libraryPath, linked);
  } catch {
    fs.linkSync(libraryPath, linked); // Windows without symlink rights: a hard link is the same file too
  }
  Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true });

  const internals = Module as unknown as ModuleInternals;
  const originalLoad = internals._load;
  internals._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
    if (Object.prototype.hasOwnProperty.call(stubs, request)) {
      return stubs[request];
    }
    return originalLoad.call(this, request, parent, isMain);
  };
  const file = path.join(wrapperDir, 'dist', 'main.js');
  let main: WrapperMain;
  const log = console.log;
  try {
    console.log = (): void => undefined; // it logs its library path and config on load
    const Main = require(file) as WrapperConstructor;
    main = new Main({ sdkappid: sdkAppId }); // requires @electron/remote/main in here
  } finally {
    internals._load = originalLoad;
    console.log = log;
  }
  return { file, resources, base: main._tim.getTimbaseManager(), messages: main._tim.getAdvanceMessageManager() };
}
