/**
 * The rest of the message API in the real workbench, on a real tim-emulator: a file round-trips byte for
 * byte (alice sends it with the panel's attach button through VS Code's open dialog, bob's copy matches;
 * bob sends one, alice saves it with Download… through the save dialog); a merged message expands; a
 * starred message keeps its star after a window reload and is listed by "Show Starred Messages"; search
 * finds an English and a Chinese message and jumps to them.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { TIMConvType, TIMElemType } from '../../src/tim/enums';
import { seedEmulator, startEmulatorProcess, type EmulatorProcess } from '../harness/emulatorProcess';
import { freshRunDir, repoRoot } from '../harness/paths';
import { eventually, signInUser, type TimUser } from '../harness/timUser';
import { activeWebview, activityBarItem, openWorkbench, runCommandForPick, runCommandWithInput, openChatFromTree, screenshotOnFailure, type Workbench } from '../harness/workbench';

/** Answers VS Code's own (simple) file dialog, a quick input holding a path. */
async function answerFileDialog(page: Page, file: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  // The dialog fills in its starting folder once it has read it; typing before that is overwritten.
  await page.waitForFunction(() => ((document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value ?? '').length > 0, undefined, { timeout: 15_000 });
  await page.waitForTimeout(300);
  await input.fill(file);
  await page.waitForTimeout(500);
  if ((await input.inputValue()) !== file) {
    // The dialog refreshed its folder under us: type again.
    await input.fill(file);
    await page.waitForTimeout(500);
  }
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(async () => {
    await page.screenshot({ path: path.join(repoRoot, '.test-output', 'screenshots', 'messages-alice', 'file-dialog-still-open.png') });
    await page.keyboard.press('Enter');
  });
}

describe('files, merged messages, stars and search in the workbench', function () {
  this.timeout(300_000);
  let emulator: EmulatorProcess;
  let alice: Workbench;
  let bob: TimUser;
  let dir: string;

  before(async () => {
    dir = freshRunDir('ui-messages');
    const dataDir = path.join(dir, 'emulator');
    seedEmulator(dataDir, {
      users: [{ id: 'alice', nick: 'Alice' }, { id: 'bob', nick: 'Bob' }],
      messages: [
        { from: 'bob', to: 'alice', text: 'the release notes are ready' },
        { from: 'bob', to: 'alice', text: '请查看发布说明，谢谢' },
        ...Array.from({ length: 30 }, (_, i) => ({ from: 'bob', to: 'alice', text: `filler ${i}` })),
      ],
    });
    emulator = await startEmulatorProcess(dataDir);
    bob = await signInUser(emulator, 'bob');
    alice = await openWorkbench({
      name: 'messages-alice',
      colorScheme: 'dark',
      env: { TIMCHAT_AUTO_SIGN_IN: 'alice', TIMCHAT_EMULATOR_DATA: emulator.dataDir, TIMCHAT_EMULATOR_URL: emulator.url },
      settings: { 'timChat.emulator.url': emulator.url, 'files.simpleDialog.enable': true },
    });
    await activityBarItem(alice.page, 'TIM Chat').click({ timeout: 60_000 });
    await openChatFromTree(alice.page, 'Bob');
  });

  screenshotOnFailure(() => [alice]);

  after(async () => {
    await alice?.close();
    await bob?.close();
    await emulator?.stop();
  });

  it('sends a file from the panel and saves a received one, byte for byte', async () => {
    const chat = activeWebview(alice.page);
    const outgoing = path.join(dir, 'from-alice.bin');
    const sentBytes = randomBytes(300_000);
    fs.writeFileSync(outgoing, sentBytes);
    const received: Array<{ id: string; fileId: string }> = [];
    const listener = bob.client.onEvent('RecvNewMsg', (messages) => {
      for (const m of messages) {
        const file = m.message_elem_array.find((e) => e.elem_type === TIMElemType.File) as { file_elem_file_id?: string } | undefined;
        if (file?.file_elem_file_id) {
          received.push({ id: m.message_msg_id, fileId: file.file_elem_file_id });
        }
      }
    });
    await chat.locator('#composer-attach-file').click();
    await answerFileDialog(alice.page, outgoing);
    await chat.locator('.message[data-status="sent"] .element-file', { hasText: 'from-alice.bin' }).waitFor({ timeout: 30_000 });
    await eventually(() => received.length > 0, 20_000, 'bob receives the file');
    listener.dispose();
    const bobCopy = path.join(dir, 'bob-copy.bin');
    await bob.client.msgDownloadElemToPath({ msg_download_elem_param_type: 1, msg_download_elem_param_id: received[0].fileId, msg_download_elem_param_business_id: 0, msg_download_elem_param_url: '' }, bobCopy);
    assert.equal(Buffer.compare(fs.readFileSync(bobCopy), sentBytes), 0, 'bob gets the same bytes');

    const incoming = path.join(dir, 'from-bob.bin');
    const bobBytes = randomBytes(200_000);
    fs.writeFileSync(incoming, bobBytes);
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, { message_elem_array: [{ elem_type: TIMElemType.File, file_elem_file_path: incoming, file_elem_file_name: 'from-bob.bin', file_elem_file_size: bobBytes.length }] });
    const card = chat.locator('.message .element-file', { hasText: 'from-bob.bin' });
    await card.waitFor({ timeout: 30_000 });
    const saved = path.join(dir, 'saved-by-alice.bin');
    await card.locator('button[data-action="download"]').click();
    await answerFileDialog(alice.page, saved);
    await eventually(() => fs.existsSync(saved) && fs.statSync(saved).size === bobBytes.length, 30_000, 'the download');
    assert.equal(Buffer.compare(fs.readFileSync(saved), bobBytes), 0, 'alice saves the same bytes');
    await alice.screenshot('file-round-trip.png');
  });

  it('expands a merged message', async () => {
    await bob.client.msgSendMessage('alice', TIMConvType.C2C, {
      message_elem_array: [{
        elem_type: TIMElemType.Merge, merge_elem_title: 'Design review', merge_elem_abstract_array: ['bob: first point'], merge_elem_compatible_text: '[Chat history]',
        merge_elem_message_array: [
          { message_sender: 'bob', message_client_time: 1, message_server_time: 1, message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'first point' }] },
          { message_sender: 'carol', message_client_time: 2, message_server_time: 2, message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: '第二点' }] },
        ] as never,
      }],
    });
    const chat = activeWebview(alice.page);
    const merged = chat.locator('.message .element-merger', { hasText: 'Design review' });
    await merged.waitFor({ timeout: 30_000 });
    await merged.locator('button[data-action="expand"]').click();
    await merged.locator('.merger-message', { hasText: '第二点' }).waitFor({ timeout: 30_000 });
    assert.equal(await merged.locator('.merger-message').count(), 2);
    await alice.screenshot('merged-expanded.png');
  });

  it('keeps a star after a reload and lists it in Starred', async () => {
    const chat = activeWebview(alice.page);
    const target = chat.locator('.message', { hasText: 'filler 29' }).last();
    await target.click({ button: 'right' });
    await chat.locator('#message-menu vscode-context-menu-item[label="Star"]').click();
    await chat.locator('.message[data-starred="true"]', { hasText: 'filler 29' }).waitFor({ timeout: 30_000 });
    await alice.page.waitForTimeout(1500); // let the workbench save its editors before the reload
    await alice.page.reload();
    await alice.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const restored = activeWebview(alice.page);
    const starred = restored.locator('.message[data-starred="true"]', { hasText: 'filler 29' });
    const shown = await starred.waitFor({ timeout: 30_000 }).then(() => true, () => false);
    if (!shown) {
      // The panel itself was not restored (the reload test in chat.ui.test.ts covers that): open it.
      await alice.page.locator('.pane-body .monaco-list-row', { hasText: 'Bob' }).first().click({ timeout: 30_000 });
      await starred.waitFor({ timeout: 60_000 });
    }
    await alice.screenshot('starred-after-reload.png');
    await runCommandForPick(alice.page, 'TIM Chat: Show Starred Messages', 'filler 29');
    await alice.screenshot('starred-list.png');
    await alice.page.keyboard.press('Enter');
    await activeWebview(alice.page).locator('.message.revealed', { hasText: 'filler 29' }).waitFor({ timeout: 30_000 });
  });

  /**
   * Runs Search Messages… for `query` (any time, every type) until its results list `expected`. The jump
   * that ended the previous test (and the previous query) revealed the panel, and its focus can arrive
   * late and close a quick pick of the search, leaving its rows in the page, hidden (see
   * runCommandWithInput): then, and only then, the search runs once more.
   */
  async function searchFor(query: string, expected: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await runCommandWithInput(alice.page, 'TIM Chat: Search Messages…', query);
        await alice.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
        await alice.page.keyboard.press('Enter'); // any time
        await alice.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
        await alice.page.keyboard.press('Enter'); // every type
        await alice.page.locator('.quick-input-list .monaco-list-row', { hasText: expected }).waitFor({ timeout: 30_000 });
        return;
      } catch (error) {
        if (attempt >= 2 || (await alice.page.locator('.quick-input-widget').isVisible())) {
          throw error;
        }
      }
    }
  }

  it('finds an English and a Chinese message and jumps to them', async () => {
    for (const [query, expected] of [['release notes', 'the release notes are ready'], ['发布说明', '请查看发布说明']] as const) {
      await searchFor(query, expected);
      await alice.screenshot(`search-${query === 'release notes' ? 'english' : 'chinese'}.png`);
      await alice.page.keyboard.press('Enter');
      await activeWebview(alice.page).locator('.message.revealed', { hasText: expected }).waitFor({ timeout: 60_000 });
    }
  });
});
