/**
 * Emoji by shortcode in the composer (the webview bundle in headless Chromium against the fake host):
 * the list ":roc" opens, narrowing, the keyboard and the mouse, a shortcode typed out to its closing
 * colon, nothing for times, unknown names or code, Escape, the saved draft, and Chinese names; the
 * emoji panel and its Recently Used row.
 */
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { outputPath } from '../harness/paths';
import { composerTextOf, fakeHostSession, hostLog, type HostLog, openFakePanelAtComposer } from './fakeHostSession';

describe('chat webview: emoji by shortcode', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-emoji');
  let page: Page;

  async function open(query: string): Promise<void> {
    page = session.page;
    await openFakePanelAtComposer(page, session.server.url, `n=30&${query}`);
  }

  const composerText = (): Promise<string> => composerTextOf(page);
  const optionCodes = (): Promise<string[]> => page.locator('#emoji-list .emoji-option .emoji-code').allInnerTexts();
  const selectedCode = (): Promise<string> => page.locator('#emoji-list [aria-selected="true"] .emoji-code').innerText();
  const sentTexts = async (): Promise<unknown[]> => (await hostLog(page)).requests.filter((r) => r.method === 'chat/sendText').map((r) => r.params.text);
  const list = (): ReturnType<Page['locator']> => page.locator('#emoji-list');
  const notify = (method: string, params: unknown): Promise<void> =>
    page.evaluate(([m, p]) => (window as unknown as { __host: { notify(m: string, p: unknown): void } }).__host.notify(m as string, p), [method, params] as const);
  const focusedEmoji = (): Promise<string | undefined> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.emoji);
  /** The emoji buttons shown in `scope` (the panel, or its Recently Used row), in order. */
  const emojiIn = (scope: Locator): Promise<string[]> => scope.locator('.emoji-choice').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.emoji ?? ''));
  const usedEmoji = async (): Promise<unknown[]> => (await hostLog(page)).commands.filter((c) => c.method === 'chat/emojiUsed').map((c) => c.params.emoji);

  it('lists emoji on ":" and two letters, narrows as the user types, and picks with the keyboard', async () => {
    await open('');
    await page.keyboard.type('ship it :r');
    assert.equal(await list().isHidden(), true, 'one letter opens nothing');
    await page.keyboard.type('o');
    await list().locator('.emoji-option').first().waitFor();
    assert.deepEqual((await optionCodes()).slice(0, 2), [':rofl:', ':roll_eyes:']);
    await page.keyboard.type('c');
    await page.waitForFunction(() => document.querySelectorAll('#emoji-list .emoji-option').length === 1);
    assert.deepEqual(await optionCodes(), [':rocket:']);
    assert.equal(await page.locator('#emoji-list .emoji-glyph').innerText(), '🚀');
    assert.equal(await page.locator('#emoji-list .emoji-zh').count(), 0, 'no Chinese names in English');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-emoji.png') });
    // Enter picks (and does not send): the query becomes the emoji, and typing goes on after it.
    await page.keyboard.press('Enter');
    await list().waitFor({ state: 'hidden' });
    assert.equal(await composerText(), 'ship it 🚀');
    assert.deepEqual(await sentTexts(), []);
    // The pick is saved as the draft, as typing is.
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.commands.some((c) => c.method === 'chat/saveDraft' && c.params.text === 'ship it 🚀'));
    // Down moves, and the selection wraps around; Tab picks too.
    await page.keyboard.type(' :hear');
    await list().locator('.emoji-option').first().waitFor();
    assert.equal(await selectedCode(), ':heart:');
    await page.keyboard.press('ArrowDown');
    assert.equal(await selectedCode(), ':heart_eyes:');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await selectedCode(), (await optionCodes()).at(-1));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    assert.equal(await composerText(), 'ship it 🚀 ❤️');
    await page.keyboard.type(' now');
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s1"]').waitFor();
    assert.deepEqual(await sentTexts(), ['ship it 🚀 ❤️ now']);
  });

  it('turns a shortcode typed out to its closing colon into its emoji, and leaves times, unknown names and code alone', async () => {
    await open('type=group');
    await page.keyboard.type('great :tada:');
    await page.waitForFunction(() => (document.getElementById('composer-input') as HTMLTextAreaElement | null)?.value === 'great 🎉');
    assert.equal(await list().isHidden(), true);
    await page.keyboard.type(' at 10:30: see :nosuchcode: and `x :tada:`');
    assert.equal(await list().isHidden(), true);
    assert.equal(await composerText(), 'great 🎉 at 10:30: see :nosuchcode: and `x :tada:`');
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s1"]').waitFor();
    assert.deepEqual(await sentTexts(), ['great 🎉 at 10:30: see :nosuchcode: and `x :tada:`']);
  });

  it('picks with the mouse, closes on Escape, finds Chinese names, and sends as typed when nothing matches', async () => {
    await open('locale=zh-cn');
    await page.keyboard.type(':th');
    await list().locator('.emoji-option').first().waitFor();
    await page.keyboard.press('Escape');
    await list().waitFor({ state: 'hidden' });
    assert.equal(await composerText(), ':th', 'Escape closes the list and keeps the text');
    await page.keyboard.type('zz');
    assert.equal(await list().isHidden(), true, 'no match: no list');
    // Enter with nothing to pick sends the text as it is.
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s1"]').waitFor();
    await page.keyboard.type('好 :火');
    await list().locator('.emoji-option').first().waitFor();
    assert.deepEqual(await page.locator('#emoji-list .emoji-zh').allInnerTexts(), ['火', '火箭'], 'Chinese names in Chinese');
    await list().locator('.emoji-option', { hasText: ':fire:' }).click();
    assert.equal(await composerText(), '好 🔥');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-input', 'the composer keeps the focus');
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s2"]').waitFor();
    assert.deepEqual(await sentTexts(), [':thzz', '好 🔥']);
  });

  it("inserts from the emoji panel at the caret, by keyboard or mouse, and closes on Escape or a second click", async () => {
    await open('');
    await page.keyboard.type('ab');
    await page.keyboard.press('ArrowLeft');
    const button = page.locator('#composer-emoji');
    const panel = page.locator('#emoji-panel');
    assert.equal(await button.getAttribute('title'), 'Insert Emoji');
    await button.click();
    await panel.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('emoji-search')), true, 'the search box has the focus');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedEmoji(), '👍', 'Down: the first emoji');
    assert.equal(await panel.locator('.emoji-choice').first().getAttribute('title'), ':+1:', 'its shortcode as the tooltip');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-emoji-panel.png') });
    // Right, then Down a row: the 12th emoji; Enter inserts it between "a" and "b".
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const twelfth = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.emoji);
    assert.equal(twelfth, await panel.locator('.emoji-choice').nth(11).getAttribute('data-emoji'));
    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await composerText(), `a${twelfth}b`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-input', 'focus is back in the composer');
    // Typing goes on at the caret, after the emoji.
    await page.keyboard.type('!');
    assert.equal(await composerText(), `a${twelfth}!b`);
    // Escape closes without inserting; a second click on the button closes too.
    await button.click();
    await panel.waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    await button.click();
    await panel.waitFor();
    await button.click();
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await composerText(), `a${twelfth}!b`);
    // The mouse: a click on 🚀 inserts it.
    await button.click();
    await panel.locator('.emoji-choice[data-emoji="🚀"]').click();
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await composerText(), `a${twelfth}!🚀b`);
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s1"]').waitFor();
    assert.deepEqual(await sentTexts(), [`a${twelfth}!🚀b`]);
  });

  it('shows the emoji picked last first (Recently Used): those the host keeps and those picked here, which the host hears of', async () => {
    await open('');
    // From the host (every chat's); anything not an emoji of the panel is dropped.
    await notify('chat/recentEmoji', { emoji: ['🐢', '<img src=x>', '🎉'] });
    const button = page.locator('#composer-emoji');
    const panel = page.locator('#emoji-panel');
    const recentRow = panel.locator('.emoji-row-recent');
    const recentShown = (): Promise<string[]> => emojiIn(recentRow);
    await button.click();
    await panel.waitFor();
    assert.equal(await recentRow.getAttribute('aria-label'), 'Recently Used');
    assert.deepEqual(await recentShown(), ['🐢', '🎉']);
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedEmoji(), '🐢', 'the most recent comes first');
    assert.equal(await recentRow.locator('.emoji-choice').first().getAttribute('title'), ':turtle:');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-emoji-recent.png') });
    // Down from the short row's second emoji: the grid's second; Down again: a full row further; Up twice: back.
    const grid = panel.locator('.emoji-row:not(.emoji-row-recent) .emoji-choice');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedEmoji(), await grid.nth(1).getAttribute('data-emoji'));
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedEmoji(), await grid.nth(11).getAttribute('data-emoji'));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedEmoji(), '🎉');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    // A shortcode typed out, then a pick from the panel: each goes first, and each is told to the host.
    await page.keyboard.type('so :fire: ');
    await page.waitForFunction(() => (document.getElementById('composer-input') as HTMLTextAreaElement | null)?.value === 'so 🔥 ');
    await button.click();
    await panel.waitFor();
    assert.deepEqual(await recentShown(), ['🔥', '🐢', '🎉']);
    await grid.and(panel.locator('[data-emoji="🚀"]')).click();
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await composerText(), 'so 🔥 🚀');
    await button.click();
    await panel.waitFor();
    assert.deepEqual(await recentShown(), ['🚀', '🔥', '🐢', '🎉']);
    // Picking a recent one moves it to the front without adding it twice.
    await recentRow.locator('[data-emoji="🐢"]').click();
    await button.click();
    await panel.waitFor();
    assert.deepEqual(await recentShown(), ['🐢', '🚀', '🔥', '🎉']);
    await page.keyboard.press('Escape');
    assert.deepEqual(await usedEmoji(), ['🔥', '🚀', '🐢']);
    // The shortcode list puts them first among equally good matches: ❤️ and 😍 both start with "hear".
    await page.keyboard.type(' :hea');
    await list().locator('.emoji-option').first().waitFor();
    assert.deepEqual((await optionCodes()).slice(0, 2), [':heart:', ':heart_eyes:']);
    await notify('chat/recentEmoji', { emoji: ['😍'] });
    await page.keyboard.type('r');
    await page.waitForFunction(() => document.querySelector('#emoji-list .emoji-option .emoji-code')?.textContent === ':heart_eyes:');
    await page.keyboard.press('Escape');
  });

  it('filters the emoji panel by what is typed in its search box, in English or Chinese; Enter picks the first match', async () => {
    await open('locale=zh-cn');
    const button = page.locator('#composer-emoji');
    const panel = page.locator('#emoji-panel');
    const search = panel.locator('.emoji-search');
    const shown = (): Promise<string[]> => emojiIn(panel);
    await button.click();
    await panel.waitFor();
    const everything = (await shown()).length;
    assert.ok(everything >= 100, `every emoji at first (${everything})`);
    await page.keyboard.type('rock');
    assert.deepEqual(await shown(), ['🚀'], 'the grid holds only the matches');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    assert.ok((await shown()).includes('🚀') && (await shown()).length < everything, 'fewer letters, more matches');
    await search.fill('火');
    assert.deepEqual(await shown(), ['🔥', '🚀'], 'Chinese names, best first');
    await search.fill('nosuchemoji');
    assert.deepEqual(await shown(), []);
    assert.equal(await panel.locator('.emoji-none').innerText(), 'No emoji match.', 'the fake host sends no translations: English');
    // Left and Home move the caret in the box, not in the grid.
    await search.fill(':thu');
    await page.keyboard.press('Home');
    assert.equal(await search.evaluate((input) => (input as HTMLInputElement).selectionStart), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('emoji-search')), true);
    // Down into the matches, Up back to the box; a letter typed in the grid goes to the box.
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedEmoji(), '👍');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('emoji-search')), true);
    await search.fill('');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('ta');
    assert.equal(await search.inputValue(), 'ta');
    assert.equal((await shown())[0], '🎉');
    // Enter in the box picks the first match into the composer.
    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await composerText(), '🎉');
    // Opened again, the box is empty and the whole grid is back (with what was just picked first).
    await button.click();
    await panel.waitFor();
    assert.equal(await search.inputValue(), '');
    assert.equal((await shown())[0], '🎉');
    assert.equal((await shown()).length, everything + 1);
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-emoji-search.png') });
    await page.keyboard.press('Escape');
  });
});
