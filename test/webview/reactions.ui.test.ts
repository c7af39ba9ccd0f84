/**
 * Message reactions (the webview bundle in headless Chromium against the fake host): a message's
 * reactions under its text with their counts, who reacted and whether the user did; a click adds the
 * user's reaction or takes it back; "Add Reaction…" in the menu and the add button open the picker,
 * which works with the keyboard and gives focus back.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { outputPath } from '../harness/paths';
import { fakeHostSession, hostLog, messageMenuLabels, openFakePanel, openMessageMenu, pickFromMessageMenu } from './fakeHostSession';

describe('chat webview: reactions', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-reactions');
  let page: Page;

  beforeEach(async () => {
    page = session.page;
    // The fake host gives m61 (40k+21, the newest here) a 👍 by three others and a 🎉 by "me" and eleven others.
    await openFakePanel(page, session.server.url, 'n=62');
  });

  const chips = (id: string) => page.locator(`.message[data-id="${id}"] .reaction`);
  const chipState = async (id: string): Promise<Array<{ text: string; pressed: string | null; title: string | null }>> =>
    chips(id).evaluateAll((nodes) => nodes.map((n) => ({ text: (n as HTMLElement).innerText.replace(/\s+/g, ' ').trim(), pressed: n.getAttribute('aria-pressed'), title: n.getAttribute('title') })));
  const reactRequests = async (): Promise<unknown[]> => (await hostLog(page)).requests.filter((r) => r.method === 'chat/react').map((r) => r.params);

  it("shows each reaction's count, who reacted and whether the user did", async () => {
    await page.locator('.message[data-id="m61"]').scrollIntoViewIfNeeded();
    assert.deepEqual(await chipState('m61'), [
      { text: '👍 3', pressed: 'false', title: 'Alice Liddell, Bob Stone, Carol 张 reacted with 👍' },
      { text: '🎉 12', pressed: 'true', title: 'You, Alice Liddell, Bob Stone, Carol 张, Dan, Eve, Fay, Gus, Hal, Ivy and 2 more reacted with 🎉' },
    ]);
    assert.equal(await chips('m60').count(), 0, 'a message without reactions shows none');
    assert.equal(await page.locator('.message[data-id="m60"] .reactions').count(), 0, 'nor an empty row for them');
    await page.locator('.message[data-id="m61"]').hover();
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-reactions.png') });
  });

  it("a click adds the user's reaction, and takes it back when it is theirs", async () => {
    await page.locator('.message[data-id="m61"]').scrollIntoViewIfNeeded();
    await chips('m61').first().click();
    await page.waitForFunction(() => document.querySelector('.message[data-id="m61"] .reaction')?.textContent?.includes('4') === true);
    await chips('m61').nth(1).click();
    await page.waitForFunction(() => document.querySelectorAll('.message[data-id="m61"] .reaction')[1]?.textContent?.includes('11') === true);
    const state = await chipState('m61');
    assert.deepEqual(state.map((c) => [c.text, c.pressed]), [['👍 4', 'true'], ['🎉 11', 'false']]);
    assert.deepEqual(await reactRequests(), [{ id: 'm61', reaction: '👍' }, { id: 'm61', reaction: '🎉' }]);
  });

  it('adds a reaction from the menu with the keyboard; the picker closes with Escape and gives focus back', async () => {
    const target = page.locator('.message[data-id="m60"]');
    await pickFromMessageMenu(page, target, 'Add Reaction…');
    const picker = page.locator('.reaction-picker');
    await picker.waitFor();
    assert.equal(await picker.getAttribute('aria-label'), 'Reactions to add');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.reaction), '👍', 'the first reaction has focus');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.reaction), '❤️');
    // End goes to the last button (More Emoji…), the one before it is the last reaction.
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'More Emoji…');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.querySelector('.message[data-id="m60"] .reaction') !== null);
    assert.deepEqual((await chipState('m60')).map((c) => [c.text, c.pressed]), [['🚀 1', 'true']]);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.message')?.getAttribute('data-id')), 'm60', 'focus is back on the message');

    // The add button beside the reactions opens the picker too; Escape closes it without a request.
    await target.hover();
    await target.locator('.reaction-add').click();
    await picker.waitFor();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.classList.contains('reaction-add')), true, 'focus is back on the add button');
    assert.deepEqual(await reactRequests(), [{ id: 'm60', reaction: '🚀' }]);
  });

  it('reacts with any emoji of the emoji panel (More Emoji… in the picker), by keyboard or mouse', async () => {
    const target = page.locator('.message[data-id="m58"]');
    await pickFromMessageMenu(page, target, 'Add Reaction…');
    const picker = page.locator('.reaction-picker');
    const panel = page.locator('#emoji-panel');
    await picker.waitFor();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'hidden' });
    await panel.waitFor();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.emoji), '👍', 'Down from the search box: the first emoji');
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.emoji);
    assert.equal(second, await panel.locator('.emoji-choice').nth(10).getAttribute('data-emoji'), 'a row down');
    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.querySelector('.message[data-id="m58"] .reaction') !== null);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.message')?.getAttribute('data-id')), 'm58', 'focus is back on the message');
    // The mouse: the add button, More Emoji…, then 🐢 (not one of the quick reactions).
    await target.hover();
    await target.locator('.reaction-add').click();
    await picker.locator('.reaction-more').click();
    await panel.locator('.emoji-choice[data-emoji="🐢"]').click();
    await panel.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.querySelectorAll('.message[data-id="m58"] .reaction').length === 2);
    assert.deepEqual((await chipState('m58')).map((c) => [c.text, c.pressed]), [[`${second} 1`, 'true'], ['🐢 1', 'true']]);
    assert.deepEqual((await reactRequests()).filter((r) => (r as { id: string }).id === 'm58'), [{ id: 'm58', reaction: second }, { id: 'm58', reaction: '🐢' }]);
  });

  it('offers Show Who Reacted… once a message has reactions, and no reactions where the TIM app has none', async () => {
    await pickFromMessageMenu(page, 'm61', 'Show Who Reacted…');
    await page.waitForFunction(() => (window as unknown as { __host: { requests: Array<{ method: string }> } }).__host.requests.some((r) => r.method === 'chat/whoReacted'));
    assert.deepEqual((await hostLog(page)).requests.filter((r) => r.method === 'chat/whoReacted').map((r) => r.params), [{ id: 'm61' }]);

    await openFakePanel(page, session.server.url, 'n=62&reactions=0');
    await openMessageMenu(page, 'm60');
    const labels = await messageMenuLabels(page);
    assert.ok(labels.includes('Reply') && !labels.includes('Add Reaction…') && !labels.includes('Show Who Reacted…'), labels.join(', '));
  });

  it('shows why a reaction could not change, and offers none on a message still sending', async () => {
    await page.locator('.message[data-id="m61"]').scrollIntoViewIfNeeded();
    // A reaction the host refuses (not TIM Chat's, not on the message): made up in the page, as a
    // tampered row would send it.
    await page.evaluate(() => {
      const chip = document.querySelector<HTMLElement>('.message[data-id="m61"] .reaction');
      if (chip) {
        chip.dataset.reaction = '<b>x</b>';
      }
    });
    await chips('m61').first().click();
    await page.locator('#error-line').filter({ hasText: 'Could not change the reaction: That reaction is not one TIM Chat offers.' }).waitFor();
    assert.deepEqual((await chipState('m61')).map((c) => c.text), ['👍 3', '🎉 12'], 'nothing changed');
    await page.locator('#composer-input textarea').focus();
    await page.keyboard.type('brand new');
    await page.keyboard.press('Enter');
    const sending = page.locator('.message[data-status="sending"]');
    await openMessageMenu(page, sending);
    const labels = await messageMenuLabels(page);
    assert.ok(!labels.includes('Add Reaction…'), labels.join(', '));
  });

  it("shows a TUIKit app's emoji key as its emoji, and reacts with the key itself", async () => {
    await page.evaluate(() => {
      const host = (window as unknown as { __host: { generated(i: number): Record<string, unknown>; notify(method: string, params: unknown): void } }).__host;
      host.notify('chat/messageUpdated', { message: { ...host.generated(60), reactions: [{ id: '[TUIEmoji_Like]', count: 2, mine: false, users: ['Bob Stone', 'Carol'] }] } });
    });
    await page.locator('.message[data-id="m60"] .reaction').waitFor();
    assert.deepEqual(await chipState('m60'), [{ text: '👍 2', pressed: 'false', title: 'Bob Stone, Carol reacted with 👍' }]);
    assert.equal(await chips('m60').getAttribute('data-reaction'), '[TUIEmoji_Like]');
    await chips('m60').click();
    await page.waitForFunction(() => (window as unknown as { __host: { requests: Array<{ method: string }> } }).__host.requests.some((r) => r.method === 'chat/react'));
    assert.deepEqual(await reactRequests(), [{ id: 'm60', reaction: '[TUIEmoji_Like]' }]);
  });
});
