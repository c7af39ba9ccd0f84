/**
 * @-mentions in the composer (the webview bundle in headless Chromium against the fake host): the
 * member list a group chat opens on '@', narrowing, the keyboard and the mouse, the mention a send
 * carries only while its "@name" is in the text, a failed member list, and one-to-one chats (no list).
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { outputPath } from '../harness/paths';
import { composerTextOf, fakeHostSession, hostLog, type HostLog, openFakePanelAtComposer } from './fakeHostSession';

describe('chat webview: @-mentions', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-mentions');
  let page: Page;

  async function open(query: string): Promise<void> {
    page = session.page;
    await openFakePanelAtComposer(page, session.server.url, `n=30&${query}`);
  }

  const composerText = (): Promise<string> => composerTextOf(page);
  const optionNames = (): Promise<string[]> => page.locator('#mention-list .mention-option .mention-name').allInnerTexts();
  const selectedName = (): Promise<string> => page.locator('#mention-list [aria-selected="true"] .mention-name').innerText();
  const sentParams = async (): Promise<Array<Record<string, unknown>>> => (await hostLog(page)).requests.filter((r) => r.method === 'chat/sendText').map((r) => r.params);

  it('lists the members on @, narrows as the user types, and picks with the keyboard', async () => {
    await open('type=group');
    await page.keyboard.type('ping @');
    const list = page.locator('#mention-list');
    await list.locator('.mention-option').first().waitFor();
    assert.deepEqual(await optionNames(), ['Alice Liddell', 'Bob Stone', 'Bobby Tables', 'Carol 张', 'everyone']);
    await page.keyboard.type('bo');
    await page.waitForFunction(() => document.querySelectorAll('#mention-list .mention-option').length === 2);
    assert.deepEqual(await optionNames(), ['Bob Stone', 'Bobby Tables']);
    assert.equal(await selectedName(), 'Bob Stone');
    await page.keyboard.press('ArrowDown');
    assert.equal(await selectedName(), 'Bobby Tables');
    await page.keyboard.press('ArrowDown');
    assert.equal(await selectedName(), 'Bob Stone', 'the selection wraps around');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-mentions.png') });
    // Enter picks (and does not send): the query becomes "@Bob Stone " and the list closes.
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'hidden' });
    assert.equal(await composerText(), 'ping @Bob Stone ');
    assert.deepEqual(await sentParams(), []);
    // The pick is saved as the draft, as typing is.
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.commands.some((c) => c.method === 'chat/saveDraft' && c.params.text === 'ping @Bob Stone '));
    // Typing goes on after the mention; a second one is picked with Tab among a word's matches ("张").
    await page.keyboard.type('and @张');
    await page.waitForFunction(() => document.querySelectorAll('#mention-list .mention-option').length === 1);
    await page.keyboard.press('Tab');
    assert.equal(await composerText(), 'ping @Bob Stone and @Carol 张 ');
    await page.keyboard.type('look');
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s1"]').waitFor();
    assert.deepEqual(await sentParams(), [{ text: 'ping @Bob Stone and @Carol 张 look', mentions: ['bob', 'carol'] }]);
  });

  it('sends only the mentions still in the text, and none for an email address', async () => {
    await open('type=group');
    await page.keyboard.type('@bobb');
    await page.locator('#mention-list .mention-option').first().waitFor();
    await page.keyboard.press('Enter');
    assert.equal(await composerText(), '@Bobby Tables ');
    // The user deletes the mention's last letters: "@Bobby Tabl" no longer mentions anyone.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(' mail me at someone@example.com');
    assert.equal(await page.locator('#mention-list').isHidden(), true, 'an @ inside a word opens nothing');
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s1"]').waitFor();
    assert.deepEqual(await sentParams(), [{ text: '@Bobby Tabl mail me at someone@example.com' }]);
  });

  it('keeps the members picked in a draft across a reload: the restored draft still mentions them', async () => {
    await open('type=group');
    await page.keyboard.type('ping @bo');
    await page.locator('#mention-list .mention-option').first().waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('about the release');
    await page.reload();
    await page.locator('#host-status[data-kind="ok"]').waitFor({ state: 'attached' });
    await page.waitForFunction(() => (document.getElementById('composer-input') as HTMLTextAreaElement | null)?.value === 'ping @Bob Stone about the release');
    await page.locator('#composer-input textarea').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.requests.some((r) => r.method === 'chat/sendText'));
    assert.deepEqual(await sentParams(), [{ text: 'ping @Bob Stone about the release', mentions: ['bob'] }]);
  });

  it('picks with the mouse, closes on Escape, and says when nobody matches', async () => {
    await open('type=group');
    await page.keyboard.type('@');
    await page.locator('#mention-list .mention-option').first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#mention-list').waitFor({ state: 'hidden' });
    assert.equal(await composerText(), '@', 'Escape closes the list and keeps the text');
    await page.keyboard.type('zz');
    await page.locator('#mention-list .mention-none').waitFor();
    assert.equal(await page.locator('#mention-list .mention-none').innerText(), 'No member matches "zz"');
    // Enter with nothing to pick sends the text as it is.
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s1"]').waitFor();
    await page.keyboard.type('cc @ev');
    await page.locator('#mention-list .mention-option').first().waitFor();
    await page.locator('#mention-list .mention-option', { hasText: 'everyone' }).click();
    assert.equal(await composerText(), 'cc @everyone ');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-input', 'the composer keeps the focus');
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s2"]').waitFor();
    assert.deepEqual(await sentParams(), [{ text: '@zz' }, { text: 'cc @everyone ', mentions: ['__kImSDK_MessageAtALL__'] }]);
  });

  it('shows a member list that failed to load, and asks again at the next @', async () => {
    await open('type=group&members=fail');
    await page.keyboard.type('@');
    const error = page.locator('#mention-list .mention-error');
    await error.waitFor();
    assert.equal(await error.innerText(), 'Could not load the members: the group is busy');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('@');
    await page.locator('#mention-list .mention-option').first().waitFor();
    assert.equal((await hostLog(page)).requests.filter((r) => r.method === 'chat/members').length, 2);
  });

  it('opens no list in a one-to-one chat and asks the host for no members', async () => {
    await open('');
    await page.keyboard.type('@bo');
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s1"]').waitFor();
    assert.equal(await page.locator('#mention-list').isHidden(), true);
    const log: HostLog = await hostLog(page);
    assert.equal(log.requests.filter((r) => r.method === 'chat/members').length, 0);
    assert.deepEqual(await sentParams(), [{ text: '@bo' }]);
  });
});
