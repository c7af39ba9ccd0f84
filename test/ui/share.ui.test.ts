/**
 * Code that stays connected to the code, in the real workbench: alice selects lines in her copy of a
 * repository and shares them with bob; bob sees the snippet highlighted, opens it at the same lines in
 * his own copy of the repository (matched by git remote and path), and the card's badge turns from
 * "same" to "changed" when he edits those lines.
 */
import * as assert from 'node:assert/strict';
import path from 'node:path';
import { seedEmulator, startEmulatorProcess, type EmulatorProcess } from '../harness/emulatorProcess';
import { freshRunDir } from '../harness/paths';
import { activeWebview, activityBarItem, answerInput, openChatFromTree, openWorkbench, runCommand, screenshotOnFailure, type Workbench } from '../harness/workbench';

const CODE = [
  '// Parses the build number out of a version string.',
  'export function buildNumber(version: string): number {',
  "  const match = /\\+(\\d+)$/.exec(version);",
  '  return match ? Number(match[1]) : 0;',
  '}',
  '',
].join('\n');

/** The same repository (same remote) checked out by each person: gitInfo reads .git directly. */
const REPO: Record<string, string> = {
  'app/src/version.ts': CODE,
  'app/.git/HEAD': 'ref: refs/heads/main\n',
  'app/.git/config': '[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = https://example.com/team/app.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
  'app/.git/refs/heads/main': '0123456789abcdef0123456789abcdef01234567\n',
};

describe('sharing code in the workbench', function () {
  this.timeout(240_000);
  let emulator: EmulatorProcess;
  let alice: Workbench;
  let bob: Workbench;

  before(async () => {
    const dataDir = path.join(freshRunDir('ui-share'), 'emulator');
    seedEmulator(dataDir, {
      users: [{ id: 'alice', nick: 'Alice' }, { id: 'bob', nick: 'Bob' }],
      messages: [{ from: 'bob', to: 'alice', text: 'can you show me the version parser?' }],
    });
    emulator = await startEmulatorProcess(dataDir);
    const open = (name: string, userId: string): Promise<Workbench> =>
      openWorkbench({
        name,
        files: REPO,
        env: { TIMCHAT_AUTO_SIGN_IN: userId, TIMCHAT_EMULATOR_DATA: emulator.dataDir, TIMCHAT_EMULATOR_URL: emulator.url },
        settings: { 'timChat.emulator.url': emulator.url },
      });
    [alice, bob] = await Promise.all([open('share-alice', 'alice'), open('share-bob', 'bob')]);
    for (const workbench of [alice, bob]) {
      await activityBarItem(workbench.page, 'TIM Chat').click({ timeout: 60_000 });
      await workbench.page.locator('.pane-body .monaco-list-row', { hasText: workbench === alice ? 'Bob' : 'Alice' }).first().waitFor({ timeout: 60_000 });
    }
  });

  screenshotOnFailure(() => [alice, bob]);

  after(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await emulator?.stop();
  });

  it('shares a selection from the editor', async () => {
    const { page } = alice;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('version.ts');
    // Quick Open searches the workspace first: pick the file once it is listed.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'version.ts' }).first().click({ timeout: 30_000 });
    await page.locator('.tab', { hasText: 'version.ts' }).waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await answerInput(page, ':2'); // the Go to Line box starts with ':'
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await runCommand(page, 'TIM Chat: Share Selection…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Bob' }).first().click({ timeout: 15_000 });
    await answerInput(page, 'this is the parser');
    await page.locator('.notification-toast', { hasText: /Shared/ }).first().waitFor({ timeout: 30_000 });
    await alice.screenshot('shared.png');
  });

  it('shows the snippet highlighted to bob, opens it at the same lines, and notices his edit', async () => {
    const { page } = bob;
    await openChatFromTree(page, 'Alice');
    const chat = activeWebview(page);
    const card = chat.locator('.snippet-card').last();
    await card.waitFor({ timeout: 30_000 });
    assert.match(await card.locator('.snippet-path').innerText(), /src\/version\.ts/);
    assert.ok((await card.locator('.tok-keyword').count()) > 0, 'keywords are highlighted');
    assert.ok((await card.locator('.tok-string, .tok-number').count()) > 0, 'literals are highlighted');
    await chat.locator('.message', { hasText: 'this is the parser' }).first().waitFor({ timeout: 10_000 });
    // Bob's copy of the repository has exactly these lines.
    await chat.locator('.snippet-card[data-staleness="same"]').last().waitFor({ timeout: 30_000 });
    await bob.screenshot('snippet.png');

    await card.locator('[data-snippet-action="open"]').click();
    await page.locator('.tab.active', { hasText: 'version.ts' }).waitFor({ timeout: 30_000 });
    // The editor opened bob's own file (not a read-only copy) with the shared lines selected.
    await page.locator('.statusbar-item', { hasText: /Ln 2, Col 1 \(\d+ selected\)|Ln [234], Col/ }).first().waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('.tab.active .label-description, .tab.active', { hasText: 'Read-only' }).count(), 0);

    // Bob changes one of the shared lines: the card says his copy changed.
    await page.keyboard.press('End');
    await page.keyboard.type(' // edited by bob');
    await page.locator('.tab', { hasText: 'Alice' }).first().click();
    await activeWebview(page).locator('.snippet-card[data-staleness="changed"]').last().waitFor({ timeout: 30_000 });
    await bob.screenshot('snippet-changed.png');
  });
});
