/**
 * Pinned group messages (the webview bundle in headless Chromium against the fake host): the pinned bar
 * under the header shows the latest pinned message, steps through the others and shows each in the
 * history (paging back to it); pinned rows carry a badge; owners and admins pin and unpin from the
 * message menu and the bar, everyone else gets neither.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { outputPath } from '../harness/paths';
import { fakeHostSession, hostLog, messageMenuLabels, openFakePanel, openMessageMenu, pickFromMessageMenu } from './fakeHostSession';

describe('chat webview: pinned messages', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-pinned');
  let page: Page;

  beforeEach(() => {
    page = session.page;
  });

  const bar = () => page.locator('#pinned-bar');
  const barText = async (): Promise<string> => (await page.locator('#pinned-show').innerText()).trim();
  const pinRequests = async (): Promise<unknown[]> => (await hostLog(page)).requests.filter((r) => r.method === 'chat/pin').map((r) => r.params);

  it('shows the latest pinned message, steps through the others and shows each in the history', async () => {
    // m30 pinned last, m5 (a code message, older than the first page) before it.
    await openFakePanel(page, session.server.url, 'type=group&n=62&pins=m30,m5&canPin=1');
    await bar().waitFor();
    assert.match(await barText(), /^Alice Liddell: #30 /);
    assert.equal(await page.locator('#pinned-position').innerText(), '1 of 2');
    assert.equal(await page.locator('#pinned-show').getAttribute('title'), 'Pinned by Bob Stone. Show the message');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-pinned.png') });

    await page.locator('#pinned-next').click();
    assert.equal(await barText(), 'Me Myself: Here is the fix:');
    assert.equal(await page.locator('#pinned-position').innerText(), '2 of 2');
    await page.locator('#pinned-show').click();
    await page.locator('.message.revealed[data-id="m5"]').waitFor();
    assert.equal(await page.locator('.message[data-id="m5"] .pin-badge').count(), 1, 'a pinned row carries the badge');
    assert.match((await page.locator('.message[data-id="m5"]').getAttribute('aria-label')) ?? '', /Pinned$/);
    await page.locator('#pinned-next').click();
    assert.match(await barText(), /^Alice Liddell: #30 /, 'next wraps around');
  });

  it('pins from the menu and unpins from the bar and the menu (owner or admin)', async () => {
    await openFakePanel(page, session.server.url, 'type=group&n=62&pins=m30&canPin=1');
    await bar().waitFor();
    assert.equal(await page.locator('#pinned-position').isHidden(), true, 'one pinned message: no position');
    assert.equal(await page.locator('#pinned-next').isHidden(), true);

    await pickFromMessageMenu(page, 'm60', 'Pin for Everyone');
    await page.waitForFunction(() => document.querySelector('#pinned-show')?.textContent?.startsWith('Alice Liddell: #60') === true);
    await page.locator('.message[data-id="m60"] .pin-badge').waitFor();
    assert.equal(await page.locator('#pinned-position').innerText(), '1 of 2');

    await openMessageMenu(page, 'm60');
    assert.ok((await messageMenuLabels(page)).includes('Unpin'));
    assert.ok(!(await messageMenuLabels(page)).includes('Pin for Everyone'));
    await page.keyboard.press('Escape');

    await page.locator('#pinned-unpin').click();
    await page.waitForFunction(() => document.querySelector('#pinned-show')?.textContent?.startsWith('Alice Liddell: #30') === true);
    await page.locator('.message[data-id="m60"] .pin-badge').waitFor({ state: 'detached' });
    await page.locator('#pinned-show').click();
    await page.locator('.message.revealed[data-id="m30"]').waitFor();
    await pickFromMessageMenu(page, 'm30', 'Unpin');
    await bar().waitFor({ state: 'hidden' });
    assert.deepEqual(await pinRequests(), [{ id: 'm60', pinned: true }, { id: 'm60', pinned: false }, { id: 'm30', pinned: false }]);
  });

  it('offers no pinning to members, none on group tips, and no bar in a one-to-one chat', async () => {
    await openFakePanel(page, session.server.url, 'type=group&n=62&pins=m30');
    await bar().waitFor();
    assert.equal(await page.locator('#pinned-unpin').isHidden(), true, 'a member cannot unpin');
    await openMessageMenu(page, 'm60');
    const labels = await messageMenuLabels(page);
    assert.ok(!labels.includes('Pin for Everyone') && !labels.includes('Unpin'), labels.join(', '));
    await page.keyboard.press('Escape');

    await openFakePanel(page, session.server.url, 'type=group&n=62&canPin=1');
    assert.equal(await bar().isHidden(), true, 'nothing pinned: no bar');
    await page.locator('.message[data-id="m59"]').scrollIntoViewIfNeeded();
    await openMessageMenu(page, 'm59');
    assert.ok(!(await messageMenuLabels(page)).includes('Pin for Everyone'), 'a group tip cannot be pinned');
    await page.keyboard.press('Escape');

    await openFakePanel(page, session.server.url, 'n=62&pins=m30&canPin=1');
    assert.equal(await bar().isHidden(), true);
    await openMessageMenu(page, 'm60');
    assert.ok(!(await messageMenuLabels(page)).includes('Pin for Everyone'));
  });

  it('says why when the host refuses a pin, and changes nothing', async () => {
    // The panel was told the user may pin, but TIM refuses (pinFails=1: they were made a plain member meanwhile).
    await openFakePanel(page, session.server.url, 'type=group&n=62&pins=m30&canPin=1&pinFails=1');
    await bar().waitFor();
    await pickFromMessageMenu(page, 'm60', 'Pin for Everyone');
    await page.locator('#error-line:not([hidden])').waitFor();
    assert.equal(await page.locator('#error-line').innerText(), 'Could not change the pin: Only the group owner and admins can pin messages.');
    assert.match(await barText(), /^Alice Liddell: #30 /);
    assert.equal(await page.locator('.message[data-id="m60"] .pin-badge').count(), 0);
  });
});
