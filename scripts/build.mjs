// Builds the three bundles with esbuild (type checking is separate: scripts/typecheck.mjs):
//   dist/extension.js  the extension host (node, cjs; vscode and koffi external: koffi's native
//                      binary is loaded from node_modules/@koromix/koffi-<platform>, shipped in the .vsix)
//   dist/webview.js    the chat UI (browser, esm) plus its CSS and the codicon font
//   dist/emulator.js   tim-emulator (node, cjs; better-sqlite3 external: it is ABI-specific native code)
//   dist/native/<platform>-<arch>/libtimchatrelay.*  the native callback relay (scripts/relay.mjs), where
//                      a C compiler is available
// Flags: --production (minify, no source maps), --watch.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRelay } from './relay.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dist = path.join(root, 'dist');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

/** @type {esbuild.BuildOptions[]} */
const bundles = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ws's optional native speedups are not shipped; it falls back to JS when they are missing.
    external: ['vscode', 'koffi', 'better-sqlite3', 'bufferutil', 'utf-8-validate'],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['src/emulator/cli.ts'],
    outfile: 'dist/emulator.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
  },
  {
    // The emulator's socket worker thread, loaded by dist/emulator.js from beside it (socketHost.ts).
    ...common,
    entryPoints: ['src/emulator/server/socketWorker.ts'],
    outfile: 'dist/emulatorSocketWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['bufferutil', 'utf-8-validate'],
  },
];

/** Static webview assets: the codicon font and stylesheet, copied next to the bundle. */
function copyAssets() {
  const codicons = path.join(root, 'node_modules/@vscode/codicons/dist');
  fs.mkdirSync(path.join(dist, 'codicons'), { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(path.join(codicons, file), path.join(dist, 'codicons', file));
  }
}

const existing = bundles.filter((b) => fs.existsSync(path.join(root, b.entryPoints[0])));
for (const b of bundles) {
  if (!existing.includes(b)) console.warn(`build: skipping ${b.outfile}: ${b.entryPoints[0]} does not exist yet`);
}
// Start from an empty dist/ so nothing stale (old source maps, removed bundles) is packaged.
if (!watch) fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });
copyAssets();
ensureRelay();
if (watch) {
  for (const b of existing) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('build: watching');
} else {
  const started = Date.now();
  await Promise.all(existing.map((b) => esbuild.build(b)));
  if (fs.existsSync(path.join(dist, 'emulator.js'))) fs.chmodSync(path.join(dist, 'emulator.js'), 0o755);
  console.log(`build: ${existing.map((b) => b.outfile).join(', ')} in ${Date.now() - started} ms`);
}
