/**
 * Sharing a selection with several people, and the secrets warning, in the real workbench: alice picks
 * bob, carol and dave (and an unknown ID) for "Share Selection with Several People…"; the three get the
 * snippet, and "Show Results" lists a result for each person. Code holding a private key raises the
 * modal warning: Cancel sends nothing, Share Anyway sends. The receivers are plain TIM clients
 * (test/harness/timUser.ts) on the same emulator, so what they get is checked message by message.
 */
import * as assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { snippetOfElement } from '../../src/extension/share/snippetFormat';
import type { SnippetView } from '../../src/shared/chatModel';
import type { TimMessage } from '../../src/tim/types/message';
import { seedEmulator, startEmulatorProcess, type EmulatorProcess } from '../harness/emulatorProcess';
import { freshRunDir } from '../harness/paths';
import { eventually, signInUser, type TimUser } from '../harness/timUser';
import { activityBarItem, answerInput, openWorkbench, runCommand, screenshotOnFailure, type Workbench } from '../harness/workbench';

const CODE = [
  '// Retries a flaky call a few times before giving up.',
  'export async function retry<T>(call: () => Promise<T>, times = 3): Promise<T> {',
  '  for (let i = 1; ; i++) {',
  '    try { return await call(); } catch (error) { if (i >= times) throw error; }',
  '  }',
  '}',
  '',
].join('\n');

// Built from pieces so this file itself does not trip secret scanners.
const KEY_BODY = ['MIIEowIBAAKCAQEAq7BFUpkGp3+LQmlQ', 'Yx5Ii8J4d1mEwOqkR0ZLRm3vT2sN8hQ'].join('');
const DEPLOY = [
  '// Deploy settings.',
  "export const host = 'deploy.example.com';",
  'export const key = `',
  ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' '),
  KEY_BODY,
  ['-----END RSA', 'PRIVATE KEY-----'].join(' '),
  '`;',
  '',
].join('\n');

const REMOTE = 'https://example.com/team/tools.git';
const COMMIT = '89abcdef0123456789abcdef0123456789abcdef';
/**
 * The workspace is its own repository (gitInfo reads .git directly): otherwise snippet paths would be
 * relative to the repository the test run folder happens to sit in.
 */
const FILES: Record<string, string> = {
  'src/retry.ts': CODE,
  'src/deploy.ts': DEPLOY,
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.git/config': `[remote "origin"]\n\turl = ${REMOTE}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`,
  '.git/refs/heads/main': `${COMMIT}\n`,
};

/** What a user receives, as it arrives. */
function inbox(user: TimUser): { messages: TimMessage[]; dispose(): void } {
  const messages: TimMessage[] = [];
  const subscription = user.client.onEvent('RecvNewMsg', (received) => messages.push(...received));
  return { messages, dispose: () => subscription.dispose() };
}

function snippetOf(message: TimMessage): SnippetView | undefined {
  return message.message_elem_array.map((e) => snippetOfElement(e)).find(Boolean);
}

function textOf(message: TimMessage): string {
  return message.message_elem_array.map((e) => ('text_elem_content' in e ? String(e.text_elem_content) : '')).join('');
}

/** Opens a workspace file with Quick Open and selects the lines from `first` to `last` (1-based). */
async function selectLines(page: Page, file: string, first: number, last: number): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(file);
  // Quick Open searches the workspace first: pick the file once it is listed.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().click({ timeout: 30_000 });
  await page.locator('.tab.active', { hasText: file }).waitFor({ timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await answerInput(page, `:${first}`); // the Go to Line box starts with ':'
  for (let line = first; line < last; line++) {
    await page.keyboard.press('Shift+ArrowDown');
  }
  await page.keyboard.press('Shift+End');
  // The status bar shows the selection once the editor has it: the command reads it from there.
  await page.locator('.statusbar-item', { hasText: /selected\)/ }).first().waitFor({ timeout: 15_000 });
}

/** Answers an input box by its prompt, so the answer never lands in the quick pick that came before. */
async function answerPrompt(page: Page, prompt: string, text: string): Promise<void> {
  await page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ timeout: 30_000 });
  await answerInput(page, text);
}

describe('sharing with several people, and the secrets warning, in the workbench', function () {
  this.timeout(300_000);
  let emulator: EmulatorProcess;
  let alice: Workbench;
  let bob: TimUser;
  let carol: TimUser;
  let dave: TimUser;

  before(async () => {
    const dataDir = path.join(freshRunDir('ui-share-batch'), 'emulator');
    seedEmulator(dataDir, {
      users: [{ id: 'alice', nick: 'Alice' }, { id: 'bob', nick: 'Bob' }, { id: 'carol', nick: 'Carol' }, { id: 'dave', nick: 'Dave' }],
      // One-to-one conversations with each, so "Several People…" lists them.
      messages: ['bob', 'carol', 'dave'].map((from) => ({ from, to: 'alice', text: `hi alice, ${from} here` })),
    });
    emulator = await startEmulatorProcess(dataDir);
    [bob, carol, dave] = await Promise.all(['bob', 'carol', 'dave'].map((id) => signInUser(emulator, id)));
    alice = await openWorkbench({
      name: 'share-batch-alice',
      files: FILES,
      env: { TIMCHAT_AUTO_SIGN_IN: 'alice', TIMCHAT_EMULATOR_DATA: emulator.dataDir, TIMCHAT_EMULATOR_URL: emulator.url },
      settings: { 'timChat.emulator.url': emulator.url },
      modalDialogs: true, // the secrets warning is one
    });
    await activityBarItem(alice.page, 'TIM Chat').click({ timeout: 60_000 });
    for (const nick of ['Bob', 'Carol', 'Dave']) {
      await alice.page.locator('.pane-body .monaco-list-row', { hasText: nick }).first().waitFor({ timeout: 60_000 });
    }
  });

  screenshotOnFailure(() => [alice]);

  after(async () => {
    await alice?.close();
    await Promise.all([bob, carol, dave].map((u) => u?.close()));
    await emulator?.stop();
  });

  it('sends one batch that reaches three people, and shows the result for each', async () => {
    const { page } = alice;
    const receivers = [bob, carol, dave];
    const boxes = receivers.map(inbox);
    await selectLines(page, 'retry.ts', 2, 6);
    await runCommand(page, 'TIM Chat: Share Selection with Several People…');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    for (const name of ['Bob', 'Carol', 'Dave', 'Other People by User ID']) {
      const row = rows.filter({ hasText: name }).first();
      await row.click({ timeout: 30_000 });
      await page.locator('.quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: name }).waitFor({ timeout: 10_000 });
    }
    await page.keyboard.press('Enter');
    // An ID no one signed in with: the batch send fails for that person only.
    await answerPrompt(page, 'User IDs, separated by commas', 'nobody');
    await answerPrompt(page, 'Add a comment', 'please review the retry loop');

    const toast = page.locator('.notification-toast', { hasText: 'Shared src/retry.ts:2-6 with 3 of 4 people. Not sent to: nobody.' });
    await toast.waitFor({ timeout: 60_000 });
    await alice.screenshot('batch-sent.png');
    await toast.locator('.monaco-button', { hasText: 'Show Results' }).click();
    const results = page.locator('.quick-input-list .monaco-list-row');
    await results.filter({ hasText: 'nobody' }).waitFor({ timeout: 30_000 });
    const shown = await results.evaluateAll((list) =>
      list.map((row) => {
        const icon = row.querySelector('.codicon-check') ? 'ok' : row.querySelector('.codicon-error') ? 'error' : '?';
        const text = (selector: string): string => row.querySelector(selector)?.textContent?.trim() ?? '';
        return `${icon} ${text('.label-name')} | ${text('.label-description')}`;
      }),
    );
    await alice.screenshot('batch-results.png');
    // Failures first; the people sent to follow in the picker's order, which is by recent conversation
    // (the seeded messages may straddle a second), so they are compared sorted.
    assert.equal(shown.length, 4);
    assert.match(shown[0], /^error nobody \| Not sent: user nobody does not exist \(\d+\)$/);
    assert.deepEqual(shown.slice(1).sort(), ['ok Bob | bob · Sent', 'ok Carol | carol · Sent', 'ok Dave | dave · Sent']);
    await page.keyboard.press('Escape');

    for (const [i, box] of boxes.entries()) {
      const message = await eventually(() => box.messages.find((m) => snippetOf(m)), 30_000, `${receivers[i].userId} receives the snippet`);
      box.dispose();
      assert.equal(message.message_sender, 'alice');
      assert.deepEqual(snippetOf(message), {
        path: 'src/retry.ts', languageId: 'typescript', startLine: 2, endLine: 6, gitRemote: REMOTE, gitCommit: COMMIT, code: CODE.split('\n').slice(1, 6).join('\n'),
      });
      assert.match(textOf(message), /^please review the retry loop\n\nsrc\/retry\.ts:2-6\n```typescript\nexport async function retry/);
    }
  });

  it('warns before sharing a private key: Cancel sends nothing, Share Anyway sends', async () => {
    const { page } = alice;
    // Messages from one sender arrive in order: had Cancel sent anything, it would come first.
    const received = inbox(bob);
    await selectLines(page, 'deploy.ts', 1, 7);
    await runCommand(page, 'TIM Chat: Share Selection…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.locator('.dialog-message-text').innerText(), /The code you are sharing may contain secrets/);
    const detail = await dialog.locator('.dialog-message-detail').innerText();
    assert.match(detail, /Found a private key \(line 4\)\./);
    assert.ok(!detail.includes(KEY_BODY), 'the warning does not show the key');
    await alice.screenshot('secret-warning.png');
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    // Cancel ends the command: it does not go on to ask whom to share with.
    await page.waitForTimeout(1000);
    assert.equal(await page.locator('.quick-input-widget', { hasText: 'Choose a conversation' }).isVisible(), false);

    await runCommand(page, 'TIM Chat: Share Selection…');
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: 'Share Anyway' }).click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Bob' }).first().click({ timeout: 30_000 });
    await answerPrompt(page, 'Add a comment', 'sent anyway');
    await page.locator('.notification-toast', { hasText: 'Shared src/deploy.ts:1-7 with Bob.' }).waitFor({ timeout: 60_000 });

    const first = await eventually(() => received.messages[0], 30_000, 'bob receives the snippet shared anyway');
    received.dispose();
    assert.equal(received.messages.length, 1, 'only the message shared anyway arrived');
    assert.match(textOf(first), /^sent anyway\n/);
    assert.equal(snippetOf(first)?.code, DEPLOY.split('\n').slice(0, 7).join('\n'));
  });
});
