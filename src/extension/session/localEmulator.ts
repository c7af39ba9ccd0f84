/**
 * tim-emulator on this machine: whether one answers at a URL, starting one (a plain Node process:
 * better-sqlite3 is built for Node, not for an Electron extension host), and the app identity
 * (SDKAppID and secret key) it keeps in its data folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import WebSocket from 'ws';

export interface EmulatorApp {
  readonly sdkAppId: number;
  readonly secretKey: string;
}

/** True when a WebSocket server accepts a connection at `url` within `timeoutMs`. */
export function probeEmulator(url: string, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    const finish = (ok: boolean): void => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        resolve(ok);
      }
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once('open', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Reads `app.json` of an emulator data folder, or undefined when there is none (yet). */
export function readEmulatorApp(dataDir: string): EmulatorApp | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(dataDir, 'app.json'), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      const { sdkAppId, secretKey } = parsed as Record<string, unknown>;
      if (typeof sdkAppId === 'number' && typeof secretKey === 'string' && secretKey) {
        return { sdkAppId, secretKey };
      }
    }
  } catch {
    // Missing or unreadable: no app yet.
  }
  return undefined;
}

/** The Node.js binary that can run the emulator, or undefined with the reason. */
export function findNode(): { node: string } | { reason: string } {
  // In desktop VS Code the extension host is Electron; in code-server and VS Code Server it is Node.
  if (!process.versions.electron) {
    return { node: process.execPath };
  }
  const probe = spawnSync('node', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && /^v(\d+)/.exec(probe.stdout)?.[1] && Number(/^v(\d+)/.exec(probe.stdout)?.[1]) >= 20) {
    return { node: 'node' };
  }
  return { reason: 'tim-emulator needs Node.js 20 or later on your PATH (https://nodejs.org), or run `npx tim-emulator start` yourself.' };
}

export interface StartedEmulator {
  readonly process: ChildProcess;
  readonly app: EmulatorApp;
  stop(): void;
}

/** Starts `dist/emulator.js start` on the URL's loopback port and waits until it answers. */
export async function startLocalEmulator(options: { extensionRoot: string; dataDir: string; url: string; log: (line: string) => void }): Promise<StartedEmulator> {
  const found = findNode();
  if ('reason' in found) {
    throw new Error(found.reason);
  }
  const port = new URL(options.url).port || '8519';
  fs.mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(found.node, [path.join(options.extensionRoot, 'dist', 'emulator.js'), 'start', '--port', port, '--data', options.dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
    options.log(`tim-emulator: ${chunk.toString().trimEnd()}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`tim-emulator exited with code ${child.exitCode}: ${output.trim().split('\n').pop() ?? ''}`);
    }
    if (await probeEmulator(options.url, 500)) {
      const app = readEmulatorApp(options.dataDir);
      if (!app) {
        child.kill();
        throw new Error(`tim-emulator started but wrote no app.json in ${options.dataDir}`);
      }
      return { process: child, app, stop: () => void child.kill('SIGTERM') };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`tim-emulator did not answer at ${options.url} within 20 s`);
}
