/**
 * The typing status of a one-to-one chat (the webview bundle in headless Chromium against the fake
 * host): typing tells the host, at most once a second, and an emptied, sent or left composer says the
 * user stopped; the peer's typing shows above the composer until they stop or for 6 s without news.
 * Groups have none (TUIKit's typing status is one-to-one only).
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fakeHostSession, hostLog, openFakePanel } from './fakeHostSession';

describe('chat webview: typing status', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-typing');
  let page: Page;

  const typingCommands = async (): Promise<unknown[]> => (await hostLog(page)).commands.filter((c) => c.method === 'chat/typing').map((c) => c.params.typing);
  const notify = (typing: boolean): Promise<void> =>
    page.evaluate((value) => (window as unknown as { __host: { notify(method: string, params: unknown): void } }).__host.notify('chat/peerTyping', { typing: value }), typing);

  it('tells the host while the user types, once a second at most, and when the composer is emptied, sent or left', async () => {
    page = session.page;
    await page.clock.install();
    await openFakePanel(page, session.server.url, 'n=20');
    await page.locator('#composer-input textarea').focus();
    await page.keyboard.type('hel');
    assert.deepEqual(await typingCommands(), [true], 'three keys within a second: one report');
    await page.clock.runFor(1_100);
    await page.keyboard.type('lo');
    assert.deepEqual(await typingCommands(), [true, true]);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    assert.deepEqual(await typingCommands(), [true, true, false], 'emptied');
    await page.keyboard.type('ship it');
    await page.keyboard.press('Enter');
    assert.deepEqual(await typingCommands(), [true, true, false, true, false], 'sent');
    await page.keyboard.type('x');
    await page.locator('#chat-title').click();
    assert.deepEqual(await typingCommands(), [true, true, false, true, false, true, false], 'left');
  });

  it("shows the peer's typing above the composer until they stop, or for 6 s without news", async () => {
    page = session.page;
    await page.clock.install();
    await openFakePanel(page, session.server.url, 'n=20');
    const line = page.locator('#typing-line');
    assert.equal(await line.isHidden(), true);
    await notify(true);
    await line.waitFor();
    assert.equal(await line.innerText(), 'Alice Liddell is typing…');
    assert.equal(await line.getAttribute('aria-live'), 'polite');
    await notify(false);
    await line.waitFor({ state: 'hidden' });
    await notify(true);
    await line.waitFor();
    await page.clock.runFor(5_000);
    await notify(true);
    await page.clock.runFor(5_000);
    assert.equal(await line.isVisible(), true, 'news restarts the 6 s');
    await page.clock.runFor(1_100);
    await line.waitFor({ state: 'hidden' });
  });

  it('sends nothing in a group', async () => {
    page = session.page;
    await openFakePanel(page, session.server.url, 'n=20&type=group');
    await page.locator('#composer-input textarea').focus();
    await page.keyboard.type('hello team');
    await page.keyboard.press('Enter');
    assert.deepEqual(await typingCommands(), []);
  });
});
