/**
 * 50 consecutive child processes that initialise the real libImSDK, flood it with calls and exit while
 * it is busy (process.exit with callbacks in flight, exit right after TIMUninit, or falling off the end
 * with the SDK still initialised) all exit cleanly: status 0, no SIGSEGV/SIGABRT. This is the exit
 * crash of tim-sdk.md (koffi unloading the library under the SDK's threads) and the abort found while
 * writing this layer (an SDK callback racing Node's teardown of koffi's thread-safe function).
 */
import { requireIsolation, repoRoot } from './sdkHarness';
requireIsolation(__filename);

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHILDREN = 50;
const MODES = ['inflight', 'uninit', 'natural'] as const;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function runChild(storageDir: string, mode: string): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', path.join(repoRoot, 'scripts', 'ts-register.cjs'), path.join(__dirname, 'fixtures', 'exitWhileBusy.ts'), storageDir, mode],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr: stderr.split('\n').filter((l) => !l.startsWith('[xlog]')).join('\n').trim() });
    });
  });
}

describe('processes that exit while libImSDK is busy', function () {
  this.timeout(600_000);

  it(`${CHILDREN} consecutive children all exit cleanly`, async () => {
    const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-exit-test-'));
    const failures: string[] = [];
    for (let i = 0; i < CHILDREN; i++) {
      const mode = MODES[i % MODES.length];
      const exit = await runChild(storageDir, mode);
      if (exit.code !== 0 || exit.signal !== null) {
        failures.push(`child ${i + 1} (${mode}): code ${String(exit.code)} signal ${String(exit.signal)} ${exit.stderr}`);
      }
    }
    fs.rmSync(storageDir, { recursive: true, force: true });
    assert.deepEqual(failures, [], `${failures.length} of ${CHILDREN} children did not exit cleanly:\n${failures.join('\n')}`);
  });
});
