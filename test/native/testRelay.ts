/**
 * Compiles src/native/relay/timchatRelay.c with the system C compiler into a temp folder (once per
 * process) and loads it as the extension does, so the unit tests exercise the relay's source, not
 * whatever dist/ happens to hold. Its queue is separate from any other copy loaded in the process.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { koffiRelay, loadNativeRelay } from '../../src/native/relay';
import type { CallbackRelay, NativeRelay } from '../../src/native/relay';

const SOURCE = path.join(__dirname, '..', '..', 'src', 'native', 'relay', 'timchatRelay.c');
let cached: NativeRelay | undefined;
let cachedFile: string | undefined;

/** The library loadTestRelay compiled (undefined before it has): tests that read raw records load it too. */
export function testRelayFile(): string | undefined {
  return cachedFile;
}

/** Returns undefined (after saying why) when no C compiler is available, so tests can skip. */
export function loadTestRelay(): NativeRelay | undefined {
  if (cached) {
    return cached;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-relay-'));
  const out = path.join(dir, 'libtimchatrelay.so');
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  try {
    // -Werror here (not in scripts/relay.mjs): a warning in the relay should fail its own tests.
    execFileSync(process.env.CC ?? 'cc', ['-shared', '-fPIC', '-O2', '-pthread', '-fvisibility=hidden', '-Wall', '-Wextra', '-Werror', '-o', out, SOURCE], {
      stdio: 'pipe',
    });
  } catch (error) {
    console.log(`testRelay: cannot compile ${SOURCE}: ${String(error)}`);
    return undefined;
  }
  cached = loadNativeRelay(out);
  cachedFile = out;
  return cached;
}

/** The relays the bridge must work on, for suites that run once per relay. */
export const RELAYS_UNDER_TEST: ReadonlyArray<{ readonly name: string; readonly load: () => CallbackRelay | undefined }> = [
  { name: "koffi's relay", load: () => koffiRelay },
  { name: 'the native relay', load: loadTestRelay },
];
