/**
 * tim-emulator as a separate process on a free loopback port (as users run it: `dist/emulator.js`),
 * optionally seeded, for `npm start` and for tests that need a server outside the process under test.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from './codeServer';
import { repoRoot } from './paths';
import { spawnTracked, stopTracked } from './processes';

export interface EmulatorProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

const cli = path.join(repoRoot, 'dist', 'emulator.js');

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Loads a seed file (tim-emulator's JSON format) into a data folder. */
export function seedEmulator(dataDir: string, seed: unknown): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'seed.json');
  fs.writeFileSync(file, JSON.stringify(seed));
  const result = spawnSync(process.execPath, [cli, 'seed', file, '--data', dataDir], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`tim-emulator seed failed: ${result.stderr || result.stdout}`);
  }
}

export async function startEmulatorProcess(dataDir: string): Promise<EmulatorProcess> {
  if (!fs.existsSync(cli)) {
    throw new Error(`${cli} is missing: run npm run build first`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  let output = '';
  const child = spawnTracked(process.execPath, [cli, 'start', '--port', String(port), '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  const deadline = Date.now() + 30_000;
  while (!(await portOpen(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopTracked(child);
      throw new Error(`tim-emulator did not listen on 127.0.0.1:${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  const app = JSON.parse(fs.readFileSync(path.join(dataDir, 'app.json'), 'utf8')) as { sdkAppId: number; secretKey: string };
  return { url: `ws://127.0.0.1:${port}`, port, dataDir, sdkAppId: app.sdkAppId, secretKey: app.secretKey, process: child, stop: () => stopTracked(child) };
}
