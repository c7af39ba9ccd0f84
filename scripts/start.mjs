// `npm start`: runs TIM Chat on this machine. Builds the bundles, starts tim-emulator with a seeded
// demo team, and opens VS Code with the extension: VS Code desktop with
// --extensionDevelopmentPath when `code` is on PATH, otherwise the VS Code server from code-server
// (installed into .cache/ on first use) on a printed 127.0.0.1 address. Ctrl+C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
require('./ts-register.cjs');

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const { startDemoEmulator } = require('./startDemo.ts');
const { developmentExtensionUri, startVsCodeServer } = require('../test/harness/codeServer.ts');

// TIMCHAT_START_DIR lets tests run npm start on a state folder of their own.
const stateDir = process.env.TIMCHAT_START_DIR || path.join(root, '.cache', 'start');
fs.mkdirSync(stateDir, { recursive: true });
const emulator = await startDemoEmulator(stateDir);

const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, root], { stdio: 'inherit', env: { ...process.env, ...emulator.env } });
  console.log('start: opened VS Code desktop with TIM Chat as a development extension');
} else {
  const runDir = path.join(stateDir, 'vscode');
  fs.mkdirSync(runDir, { recursive: true });
  const server = await startVsCodeServer({ runDir, env: emulator.env, settings: emulator.settings });
  const payload = encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', developmentExtensionUri(server, runDir)], ['skipWelcome', 'true']]));
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  console.log(`\nTIM Chat is running. Open this address in a browser on this machine:\n\n  ${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${payload}\n`);
}
console.log(emulator.description);
// Ctrl+C: the harness (test/harness/processes.ts) stops every process started here, cleanly.
console.log('Press Ctrl+C to stop.');
