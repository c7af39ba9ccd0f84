/**
 * `npm start` end to end: it seeds the demo team into a fresh tim-emulator, serves VS Code on a printed
 * loopback address with TIM Chat signed in as the demo user, and Ctrl+C stops everything it started.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from '../harness/chromium';
import { freshRunDir, outputPath, repoRoot } from '../harness/paths';
import { activeWebview, activityBarItem, openChatFromTree, runCommand, runCommandForPick } from '../harness/workbench';

function pidsMatching(pattern: string): number[] {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('npm start', function () {
  this.timeout(300_000);
  const stateDir = freshRunDir('npm-start');
  let start: ChildProcess;
  let output = '';
  let browser: BrowserContext | undefined;

  before(async () => {
    start = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs')], { cwd: repoRoot, env: { ...process.env, TIMCHAT_START_DIR: stateDir, PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'pipe'] });
    start.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    start.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 240_000;
    while (!/Press Ctrl\+C to stop/.test(output)) {
      if (start.exitCode !== null || Date.now() > deadline) {
        throw new Error(`npm start did not come up:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    if (start.exitCode === null) {
      start.kill('SIGKILL');
    }
  });

  it('prints a loopback address and serves the workbench signed in as the demo user', async () => {
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?\S+)/.exec(output)?.[1];
    assert.ok(url, output);
    assert.match(output, /ws:\/\/127\.0\.0\.1:\d+/);
    browser = await launchChromium(path.join(stateDir, 'chrome'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(url);
    await activityBarItem(page, 'TIM Chat').click({ timeout: 90_000 });
    try {
      // Groups by name; C2C conversations by the peer's nickname (Tencent's conv_show_name).
      for (const name of ['Developers', 'Long History', 'Bob Li', 'Carol Wang']) {
        await page.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: 60_000 });
      }
      // The demo team mentions the demo user in Developers (scripts/demoTeam.ts).
      await page.locator('.monaco-list-row', { hasText: 'Developers' }).filter({ hasText: '[Mentioned you]' }).waitFor({ timeout: 10_000 });
      // The demo user starred the chat with Carol: a star before its time.
      await page.locator('.monaco-list-row', { hasText: 'Carol Wang' }).filter({ hasText: '★' }).waitFor({ timeout: 10_000 });
      // Bob's parser fix carries the demo user's 👍: shown pressed in the real panel; a click takes it
      // back through the extension host and the emulator.
      await openChatFromTree(page, 'Bob Li');
      const thumbs = activeWebview(page).locator('.message', { hasText: 'Here is the fix for the parser' }).locator('.reaction[data-reaction="👍"]');
      await thumbs.waitFor({ timeout: 10_000 });
      assert.equal(await thumbs.getAttribute('aria-pressed'), 'true');
      assert.equal((await thumbs.innerText()).replace(/\s+/g, ' ').trim(), '👍 1');
      await page.screenshot({ path: outputPath('screenshots', 'npm-start', 'demo-reactions.png') });
      await thumbs.click();
      await thumbs.waitFor({ state: 'detached', timeout: 10_000 });
      // The owner of Developers (the demo user) pinned its welcome message: the pinned bar shows it, and a
      // click shows it in the history.
      await openChatFromTree(page, 'Developers');
      const pinned = activeWebview(page).locator('#pinned-show');
      await pinned.waitFor({ timeout: 10_000 });
      assert.match(await pinned.innerText(), /Welcome to the Developers group 👋/);
      await pinned.click();
      const welcome = activeWebview(page).locator('.message.revealed', { hasText: 'Welcome to the Developers group' });
      await welcome.waitFor({ timeout: 10_000 });
      // It asked who read it: bob and carol did, dave not yet.
      assert.equal((await welcome.locator('.message-meta.receipt').innerText()).trim(), 'Read by 2 of 3');
      await page.screenshot({ path: outputPath('screenshots', 'npm-start', 'demo-pinned.png') });
      // Erin asked to join Developers (it needs approval) before the demo user signed in: TIM Chat said
      // so at sign-in, and Review Join Requests… lists her request with her words.
      await runCommand(page, 'Notifications: Show Notifications');
      await page.locator('.notifications-center', { hasText: '1 request to join your groups is waiting.' }).waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      const request = await runCommandForPick(page, 'TIM Chat: Review Join Requests…', 'Erin Zhou asks to join Developers');
      assert.match(await request.innerText(), /I maintain the parser; may I join\?/);
      await page.screenshot({ path: outputPath('screenshots', 'npm-start', 'demo-join-request.png') });
      await page.keyboard.press('Escape');
      // Bob is played by a bot while npm start runs (scripts/demoTeammate.ts): online in the tree and the
      // chat's header; he reads what the demo user writes him and answers.
      const bobRow = page.locator('.monaco-list-row', { hasText: 'Bob Li' }).first();
      await page.waitForFunction(() => Array.from(document.querySelectorAll('.monaco-list-row')).some((row) => /^Bob Li \(online\)/.test(row.getAttribute('aria-label') ?? '')), undefined, { timeout: 30_000 });
      await openChatFromTree(page, 'Bob Li');
      const bobsChat = activeWebview(page);
      await bobsChat.locator('#chat-presence[data-presence="online"]').waitFor({ timeout: 30_000 });
      const composer = bobsChat.locator('#composer-input');
      await composer.evaluate((e) => {
        (e as HTMLTextAreaElement).value = 'Does the parser take hex?';
        e.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await composer.press('Enter');
      await bobsChat.locator('.message', { hasText: 'Got it: "Does the parser take hex?" 👍' }).waitFor({ timeout: 30_000 });
      await bobsChat.locator('.message.self', { hasText: 'Does the parser take hex?' }).locator('.receipt[data-read="true"]').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: outputPath('screenshots', 'npm-start', 'demo-teammate.png') });
      assert.ok(await bobRow.isVisible());
      // The demo user's contacts (scripts/demoTeam.ts): her teammates, and Erin's request with its words.
      // The Contacts view starts collapsed under Conversations; its header opens it.
      const contactsHeader = page.locator('.pane-header', { hasText: 'Contacts' });
      if ((await contactsHeader.getAttribute('aria-expanded')) !== 'true') {
        await contactsHeader.click();
      }
      const contacts = page.locator('.pane', { has: contactsHeader });
      const erin = contacts.locator('.monaco-list-row', { hasText: 'Erin Zhou' });
      await erin.waitFor({ timeout: 30_000 });
      assert.match(await erin.innerText(), /Shall we connect\?/);
      for (const name of ['Requests', 'Contacts', 'Bob Li', 'Carol Wang', 'Dave Zhang']) {
        await contacts.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
      }
      await page.screenshot({ path: outputPath('screenshots', 'npm-start', 'demo-contacts.png') });
      // Accept, the request row's own button: Erin joins the contacts and the Requests section goes.
      // Selected, a row shows its buttons (a request row has no command of its own to run on click).
      await erin.click();
      await erin.locator('.action-label[aria-label="Accept Contact Request"]').click({ timeout: 10_000 });
      await contacts.locator('.monaco-list-row', { hasText: 'Requests' }).waitFor({ state: 'detached', timeout: 30_000 });
      const erinContact = contacts.locator('.monaco-list-row', { hasText: 'Erin Zhou' });
      await erinContact.waitFor({ timeout: 10_000 });
      assert.doesNotMatch(await erinContact.innerText(), /Shall we connect/);
      await page.screenshot({ path: outputPath('screenshots', 'npm-start', 'demo-contact-accepted.png') });
    } finally {
      await page.screenshot({ path: outputPath('screenshots', 'npm-start', 'demo-team.png') });
    }
  });

  it('stops everything it started on Ctrl+C', async () => {
    const emulatorsBefore = pidsMatching(`emulator.js start --port .* --data ${stateDir}`);
    assert.equal(emulatorsBefore.length, 1, 'one emulator runs for this state folder');
    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    start.kill('SIGINT');
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(pidsMatching(`emulator.js start --port .* --data ${stateDir}`), []);
    assert.deepEqual(pidsMatching(`server-main.js .*${path.join(stateDir, 'vscode')}`), []);
  });
});
