// The test command: `node scripts/test.mjs <all|unit|native|vscode|ui> [file ...]`.
// Layers (the file suffix picks the layer, see docs/conventions.md):
//   unit    *.test.ts         plain Node mocha (includes the per-runtime type check)
//   native  *.sdk.test.ts     the real libImSDK, only inside a network namespace (unshare -n)
//   vscode  *.vscode.test.ts  mocha inside the real VS Code extension host (code-server + test-electron)
//   ui      *.ui.test.ts      playwright-core + Debian Chromium against the real workbench
// Provisions what a fresh machine lacks (the bundles, libImSDK, code-server, Chromium), and ends with
// one line `N passed, N failed, N skipped` for all layers together: the line CI reads.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRelay } from './relay.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAYERS = ['unit', 'native', 'vscode', 'ui'];
const [which = 'all', ...onlyFiles] = process.argv.slice(2);
if (which !== 'all' && !LAYERS.includes(which)) {
  console.error(`usage: node scripts/test.mjs <all|${LAYERS.join('|')}> [file ...]`);
  process.exit(2);
}
const outputDir = path.join(root, '.test-output');
fs.mkdirSync(outputDir, { recursive: true });
const mochaBin = path.join(root, 'node_modules/mocha/bin/mocha.js');
const register = path.join(root, 'scripts/ts-register.cjs');
const reporter = path.join(root, 'scripts/mocha-reporter.cjs');

function findTests(suffixTest) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (suffixTest(entry.name)) out.push(path.relative(root, full));
    }
  };
  walk(path.join(root, 'test'));
  return out.sort();
}

const layerOf = (name) =>
  name.endsWith('.sdk.test.ts') ? 'native' : name.endsWith('.vscode.test.ts') ? 'vscode' : name.endsWith('.ui.test.ts') ? 'ui' : name.endsWith('.test.ts') ? 'unit' : undefined;

function filesFor(layer) {
  const files = onlyFiles.length ? onlyFiles.filter((f) => layerOf(path.basename(f)) === layer) : findTests((n) => layerOf(n) === layer);
  return files;
}

/** Runs a command with inherited output; resolves with its exit code. */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function readResults(file, layer, exitCode) {
  try {
    const counts = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (exitCode !== 0 && counts.failed === 0) {
      // The process failed outside any test (a crash after mocha's end, a failed harness): count it.
      counts.failed = 1;
      counts.failures.push({ title: `${layer} layer`, error: `exited with ${exitCode} although no test failed` });
    }
    return counts;
  } catch {
    return { passed: 0, failed: 1, skipped: 0, failures: [{ title: `${layer} layer`, error: `produced no results (exit code ${exitCode})` }], skips: [] };
  }
}

function resultsFile(layer) {
  const file = path.join(outputDir, `results-${layer}.json`);
  fs.rmSync(file, { force: true });
  return file;
}

function build() {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}

function mochaArgs(files, timeoutMs) {
  return ['--enable-source-maps', '--expose-gc', mochaBin, '--require', register, '--reporter', reporter, '--timeout', String(timeoutMs), ...files];
}

/** How this machine can run a process without network, or why it cannot. */
function networkNamespace() {
  const isRoot = process.getuid?.() === 0;
  const attempts = isRoot ? [['-n'], ['-rn']] : [['-rn']];
  for (const flags of attempts) {
    const probe = spawnSync('unshare', [...flags, 'true'], { encoding: 'utf8' });
    if (probe.status === 0) return { flags };
    if (probe.error?.code === 'ENOENT') return { reason: 'unshare is not installed (util-linux)' };
  }
  const probe = spawnSync('unshare', [...attempts.at(-1), 'true'], { encoding: 'utf8' });
  return { reason: `unshare ${attempts.at(-1).join(' ')} failed: ${(probe.stderr || '').trim() || 'not permitted'}` };
}

const layers = {
  async unit() {
    const files = filesFor('unit');
    const file = resultsFile('unit');
    const code = await run(process.execPath, mochaArgs(files, 30_000), { env: { ...process.env, TIMCHAT_TEST_RESULTS: file } });
    return readResults(file, 'unit', code);
  },

  async native() {
    const files = filesFor('native');
    if (!files.length) return { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
    const netns = networkNamespace();
    if (!netns.flags) {
      // libImSDK connects to Tencent at TIMInit: it never runs with network, so these tests are skipped.
      console.log(`native: SKIPPED ${files.length} file(s): no network namespace can be had here (${netns.reason})`);
      return { passed: 0, failed: 0, skipped: files.length, failures: [], skips: files.map((f) => `${f}: ${netns.reason}`) };
    }
    if (fs.existsSync(path.join(root, 'scripts/sdk.mjs'))) {
      const sdk = await run(process.execPath, [path.join(root, 'scripts/sdk.mjs')]);
      if (sdk !== 0) return { passed: 0, failed: 1, skipped: 0, failures: [{ title: 'native layer', error: 'npm run sdk failed' }], skips: [] };
    }
    ensureRelay(); // the endpoint tests load it from dist/native/ as the extension does
    const file = resultsFile('native');
    console.log(`native: running in a network namespace (unshare ${netns.flags.join(' ')})`);
    const code = await run('unshare', [...netns.flags, process.execPath, ...mochaArgs(files, 180_000)], { env: { ...process.env, TIMCHAT_TEST_RESULTS: file } });
    return readResults(file, 'native', code);
  },

  async vscode() {
    const files = filesFor('vscode');
    if (!files.length) return { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
    build();
    const file = resultsFile('vscode');
    const env = { ...process.env, TIMCHAT_TEST_RESULTS: file, TIMCHAT_TEST_FILES: files.join(path.delimiter) };
    const runner = [process.execPath, '-r', register, path.join(root, 'test/harness/runVsCodeTests.ts')];
    // The whole layer (VS Code server, Chromium, emulators) runs in a network namespace with only
    // loopback up when one can be had: then the extension may load libImSDK, and the native backend
    // is tested in the real extension host too (its test skips, saying why, otherwise).
    const netns = networkNamespace();
    if (netns.flags && spawnSync('unshare', [...netns.flags, 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8' }).status === 0) {
      if (fs.existsSync(path.join(root, 'scripts/sdk.mjs'))) await run(process.execPath, [path.join(root, 'scripts/sdk.mjs')]);
      console.log(`vscode: running in a network namespace with only loopback (unshare ${netns.flags.join(' ')})`);
      const quoted = runner.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
      const code = await run('unshare', [...netns.flags, 'sh', '-c', `ip link set lo up && exec ${quoted}`], { env: { ...env, TIMCHAT_NETNS: '1' } });
      return readResults(file, 'vscode', code);
    }
    console.log(`vscode: no network namespace (${netns.reason ?? 'ip link set lo up failed'}); the native backend test will skip`);
    const code = await run(runner[0], runner.slice(1), { env });
    return readResults(file, 'vscode', code);
  },

  async ui() {
    const files = filesFor('ui');
    if (!files.length) return { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
    build();
    const file = resultsFile('ui');
    const code = await run(process.execPath, mochaArgs(files, 300_000), { env: { ...process.env, TIMCHAT_TEST_RESULTS: file } });
    return readResults(file, 'ui', code);
  },
};

const totals = { passed: 0, failed: 0, skipped: 0 };
const report = [];
const started = Date.now();
for (const layer of which === 'all' ? LAYERS : [which]) {
  console.log(`\n===== ${layer} tests =====`);
  const layerStarted = Date.now();
  let counts;
  try {
    counts = await layers[layer]();
  } catch (error) {
    counts = { passed: 0, failed: 1, skipped: 0, failures: [{ title: `${layer} layer`, error: String(error?.stack ?? error) }], skips: [] };
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  report.push({ layer, ...counts, seconds: Math.round((Date.now() - layerStarted) / 1000) });
}
/** How many lines of a failure's message the summary shows. */
const FAILURE_LINES = 15;
console.log('\n===== summary =====');
for (const r of report) {
  console.log(`${r.layer.padEnd(7)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.seconds} s)`);
  // The first lines of each failure (an assertion's diff included): CI keeps only this summary.
  for (const f of r.failures) console.log(`  FAILED ${f.title}: ${f.error.split('\n').slice(0, FAILURE_LINES).join('\n      ')}`);
  for (const s of r.skips) console.log(`  skipped ${s}`);
}
console.log(`total time ${Math.round((Date.now() - started) / 1000)} s on ${os.cpus().length} cores`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
