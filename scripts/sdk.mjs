#!/usr/bin/env node
// Fetches Tencent's C SDK (the npm package im_electron_sdk, which ships libImSDK for every desktop
// platform) with `npm pack`, never `npm install` (its dependencies pull Electron), checks the pinned
// integrity, and extracts only the library and headers a platform needs into git-ignored
// native/<platform>-<arch>/. Idempotent: a complete folder is left alone, a cached tarball is reused.
//
//   node scripts/sdk.mjs            this platform
//   node scripts/sdk.mjs --all      every platform the package ships (platform-specific .vsix)
//   node scripts/sdk.mjs --target linux-arm64 [--target win32-x64]
//   node scripts/sdk.mjs --force    re-extract even when present
//   node scripts/sdk.mjs --wrapper  also extract Tencent's own JS wrapper (dist/) for bench:native
//
// Other scripts import ensureSdk({ targets, force }) instead of spawning this file.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const SDK_PACKAGE = 'im_electron_sdk';
export const SDK_VERSION = '8.0.5906';
/** The registry's `dist.integrity` for im_electron_sdk@8.0.5906; anything else is refused. */
export const SDK_INTEGRITY =
  'sha512-/Qz86mbM4sfxhVqGhpmTC0vEuJLOHQ9G1Xabs2DzOj5RTS+/3vUkZEzAE8uXntL7UAqP9iDg8+sB9z0pUxqmPg==';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, '.cache', 'sdk');
const tarballName = `${SDK_PACKAGE}-${SDK_VERSION}.tgz`;

/**
 * What each target needs from the tarball: the library (renamed to nothing: the loader looks for
 * these exact names) and the header folder. Paths are inside the tarball.
 */
export const SDK_TARGETS = {
  'linux-x64': { library: 'package/lib/linux/lib/libImSDK.so', headers: 'package/lib/linux/include/' },
  'linux-arm64': { library: 'package/lib/linux/lib/libImSDK_arm64.so', headers: 'package/lib/linux/include/' },
  'win32-x64': { library: 'package/lib/windows/lib/Win64/ImSDK.dll', headers: 'package/lib/windows/include/' },
  'win32-ia32': { library: 'package/lib/windows/lib/Win32/ImSDK.dll', headers: 'package/lib/windows/include/' },
  // One universal dylib serves both Mac architectures.
  'darwin-x64': { library: 'package/lib/mac/Versions/A/ImSDKForMac.dylib', headers: 'package/lib/mac/Versions/A/Headers/' },
  'darwin-arm64': { library: 'package/lib/mac/Versions/A/ImSDKForMac.dylib', headers: 'package/lib/mac/Versions/A/Headers/' },
};

/** The folder of one target: `<root>/native/<platform>-<arch>/`. */
export function targetDir(target, base = root) {
  return path.join(base, 'native', target);
}

/** The library file inside a target folder (same base name as in the tarball). */
export function libraryPath(target, base = root) {
  const spec = SDK_TARGETS[target];
  if (!spec) throw new Error(`sdk: unknown target ${target}; known: ${Object.keys(SDK_TARGETS).join(', ')}`);
  return path.join(targetDir(target, base), path.basename(spec.library));
}

function fail(message) {
  const error = new Error(`sdk: ${message}`);
  error.sdkScript = true;
  throw error;
}

function integrityOf(file) {
  const digest = createHash('sha512').update(fs.readFileSync(file)).digest('base64');
  return `sha512-${digest}`;
}

/** Returns the verified tarball, fetching it with `npm pack` only when the cache has no good copy. */
export function fetchTarball() {
  const file = path.join(cacheDir, tarballName);
  if (fs.existsSync(file)) {
    if (integrityOf(file) === SDK_INTEGRITY) return file;
    // A truncated or tampered cache must not poison every later run: drop it and fetch again.
    console.warn(`sdk: cached ${file} fails the integrity check, fetching again`);
    fs.rmSync(file);
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  try {
    execFileSync(npm, ['pack', `${SDK_PACKAGE}@${SDK_VERSION}`, '--pack-destination', cacheDir, '--silent'], {
      cwd: cacheDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
  } catch (error) {
    const stderr = error && error.stderr ? String(error.stderr).trim() : String(error);
    fail(`npm pack ${SDK_PACKAGE}@${SDK_VERSION} failed (is the registry reachable?):\n${stderr}`);
  }
  if (!fs.existsSync(file)) fail(`npm pack did not produce ${file}`);
  const got = integrityOf(file);
  if (got !== SDK_INTEGRITY) {
    fs.rmSync(file);
    fail(`integrity mismatch for ${tarballName}:\n  expected ${SDK_INTEGRITY}\n  got      ${got}`);
  }
  return file;
}

/**
 * Walks a .tgz (ustar with GNU/pax long names) and hands each regular file whose name `want` accepts
 * to `onFile(name, data)`. In-process so the script needs no `tar` binary (Windows CI).
 */
export function readTarball(file, want, onFile) {
  const tar = zlib.gunzipSync(fs.readFileSync(file));
  let offset = 0;
  let longName = null;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start, len) => header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = field(345, 155);
    let name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = null;
    const dataStart = offset + 512;
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      if (match) longName = match[1];
      continue;
    }
    if (type !== '0' && type !== '\0') continue;
    name = name.replace(/^\.\//, '');
    if (want(name)) onFile(name, data);
  }
}

function isComplete(target) {
  const dir = targetDir(target);
  const stamp = path.join(dir, '.sdk-version');
  return (
    fs.existsSync(libraryPath(target)) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8').trim() === `${SDK_VERSION} ${SDK_INTEGRITY}`
  );
}

/** Extracts the given targets (library + headers) unless already complete. Returns their folders. */
export function ensureSdk({ targets = [currentTarget()], force = false, quiet = false } = {}) {
  for (const target of targets) {
    if (!SDK_TARGETS[target]) {
      fail(`${target} is not shipped by ${SDK_PACKAGE}@${SDK_VERSION}; shipped: ${Object.keys(SDK_TARGETS).join(', ')}`);
    }
  }
  const todo = targets.filter((t) => force || !isComplete(t));
  if (todo.length === 0) {
    if (!quiet) for (const t of targets) console.log(`sdk: ${libraryPath(t)} present`);
    return targets.map((t) => targetDir(t));
  }
  const tarball = fetchTarball();
  const found = new Map(todo.map((t) => [t, false]));
  const staging = new Map();
  for (const target of todo) {
    const dir = `${targetDir(target)}.partial-${process.pid}`;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'include'), { recursive: true });
    staging.set(target, dir);
  }
  readTarball(
    tarball,
    (name) => todo.some((t) => name === SDK_TARGETS[t].library || name.startsWith(SDK_TARGETS[t].headers)),
    (name, data) => {
      for (const target of todo) {
        const spec = SDK_TARGETS[target];
        const dir = staging.get(target);
        if (name === spec.library) {
          fs.writeFileSync(path.join(dir, path.basename(name)), data, { mode: 0o755 });
          found.set(target, true);
        } else if (name.startsWith(spec.headers) && name.endsWith('.h')) {
          fs.writeFileSync(path.join(dir, 'include', path.basename(name)), data);
        }
      }
    },
  );
  for (const target of todo) {
    const dir = staging.get(target);
    if (!found.get(target)) {
      fs.rmSync(dir, { recursive: true, force: true });
      fail(`${SDK_TARGETS[target].library} is missing from ${tarball}`);
    }
    fs.writeFileSync(path.join(dir, '.sdk-version'), `${SDK_VERSION} ${SDK_INTEGRITY}\n`);
    // Swap in the finished folder whole, so an interrupted run never leaves a half library behind.
    fs.rmSync(targetDir(target), { recursive: true, force: true });
    fs.renameSync(dir, targetDir(target));
    if (!quiet) console.log(`sdk: extracted ${libraryPath(target)}`);
  }
  return targets.map((t) => targetDir(t));
}

/**
 * Extracts Tencent's Node wrapper (package.json and dist/*.js) into .cache/sdk/im_electron_sdk/, for
 * the benchmark that compares against it. Returns that folder.
 */
export function extractWrapper({ quiet = false } = {}) {
  const dir = path.join(cacheDir, SDK_PACKAGE);
  const stamp = path.join(dir, '.sdk-version');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === `${SDK_VERSION} ${SDK_INTEGRITY}`) {
    return dir;
  }
  const tarball = fetchTarball();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  readTarball(
    tarball,
    (name) => name === 'package/package.json' || /^package\/dist\/[^/]+\.js$/.test(name),
    (name, data) => fs.writeFileSync(path.join(dir, name.slice('package/'.length)), data),
  );
  fs.writeFileSync(stamp, `${SDK_VERSION} ${SDK_INTEGRITY}\n`);
  if (!quiet) console.log(`sdk: extracted Tencent's wrapper into ${dir}`);
  return dir;
}

export function currentTarget() {
  return `${process.platform}-${process.arch}`;
}

function parseArgs(argv) {
  const targets = [];
  let all = false;
  let force = false;
  let wrapper = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--all') all = true;
    else if (arg === '--force') force = true;
    else if (arg === '--wrapper') wrapper = true;
    else if (arg === '--target') targets.push(argv[++i]);
    else if (arg.startsWith('--target=')) targets.push(arg.slice('--target='.length));
    else fail(`unknown argument ${arg}; usage: sdk.mjs [--all] [--target <platform-arch>] [--force] [--wrapper]`);
  }
  if (all) return { targets: Object.keys(SDK_TARGETS), force, wrapper };
  return { targets: targets.length ? targets : [currentTarget()], force, wrapper };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArgs(process.argv.slice(2));
    ensureSdk(options);
    if (options.wrapper) extractWrapper();
  } catch (error) {
    console.error(error && error.sdkScript ? error.message : error);
    process.exit(1);
  }
}
