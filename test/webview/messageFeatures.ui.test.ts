/**
 * The rest of the message API in the chat UI (the webview bundle in headless Chromium against the fake
 * host): image thumbnails and downloads, merged messages that expand (also nested ones), a code block's
 * Copy, stars, Ctrl/Shift-click selection with its bar (delete, forward), and attaching a file with upload
 * progress and cancel.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { outputPath } from '../harness/paths';
import { fakeHostSession, hostLog, openFakePanel, pickFromMessageMenu, type HostLog } from './fakeHostSession';

describe('chat webview: files, merged messages, stars and selection', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-messages');
  let page: Page;
  beforeEach(async () => {
    page = session.page;
    await openFakePanel(page, session.server.url, 'n=100');
  });

  const notify = (method: string, params: unknown): Promise<void> =>
    page.evaluate(([m, p]) => (window as unknown as { __host: { notify(m: string, p: unknown): void } }).__host.notify(m as string, p), [method, params] as const);

  const menuPick = (id: string, label: string): Promise<void> => pickFromMessageMenu(page, id, label);

  it('shows images as thumbnails and downloads images and files through the host', async () => {
    await notify('chat/reveal', { id: 'm93' });
    const image = page.locator('.message[data-id="m93"] img.thumbnail');
    await image.waitFor();
    assert.match(String(await image.getAttribute('src')), /^data:image\/png/);
    assert.equal(await image.getAttribute('alt'), 'Image screenshot.png');
    await page.locator('.message[data-id="m93"] button[data-action="download"]').click();
    await notify('chat/reveal', { id: 'm91' });
    await page.locator('.message[data-id="m91"] .element-file button[data-action="download"]').click();
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.requests.filter((r) => r.method === 'chat/download').length === 2);
    const log = await hostLog(page);
    assert.deepEqual(log.requests.filter((r) => r.method === 'chat/download').map((r) => r.params), [{ id: 'm93', elemIndex: 0 }, { id: 'm91', elemIndex: 0 }]);
    assert.equal(log.requests.filter((r) => r.method === 'chat/mediaUri').length, 1, 'each image is asked for once');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-thumbnail.png') });
  });

  it('expands a merged message into its messages and collapses it', async () => {
    await notify('chat/reveal', { id: 'm69' });
    const merged = page.locator('.message[data-id="m69"]');
    await merged.locator('button[data-action="expand"]').click();
    const items = merged.locator('.merger-messages li');
    await items.nth(5).waitFor();
    assert.equal(await items.count(), 6);
    assert.equal(await items.nth(4).locator('.merger-body').innerText(), 'inner <b>not bold</b>');
    assert.equal(await items.nth(4).locator('b').count(), 0, 'message text is never HTML');
    assert.equal(await merged.locator('button[data-action="expand"]').getAttribute('aria-expanded'), 'true');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-merged.png') });
    await merged.locator('button[data-action="expand"]').click();
    await merged.locator('.merger-messages').waitFor({ state: 'detached' });
  });

  it("renders a merged message's messages as the chat's own: Markdown, Copy on code, links, snippet cards", async () => {
    await notify('chat/reveal', { id: 'm69' });
    const merged = page.locator('.message[data-id="m69"]');
    await merged.locator('button[data-action="expand"]').click();
    const items = merged.locator('.merger-messages > li');
    await items.nth(3).waitFor();
    const first = items.nth(0).locator('.merger-body');
    assert.equal(await first.locator('strong').innerText(), 'main');
    assert.match(await first.locator('p').first().innerText(), /🎉/, 'shortcodes become emoji');
    assert.equal(await first.locator('a.md-link').getAttribute('data-href'), 'https://example.com/pr/7');
    // Links from inside go through the host's check as every link does (clicked first: the expansion
    // grows as its image loads, and the virtual list unmounts what scrolls out of sight).
    await first.locator('a.md-link').click();
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.commands.some((c) => c.method === 'chat/openLink'));
    assert.equal(await first.locator('pre code').innerText(), 'const fixed = true;');
    // The Copy button works inside the expansion as in a message of the chat.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
    await first.locator('.md-pre-wrap').hover();
    await first.locator('.md-copy').click();
    await first.locator('.md-copy.copied').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'const fixed = true;');
    // Shared code keeps its card, whose Open asks the host as anywhere else.
    const card = items.nth(1).locator('.snippet-card');
    assert.equal(await card.locator('.snippet-path').innerText(), 'src/webview/heightIndex.ts');
    await card.locator('button', { hasText: 'Open' }).first().click();
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.requests.some((r) => r.method === 'snippet/open'));
    assert.match(await items.nth(2).locator('.merger-body .element-file').innerText(), /trace\.log/);
    // A reply inside shows what it quoted, as text, and is no way to a message of the chat it came from.
    const quote = items.nth(2).locator('.merger-body > .reply-quote-static');
    assert.equal(await quote.locator('.reply-quote-sender').innerText(), 'Carol 张');
    assert.equal(await quote.locator('.reply-quote-text').innerText(), 'the <i>log</i>?');
    assert.equal(await merged.locator('.merger-messages button.reply-quote, .merger-messages i').count(), 0);
    // An inner file is saved through the host, named by its place in the merged message.
    await items.nth(2).locator('button[data-action="downloadInner"]').click();
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.requests.some((r) => r.method === 'chat/download'));
    const downloads = (await hostLog(page)).requests.filter((r) => r.method === 'chat/download').map((r) => r.params);
    assert.deepEqual(downloads, [{ id: 'm69', elemIndex: 0, inner: { path: [], index: 2 } }]);
    assert.match(await items.nth(3).locator('.merger-body').innerText(), /recalled/i);
    assert.deepEqual(await items.locator('.merger-sender').allInnerTexts(), ['Bob Stone', 'Bob Stone', 'You', 'Bob Stone', 'You', 'Alice Liddell'], "the user's own messages are \"You\", as in the chat");
    // An inner image shows its thumbnail, asked of the host by its place in the merged message.
    const thumbnail = items.nth(5).locator('img.thumbnail');
    await thumbnail.waitFor();
    assert.equal(await thumbnail.getAttribute('alt'), 'Image whiteboard.png');
    const mediaAsked = (await hostLog(page)).requests.filter((r) => r.method === 'chat/mediaUri' && r.params.id === 'm69').map((r) => r.params);
    assert.deepEqual(mediaAsked, [{ id: 'm69', elemIndex: 0, inner: { path: [], index: 5 } }]);
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-merged-rich.png') });
  });

  it('expands a merged message inside a merged message, two levels deep, by click and keyboard', async () => {
    await notify('chat/reveal', { id: 'm29' });
    const merged = page.locator('.message[data-id="m29"]');
    await merged.locator('.element-merger > .element-buttons > button[data-action="expand"]').click();
    const level1 = merged.locator('.element-merger > .merger-messages');
    await level1.locator(':scope > li').nth(1).waitFor();
    // As at the top level, the nested merger's button sits in its card, under its title.
    const toggle1 = level1.locator(':scope > li').nth(1).locator(':scope > .merger-body > .element-merger > .element-buttons > button[data-action="expand"]');
    assert.equal(await toggle1.getAttribute('data-path'), '1');
    assert.equal(await toggle1.getAttribute('aria-expanded'), 'false');
    assert.equal(await level1.locator(':scope > li').nth(0).locator('button').count(), 0, 'a plain inner message has no button');
    await toggle1.click();
    const level2 = level1.locator(':scope > li').nth(1).locator(':scope > .merger-body > .element-merger > .merger-messages');
    await level2.locator(':scope > li').nth(1).waitFor();
    assert.equal(await level2.locator(':scope > li').nth(0).locator('.merger-body').innerText(), 'middle text');
    // The second level from the keyboard: the nested button is a real button in the message's Tab order.
    const toggle2 = merged.locator('button[data-path="1.1"]');
    assert.equal(await toggle2.getAttribute('tabindex'), '0');
    await toggle2.focus();
    await page.keyboard.press('Enter');
    const level3 = level2.locator(':scope > li').nth(1).locator(':scope > .merger-body > .element-merger > .merger-messages');
    await level3.locator('li').first().waitFor();
    assert.equal(await level3.locator('.merger-body').innerText(), 'deepest text');
    assert.equal(await merged.locator('button[data-path="1.1"]').getAttribute('aria-expanded'), 'true');
    const indents = await page.evaluate(() => Array.from(document.querySelectorAll('.message[data-id="m29"] .merger-messages'), (ol) => Math.round(ol.getBoundingClientRect().left)));
    assert.ok(indents.length === 3 && indents[0] < indents[1] && indents[1] < indents[2], `each level is indented further: ${indents.join(', ')}`);
    const expands = (await hostLog(page)).requests.filter((r) => r.method === 'chat/expandMerger').map((r) => r.params);
    assert.deepEqual(expands, [{ id: 'm29' }, { id: 'm29', path: [1] }, { id: 'm29', path: [1, 1] }]);
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-merged-nested.png') });
    // Hiding the middle level hides the deepest with it; showing it again starts closed.
    await merged.locator('button[data-path="1"]').click();
    await level2.waitFor({ state: 'detached' });
    await merged.locator('button[data-path="1"]').click();
    await merged.locator('button[data-path="1.1"][aria-expanded="false"]').waitFor();
  });

  it("shows Tencent's TUIKit custom messages as their cards: a link through the host, call records, a group's call as a tip", async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = { seq: '0', time: now, sender: 'bob', senderName: 'Bob Stone', isSelf: false, status: 'sent', isPeerRead: false, revocableUntil: 0, mentionsMe: false };
    const custom = (card: Record<string, unknown>): Record<string, unknown> => ({ kind: 'custom', data: '{"businessID":"text_link"}', description: '', extension: '', card });
    await notify('chat/messagesAdded', {
      messages: [
        { ...base, id: 'c1', elements: [custom({ icon: 'link', text: 'Welcome <b>aboard</b>', details: ['second line'], link: { url: 'https://example.com/welcome', label: 'View Details' } })] },
        { ...base, id: 'c2', elements: [custom({ icon: 'link', text: 'Sneaky', details: [], link: { url: 'javascript:window.__xss=4', label: 'View Details' } })] },
        { ...base, id: 'c3', elements: [custom({ icon: 'call-incoming', text: 'Voice call ended · 1:05', details: [] })] },
        { ...base, id: 'c4', elements: [custom({ icon: 'call-incoming', text: 'Bob Stone started a voice call', details: [], tip: true })] },
      ],
    });
    const first = page.locator('.message[data-id="c1"]');
    const link = first.locator('a.card-link');
    await link.waitFor();
    // The card's words, never its raw data, and as text.
    assert.equal(await first.locator('.element-text').innerText(), 'Welcome <b>aboard</b>');
    assert.equal(await first.locator('b').count(), 0);
    assert.equal(await first.locator('.element-detail').first().innerText(), 'second line');
    assert.equal(await first.locator('.codicon-link').count(), 1);
    assert.equal(await link.innerText(), 'View Details');
    assert.equal(await page.locator('.message[data-id="c2"] a').count(), 0, 'a javascript: link is not offered');
    assert.equal(await page.locator('.message[data-id="c3"] .codicon-call-incoming').count(), 1);
    assert.equal(await page.locator('.message[data-id="c3"] .element-text').innerText(), 'Voice call ended · 1:05');
    // A group's call record is a centred tip line, as group tips are, with its own icon.
    const tip = page.locator('.message.tip[data-id="c4"]');
    await tip.waitFor();
    assert.equal(await tip.locator('.tip-text').innerText(), 'Bob Stone started a voice call');
    assert.equal(await tip.locator('.codicon-call-incoming').count(), 1);
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-tuikit-custom.png') });
    // The link opens through the host, by click and from the message's actions menu.
    await link.click();
    await menuPick('c1', 'Open https://example.com/welcome');
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.commands.filter((c) => c.method === 'chat/openLink').length === 2);
    const opened = (await hostLog(page)).commands.filter((c) => c.method === 'chat/openLink').map((c) => c.params);
    assert.deepEqual(opened, [{ url: 'https://example.com/welcome' }, { url: 'https://example.com/welcome' }]);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  });

  it("shows a thread's replies under its root and goes to one from the list", async () => {
    const now = Math.floor(Date.now() / 1000);
    const root = { id: 't1', seq: '0', time: now - 60, sender: 'bob', senderName: 'Bob Stone', isSelf: false, status: 'sent', isPeerRead: false, revocableUntil: 0, mentionsMe: false, elements: [{ kind: 'text', text: 'Who takes the release?' }] };
    const thread = [
      { id: 'm95', senderName: 'You', text: 'I do <b>today</b>', time: now - 30 },
      { id: 'gone-reply', senderName: 'Carol 张', text: 'too late', time: now },
    ];
    await notify('chat/messagesAdded', { messages: [{ ...root, thread }] });
    const message = page.locator('.message[data-id="t1"]');
    const summary = message.locator('button.thread-summary');
    await summary.waitFor();
    assert.equal(await summary.locator('.thread-count').innerText(), '2 replies');
    assert.match(await summary.locator('.thread-last').innerText(), /^Last reply \d/);
    assert.equal(await summary.getAttribute('aria-expanded'), 'false');
    await summary.click();
    const replies = message.locator('.thread-replies button.thread-reply');
    await replies.nth(1).waitFor();
    assert.equal(await summary.getAttribute('aria-expanded'), 'true');
    assert.equal(await replies.nth(0).locator('.thread-reply-sender').innerText(), 'You');
    assert.equal(await replies.nth(0).locator('.thread-reply-text').innerText(), 'I do <b>today</b>');
    assert.equal(await message.locator('.thread-replies b').count(), 0, 'reply text is never HTML');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-thread.png') });
    // A reply that is no longer in the conversation says so.
    await replies.nth(1).click();
    await page.locator('#error-line', { hasText: 'That reply is no longer in this conversation.' }).waitFor();
    // One that is goes there.
    await page.locator('.message[data-id="t1"] .thread-replies button.thread-reply').nth(0).click();
    await page.locator('.message.revealed[data-id="m95"]').waitFor();
    // Reply in Thread answers the root: the composer's reply bar names it.
    await notify('chat/reveal', { id: 't1' });
    await page.locator('.message[data-id="t1"] .thread button[data-action="replyInThread"]').click();
    await page.locator('#reply-bar:not([hidden])', { hasText: 'Bob Stone' }).waitFor();
    // The list closes again.
    await page.locator('.message[data-id="t1"] button.thread-summary').click();
    await page.locator('.message[data-id="t1"] .thread-replies').waitFor({ state: 'detached' });
  });

  it('stars and unstars a message from its actions menu', async () => {
    await menuPick('m98', 'Star');
    await page.locator('.message[data-id="m98"][data-starred="true"] .star-badge').waitFor();
    assert.match(String(await page.locator('.message[data-id="m98"]').getAttribute('aria-label')), /Starred/);
    await menuPick('m98', 'Remove Star');
    await page.locator('.message[data-id="m98"]:not([data-starred])').waitFor();
    const stars = (await hostLog(page)).requests.filter((r) => r.method === 'chat/star').map((r) => r.params);
    assert.deepEqual(stars, [{ id: 'm98', starred: true }, { id: 'm98', starred: false }]);
  });

  it("copies a fenced code block's code with its Copy button, which says so for a moment", async () => {
    await openFakePanel(page, session.server.url, 'n=46');
    // The real clipboard of headless Chromium, allowed for the page as VS Code's webviews allow it.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
    const block = page.locator('.message[data-id="m45"] .md-pre-wrap');
    await block.scrollIntoViewIfNeeded();
    const button = block.locator('.md-copy');
    assert.equal(await button.getAttribute('aria-label'), 'Copy Code');
    assert.equal(await button.evaluate((b) => getComputedStyle(b).opacity), '0', 'hidden until the block is hovered');
    await block.hover();
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.message[data-id="m45"] .md-copy') as Element).opacity === '1');
    await button.click();
    await block.locator('.md-copy.copied').waitFor();
    assert.equal(await button.getAttribute('title'), 'Copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'function add(a: number, b: number): number {\n  return a + b;\n}');
    await block.locator('.md-copy:not(.copied)').waitFor({ timeout: 5000 });
    assert.equal(await button.getAttribute('title'), 'Copy Code', 'back after a moment');
  });

  it('asks the host for a reminder about a message from its actions menu (the host asks when)', async () => {
    await menuPick('m98', 'Remind Me…');
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.requests.some((r) => r.method === 'chat/remind'));
    assert.deepEqual((await hostLog(page)).requests.filter((r) => r.method === 'chat/remind').map((r) => r.params), [{ id: 'm98' }]);
  });

  it("asks the host for a message's link from its actions menu (the host writes the clipboard)", async () => {
    await menuPick('m98', 'Copy Link');
    await page.waitForFunction(() => (window as unknown as { __host: { requests: Array<{ method: string }> } }).__host.requests.some((r) => r.method === 'chat/copyLink'));
    const copies = (await hostLog(page)).requests.filter((r) => r.method === 'chat/copyLink').map((r) => r.params);
    assert.deepEqual(copies, [{ id: 'm98' }]);
  });

  it('selects with Ctrl-click and Shift-click, then forwards and deletes the selection', async () => {
    await page.locator('.message[data-id="m95"]').click({ modifiers: ['Control'] });
    await page.locator('.message[data-id="m98"]').click({ modifiers: ['Shift'] });
    await page.waitForFunction(() => document.body.dataset.selected === '4');
    // The rows are drawn again on the next frame (the list batches its renders): wait for them, since on
    // a busy machine the count read right after the selection can come first.
    await page.waitForFunction(() => document.querySelectorAll('.message.selected').length === 4);
    assert.equal(await page.locator('#selection-count').innerText(), '4 selected');
    const commands = (await hostLog(page)).commands.filter((c) => c.method === 'chat/selectionChanged');
    assert.deepEqual(commands.at(-1)?.params, { ids: ['m95', 'm96', 'm97', 'm98'] });
    await page.locator('.message[data-id="m96"]').click({ modifiers: ['Control'] });
    await page.waitForFunction(() => document.body.dataset.selected === '3');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-selection.png') });
    await page.locator('#selection-forward').click();
    await page.locator('#selection-delete').click();
    await page.locator('.message[data-id="m95"]').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.body.dataset.selected === '0');
    assert.equal(await page.locator('#selection-bar').isHidden(), true);
    const log = await hostLog(page);
    assert.deepEqual(log.requests.filter((r) => r.method === 'chat/forward').map((r) => r.params), [{ ids: ['m95', 'm97', 'm98'] }]);
    assert.deepEqual(log.requests.filter((r) => r.method === 'chat/deleteSelected').map((r) => r.params), [{ ids: ['m95', 'm97', 'm98'] }]);
    assert.equal(await page.locator('.message[data-id="m96"]').count(), 1, 'the deselected message stays');
  });

  it('selects from the keyboard through the actions menu', async () => {
    await menuPick('m99', 'Select');
    await page.waitForFunction(() => document.body.dataset.selected === '1');
    await page.locator('#selection-clear').click();
    await page.waitForFunction(() => document.body.dataset.selected === '0');
  });

  it('attaches a file through the host and shows its upload progress with Cancel', async () => {
    await page.locator('#composer-attach-file').click();
    const pending = page.locator('.message[data-id="pending-1"][data-status="sending"]');
    await pending.waitFor();
    await pending.locator('.status-text', { hasText: 'Uploading… 40%' }).waitFor();
    assert.equal(await pending.locator('progress.upload-progress').getAttribute('value'), '40');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-upload.png') });
    await pending.locator('button[data-action="cancel"]').click();
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.requests.some((r) => r.method === 'chat/cancel'));
    const log = await hostLog(page);
    assert.deepEqual(log.requests.find((r) => r.method === 'chat/attach')?.params, { kind: 'file' });
    assert.deepEqual(log.requests.find((r) => r.method === 'chat/cancel')?.params, { id: 'pending-1' });
    await page.locator('#composer-attach-image').click();
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.requests.some((r) => r.method === 'chat/attach' && (r.params as { kind: string }).kind === 'image'));
  });
});
