/**
 * Editing a sent message (the webview bundle in headless Chromium against the fake host): Edit in an
 * own message's menu, or Up in an empty composer, puts its text in the composer under the "Editing
 * message" bar; Enter saves it (chat/edit) and the row shows the new text and "(edited)"; Escape
 * cancels; the draft in the composer before is put back and never overwritten by the edit.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { outputPath } from '../harness/paths';
import { fakeHostSession, hostLog, messageMenuLabels, openFakePanel, openMessageMenu, pickFromMessageMenu } from './fakeHostSession';

describe('chat webview: editing sent messages', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-editing');
  let page: Page;

  beforeEach(async () => {
    page = session.page;
    // m98 is the newest message of mine (the fake host's "me" writes every 7th).
    await openFakePanel(page, session.server.url, 'n=99');
    await page.locator('#composer-input textarea').focus();
  });

  const composerText = (): Promise<string> => page.locator('#composer-input').evaluate((e) => (e as HTMLTextAreaElement).value);
  const drafts = async (): Promise<unknown[]> => (await hostLog(page)).commands.filter((c) => c.method === 'chat/saveDraft').map((c) => c.params.text);

  it('edits an own message from its menu, keeps the draft aside, and marks the row edited', async () => {
    await page.keyboard.type('half a thought');
    await page.waitForFunction(() => (window as unknown as { __host: { commands: Array<{ method: string }> } }).__host.commands.some((c) => c.method === 'chat/saveDraft'));
    const mine = page.locator('.message[data-id="m98"]');
    await pickFromMessageMenu(page, mine, 'Edit');
    await page.locator('#edit-bar').waitFor();
    const original = await composerText();
    assert.match(original, /^#98 /);
    await page.keyboard.press('End');
    await page.keyboard.type(' (fixed)');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-editing.png') });
    await page.keyboard.press('Enter');
    await page.locator('#edit-bar').waitFor({ state: 'hidden' });
    const edits = (await hostLog(page)).requests.filter((r) => r.method === 'chat/edit').map((r) => r.params);
    assert.deepEqual(edits, [{ id: 'm98', text: `${original} (fixed)` }]);
    await mine.locator('.edited-mark').waitFor();
    assert.match(await mine.locator('.message-body').innerText(), /\(fixed\) \(edited\)$/);
    assert.equal(await composerText(), 'half a thought', 'the draft comes back');
    assert.ok(!(await drafts()).some((text) => String(text).startsWith('#98')), 'the edit never became the draft');
    assert.equal((await hostLog(page)).requests.filter((r) => r.method === 'chat/sendText').length, 0, 'nothing was sent');
  });

  it('edits the newest own message with Up in an empty composer, and Escape cancels', async () => {
    await page.keyboard.press('ArrowUp');
    await page.locator('#edit-bar').waitFor();
    assert.match(await composerText(), /^#98 /);
    await page.keyboard.press('Escape');
    await page.locator('#edit-bar').waitFor({ state: 'hidden' });
    assert.equal(await composerText(), '');
    // Up with text in the composer moves the caret as usual.
    await page.keyboard.type('line one');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.locator('#edit-bar').isHidden(), true);
    // Enter on an unchanged text ends the edit without asking the host.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('ArrowUp');
    await page.locator('#edit-bar').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#edit-bar').waitFor({ state: 'hidden' });
    assert.equal((await hostLog(page)).requests.filter((r) => r.method === 'chat/edit').length, 0);
  });

  it('keeps an edit under way, and the draft it put aside, across a reload; an ended edit stays ended', async () => {
    await page.keyboard.type('my draft');
    await pickFromMessageMenu(page, page.locator('.message[data-id="m98"]'), 'Edit');
    await page.locator('#edit-bar').waitFor();
    const original = await composerText();
    await page.keyboard.press('End');
    await page.keyboard.type(' v2');
    await page.reload();
    await page.locator('#host-status[data-kind="ok"]').waitFor({ state: 'attached' });
    await page.locator('#edit-bar').waitFor();
    await page.waitForFunction((text) => (document.getElementById('composer-input') as HTMLTextAreaElement | null)?.value === text, `${original} v2`);
    // Escape after the reload: the draft from before the edit comes back, not the edit's text.
    await page.locator('#composer-input textarea').focus();
    await page.keyboard.press('Escape');
    await page.locator('#edit-bar').waitFor({ state: 'hidden' });
    assert.equal(await composerText(), 'my draft');
    assert.ok(!(await drafts()).some((text) => String(text).startsWith('#98')), 'the edit never became the draft');
    await page.reload();
    await page.locator('#host-status[data-kind="ok"]').waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    assert.equal(await page.locator('#edit-bar').isHidden(), true, 'the cancelled edit does not come back');
    assert.equal(await composerText(), 'my draft');

    // Saved after a reload: chat/edit with the text as it was finished.
    await pickFromMessageMenu(page, page.locator('.message[data-id="m98"]'), 'Edit');
    await page.keyboard.press('End');
    await page.keyboard.type(' v3');
    await page.reload();
    await page.locator('#host-status[data-kind="ok"]').waitFor({ state: 'attached' });
    await page.locator('#edit-bar').waitFor();
    await page.locator('#composer-input textarea').focus();
    await page.keyboard.press('Enter');
    await page.locator('#edit-bar').waitFor({ state: 'hidden' });
    const edits = (await hostLog(page)).requests.filter((r) => r.method === 'chat/edit').map((r) => r.params);
    assert.deepEqual(edits, [{ id: 'm98', text: `${original} v3` }]);
    assert.equal(await composerText(), 'my draft');
  });

  it('offers no Edit on messages of others', async () => {
    await openMessageMenu(page, 'm97');
    const labels = await messageMenuLabels(page);
    assert.ok(labels.includes('Reply') && !labels.includes('Edit'), labels.join(', '));
  });
});
