/**
 * The packaged extension: `npm run package` makes a .vsix without sources or tests but with koffi's
 * native binary, and that .vsix installs into the real VS Code and activates there.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { outputPath, repoRoot } from '../harness/paths';
import { activeWebview, activityBarItem, answerInput, openWorkbench, runCommand, type Workbench } from '../harness/workbench';

describe('the .vsix', function () {
  this.timeout(240_000);
  const vsix = outputPath('tim-chat.vsix');
  let entries: string[] = [];
  let workbench: Workbench | undefined;

  before(() => {
    fs.rmSync(vsix, { force: true });
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts/package.mjs'), '--out', vsix], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    // A .vsix is a zip; unzip -Z1 lists its entries.
    entries = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
  });
  after(async () => {
    await workbench?.close();
  });

  it('carries the bundles and koffi\'s native binary, and no sources or tests', () => {
    for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/webview.js', 'extension/dist/codicons/codicon.ttf',
      // The embedded emulator and its socket worker thread, loaded from beside it.
      'extension/dist/emulator.js', 'extension/dist/emulatorSocketWorker.js',
      'extension/package.nls.zh-cn.json', 'extension/l10n/bundle.l10n.zh-cn.json']) {
      assert.ok(entries.includes(required), `${required} is in the .vsix`);
    }
    assert.ok(entries.some((e) => /node_modules\/@koromix\/koffi-linux-x64\/linux_x64\/koffi\.node$/.test(e)), 'koffi.node is shipped');
    const leaked = entries.filter((e) => /^extension\/(src|test|scripts|bench|types)\//.test(e) || /\.ts$/.test(e) && !e.endsWith('.d.ts') || e.endsWith('.map'));
    assert.deepEqual(leaked, []);
    // The callback relay is built for this machine only: a package for every platform leaves it out.
    assert.deepEqual(entries.filter((e) => e.startsWith('extension/dist/native/')), []);
  });

  for (const [target, library] of [['linux-x64', 'libImSDK.so'], ['win32-x64', 'ImSDK.dll']] as const) {
    it(`makes a ${target} .vsix that carries ${library} and not the C headers`, () => {
      const platformVsix = outputPath(`tim-chat-${target}.vsix`);
      execFileSync(process.execPath, [path.join(repoRoot, 'scripts/package.mjs'), '--target', target, '--out', platformVsix], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
      const files = execFileSync('unzip', ['-Z1', platformVsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
      assert.ok(files.includes(`extension/native/${target}/${library}`), `${library} is in the ${target} .vsix`);
      assert.deepEqual(files.filter((f) => f.includes('/include/') || (f.startsWith('extension/native/') && !f.startsWith(`extension/native/${target}/`))), []);
      // The native callback relay is built here, so only this machine's package carries it.
      const relays = files.filter((f) => f.startsWith('extension/dist/native/'));
      assert.deepEqual(relays, target === `${process.platform}-${process.arch}` ? [`extension/dist/native/${target}/libtimchatrelay.so`] : []);
      const manifest = execFileSync('unzip', ['-p', platformVsix, 'extension.vsixmanifest'], { encoding: 'utf8' });
      assert.match(manifest, new RegExp(`TargetPlatform="${target}"`));
    });
  }

  it('installs into the real VS Code and activates', async () => {
    workbench = await openWorkbench({ name: 'vsix', developmentExtension: false, installVsix: [vsix] });
    const { page } = workbench;
    const installed = fs.readdirSync(workbench.server.extensionsDir).filter((d) => d.startsWith('timchat.tim-chat-'));
    assert.equal(installed.length, 1, 'installed once into the extensions folder');
    await activityBarItem(page, 'TIM Chat').click({ timeout: 60_000 });
    await page.locator('.welcome-view-content', { hasText: 'Chat with your team' }).waitFor({ timeout: 60_000 });
    await runCommand(page, 'TIM Chat: Open Chat');
    await answerInput(page, 'bob');
    await activeWebview(page).locator('#host-status[data-kind="ok"]').waitFor({ state: 'attached', timeout: 30_000 });
    await workbench.screenshot('installed-vsix.png');
  });
});
