#!/usr/bin/env node
// Builds the native callback relay (src/native/relay/timchatRelay.c; why it exists: docs/native.md)
// with the system C compiler into dist/native/<platform>-<arch>/, where the extension looks for it.
// Without a compiler (or on Windows, where none is built) it says so and succeeds: the extension then
// takes libImSDK's callbacks through koffi's blocking relay, which works, only slower with many
// calls in flight.
//
//   node scripts/relay.mjs              build when missing or older than the source
//   node scripts/relay.mjs --force      rebuild
//   node scripts/relay.mjs --required   a missing compiler is an error (CI, benchmarks)
//
// Other scripts import ensureRelay({ force, required }); build.mjs runs it after the bundles.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RELAY_SOURCE = path.join(root, 'src/native/relay/timchatRelay.c');

/** Where the extension's loader (src/native/relay.ts) looks for this platform's relay. */
export function relayOutput(platform = process.platform, arch = process.arch) {
  const name = platform === 'darwin' ? 'libtimchatrelay.dylib' : 'libtimchatrelay.so';
  return path.join(root, 'dist', 'native', `${platform}-${arch}`, name);
}

/** Returns the library's path, or undefined (after saying why) when it cannot be built here. */
export function ensureRelay({ force = false, required = false } = {}) {
  const out = relayOutput();
  const fail = (reason) => {
    if (required) throw new Error(`relay: ${reason}`);
    console.warn(`relay: not built (${reason}); libImSDK's callbacks will use koffi's blocking relay`);
    return undefined;
  };
  if (process.platform === 'win32') return fail('no relay is built for Windows');
  if (!force && fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(RELAY_SOURCE).mtimeMs) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const compiler = process.env.CC || 'cc';
  const shared = process.platform === 'darwin' ? '-dynamiclib' : '-shared';
  // Built beside and renamed into place, so a half-written library is never loaded.
  const partial = `${out}.partial`;
  const result = spawnSync(compiler, [shared, '-fPIC', '-O2', '-pthread', '-fvisibility=hidden', '-Wall', '-o', partial, RELAY_SOURCE], { encoding: 'utf8' });
  if (result.error) return fail(`${compiler}: ${result.error.code === 'ENOENT' ? 'no C compiler on PATH (set CC)' : result.error.message}`);
  if (result.status !== 0) {
    fs.rmSync(partial, { force: true });
    return fail(`${compiler} failed:\n${result.stderr}`);
  }
  fs.renameSync(partial, out);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--force' && a !== '--required');
  if (unknown.length) {
    console.error(`relay: unknown argument ${unknown[0]} (use --force, --required)`);
    process.exit(2);
  }
  try {
    const out = ensureRelay({ force: args.includes('--force'), required: args.includes('--required') });
    if (out) console.log(`relay: ${path.relative(root, out)}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
