// `npm run bench [all|native|emulator|ui]`: runs the benchmarks in bench/<name>/index.ts. Each prints a
// table with ratios against a peer measured in the same run (never absolute pass/fail timings).
// The native benchmark loads libImSDK, so it runs only inside a network namespace (unshare -n).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRelay } from './relay.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const register = path.join(root, 'scripts/ts-register.cjs');
const all = ['native', 'emulator', 'json', 'ui'];
const which = process.argv[2] ?? 'all';
const names = which === 'all' ? all : [which];
if (!names.every((n) => all.includes(n))) {
  console.error(`usage: node scripts/bench.mjs <all|${all.join('|')}>`);
  process.exit(2);
}

function netns() {
  for (const flags of process.getuid?.() === 0 ? [['-n'], ['-rn']] : [['-rn']]) {
    if (spawnSync('unshare', [...flags, 'true']).status === 0) return flags;
  }
  return undefined;
}

/**
 * The native benchmark's peers: ffi-rs 1.0.60 (what Tencent's wrapper runs on) is installed into
 * .cache/bench-peers/, not as a project dependency (its unpublished platform packages break npm ci).
 * Returns the node_modules folder to put on NODE_PATH.
 */
function ensureBenchPeers() {
  const dir = path.join(root, '.cache', 'bench-peers');
  const modules = path.join(dir, 'node_modules');
  if (!fs.existsSync(path.join(modules, 'ffi-rs', 'package.json'))) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"timchat-bench-peers","private":true}\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--no-package-lock', 'ffi-rs@1.0.60'], { cwd: dir, stdio: 'inherit' });
    if (result.status !== 0) {
      console.log('bench: could not install ffi-rs@1.0.60 into .cache/bench-peers');
      return undefined;
    }
  }
  return modules;
}

let failed = 0;
for (const name of names) {
  const entry = path.join(root, 'bench', name, 'index.ts');
  console.log(`\n===== bench: ${name} =====`);
  if (!fs.existsSync(entry)) {
    console.log(`bench/${name}/index.ts does not exist yet`);
    failed++;
    continue;
  }
  if (name !== 'native') spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  const nodeArgs = ['--expose-gc', '-r', register, entry, ...process.argv.slice(3)];
  let result;
  if (name === 'native') {
    spawnSync(process.execPath, [path.join(root, 'scripts/sdk.mjs'), '--wrapper'], { cwd: root, stdio: 'inherit' });
    ensureRelay(); // ours runs on the native relay as the extension ships it (koffi's when it cannot be built)
    const peers = ensureBenchPeers();
    if (!peers) {
      failed++;
      continue;
    }
    process.env.NODE_PATH = peers;
    const flags = netns();
    if (!flags) {
      console.log('native benchmark skipped: no network namespace can be had here (libImSDK never runs with network)');
      continue;
    }
    result = spawnSync('unshare', [...flags, process.execPath, ...nodeArgs], { cwd: root, stdio: 'inherit' });
  } else {
    result = spawnSync(process.execPath, nodeArgs, { cwd: root, stdio: 'inherit' });
  }
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
