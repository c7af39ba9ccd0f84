/**
 * The chat UI (the webview bundle, built fresh for the run) in headless Chromium against a fake host (fakeHostPage.ts), without the
 * workbench: a 100,000-message conversation opens and pages back with a bounded DOM and a steady
 * scroll anchor; Markdown is safe; the composer, draft, unread marker, keyboard and actions work; a
 * host that knows no chat/* request gives a short error line; screenshots in a dark and a light theme.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { outputPath } from '../harness/paths';
import { fakeHostSession, hostLog, messageMenuLabels, pickFromMessageMenu, waitForMessageMenu, type HostLog } from './fakeHostSession';

async function dataset(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => ({ ...document.body.dataset }) as Record<string, string>);
}

describe('chat webview against a fake host', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui');
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  async function open(query: string): Promise<void> {
    await page.goto(`${session.server.url}?${query}`);
    await page.locator('#host-status[data-kind="ok"]').waitFor({ state: 'attached', timeout: 15_000 });
  }

  it('opens a 100,000-message conversation at the newest message with a small DOM', async () => {
    const started = Date.now();
    await open('n=100000&unread=3');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    const firstPaintMs = Date.now() - started;
    const data = await dataset(page);
    assert.equal(data.loadedMessages, '50');
    assert.equal(data.atBottom, 'true');
    assert.ok(Number(data.renderedRows) > 5 && Number(data.renderedRows) < 60, `rendered ${data.renderedRows}`);
    assert.ok(Number(data.listNodes) < 1500, `list nodes ${data.listNodes}`);
    await page.locator('.message[data-id="m99999"]').waitFor();
    assert.equal(await page.locator('.unread-marker').count(), 1);
    const unreadFollowedBy = await page.locator('.message-row:has(.unread-marker) .message').getAttribute('data-id');
    assert.ok(unreadFollowedBy && /^m999\d\d$/.test(unreadFollowedBy), `marker before ${unreadFollowedBy}`);
    assert.equal(await page.locator('#chat-title').innerText(), 'Alice Liddell');
    assert.match((await page.locator('#host-status').textContent()) ?? '', /Connected to host \(\d+ ms\)/);
    // The newest messages are in view with focus: they are reported read.
    await page.bringToFront();
    if (await page.evaluate(() => document.hasFocus())) {
      await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.requests.some((r) => r.method === 'chat/markRead'), undefined, { timeout: 5000 });
    } else {
      console.log('      (headless page without focus: chat/markRead not expected)');
    }
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-latest.png') });
    await page.waitForFunction(() => document.body.dataset.firstPaintMs !== undefined);
    const inPage = (await dataset(page)).firstPaintMs;
    console.log(`      first paint of a 100,000-message conversation: ${inPage} ms after navigation start (${firstPaintMs} ms by the test's clock)`);
  });

  it('pages back on scrolling up, keeping the reading position and a bounded DOM', async () => {
    // The host answers slowly enough to see the list before and after each page arrives.
    await open('n=100000&delay=150');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    const perPage: number[] = [];
    let daySeparators = 0;
    const frames = (): Promise<unknown> => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    for (let pageNo = 0; pageNo < 30; pageNo++) {
      const before = Number((await dataset(page)).loadedMessages);
      await page.evaluate(() => {
        (document.getElementById('messages') as HTMLElement).scrollTop = 0;
      });
      await frames();
      // The first message in view, and where its bottom is on screen, before the older page arrives.
      const anchor = await page.evaluate(() => {
        const top = (document.getElementById('messages') as HTMLElement).getBoundingClientRect().top;
        const first = Array.from(document.querySelectorAll<HTMLElement>('.message')).find((r) => r.getBoundingClientRect().bottom > top + 1) as HTMLElement;
        return { id: first.dataset.id as string, bottom: first.getBoundingClientRect().bottom };
      });
      const t0 = Date.now();
      await page.waitForFunction((n) => Number(document.body.dataset.loadedMessages) > n, before);
      await frames();
      perPage.push(Date.now() - t0);
      daySeparators += await page.locator('.day-separator').count();
      const moved = await page.evaluate((id) => document.querySelector<HTMLElement>(`.message[data-id="${id}"]`)?.getBoundingClientRect().bottom, anchor.id);
      assert.ok(moved !== undefined && Math.abs(moved - anchor.bottom) < 2, `page ${pageNo}: ${anchor.id} moved from ${anchor.bottom} to ${moved}`);
    }
    assert.ok(daySeparators > 0, 'a day separator went by');
    const data = await dataset(page);
    assert.equal(data.loadedMessages, String(50 * 31));
    assert.ok(Number(data.renderedRows) < 60, `rendered ${data.renderedRows}`);
    assert.ok(Number(data.listNodes) < 1500, `list nodes ${data.listNodes}`);
    const requests = (await hostLog(page)).requests.filter((r) => r.method === 'chat/loadOlder');
    assert.equal(requests.length, 30);
    assert.equal(requests[0].params.beforeId, 'm99950');
    perPage.sort((a, b) => a - b);
    console.log(`      time per page: median ${perPage[Math.floor(perPage.length / 2)]} ms, max ${perPage[perPage.length - 1]} ms`);

    // Jump to latest: shown when scrolled up, asks for the newest page and lands at the bottom.
    const jump = page.locator('#jump-latest');
    await jump.waitFor({ state: 'visible' });
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-history.png') });
    await jump.click();
    await page.waitForFunction(() => document.body.dataset.loadedMessages === '50' && document.body.dataset.atBottom === 'true');
    await jump.waitFor({ state: 'hidden' });
    assert.ok((await hostLog(page)).requests.filter((r) => r.method === 'chat/loadLatest').length >= 2);
    await page.locator('.message[data-id="m99999"]').waitFor();
  });

  it('renders Markdown safely and opens links through the host', async () => {
    await open('n=100000');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    // m99977 carries HTML, script and javascript: payloads (i % 40 === 17); the host reveals it.
    await page.evaluate(() => (window as unknown as { __host: { notify(m: string, p: unknown): void } }).__host.notify('chat/reveal', { id: 'm99977' }));
    const row = page.locator('.message[data-id="m99977"]');
    await row.waitFor();
    assert.match(await row.locator('.message-body').innerText(), /payload <img src=x onerror="window.__xss=1"> <script>window.__xss=2<\/script> \[click me\]\(javascript:window.__xss=3\)/);
    // Images in the list are only the host's thumbnails (img.thumbnail), never from message text.
    assert.equal(await page.locator('#messages img:not(.thumbnail), #messages script, #messages iframe').count(), 0);
    const links = row.locator('a.md-link');
    assert.equal(await links.count(), 1);
    assert.equal(await links.getAttribute('title'), 'https://example.com/docs?q=1');
    const url = page.url();
    await links.click();
    assert.equal(page.url(), url, 'no navigation');
    const opened = (await hostLog(page)).commands.filter((c) => c.method === 'chat/openLink');
    assert.deepEqual(opened.map((c) => c.params.url), ['https://example.com/docs?q=1']);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    // Code block, list, quote, file and merger render as structure, not text soup.
    await page.evaluate(() => (window as unknown as { __host: { notify(m: string, p: unknown): void } }).__host.notify('chat/reveal', { id: 'm99966' }));
    await page.locator('.message[data-id="m99965"] pre code').waitFor();
    assert.equal(await page.locator('.message[data-id="m99967"] ol > li').count(), 3);
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-markdown.png') });
  });

  it("asks the host for a sender's profile from their name (a button, also by keyboard) or avatar", async () => {
    await open('n=100000');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    const row = page.locator('.message:has(button.sender)').last();
    await row.waitFor();
    const sender = await row.getAttribute('data-sender');
    assert.ok(sender, 'the row names its sender');
    const name = row.locator('button.sender');
    assert.equal(await name.getAttribute('title'), `Show the profile of ${sender}`);
    const asked = async (): Promise<unknown[]> => (await hostLog(page)).commands.filter((c) => c.method === 'chat/showProfile').map((c) => c.params.userId);
    await name.click();
    await row.locator('.avatar').click();
    // From the keyboard: the message is the Tab stop, its buttons follow it; Enter on the name.
    await row.focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('sender')), true, 'the name is the first stop after the message');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.commands.filter((c) => c.method === 'chat/showProfile').length === 3);
    assert.deepEqual(await asked(), [sender, sender, sender]);
    // Neither opens the message's actions or selects it.
    assert.equal(await page.locator('.message.selected').count(), 0);
  });

  it('shows a shared code snippet as its card, with its status and actions', async () => {
    await open('n=100000');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    const card = page.locator('.message[data-id="m99997"] .snippet-card[data-staleness="same"]');
    await card.waitFor();
    assert.match(await card.locator('.snippet-path').innerText(), /src\/webview\/heightIndex\.ts/);
    assert.equal(await card.locator('b').count(), 0);
    await card.locator('button[data-snippet-action="open"]').click();
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.requests.some((r) => r.method === 'snippet/open'));
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-snippet.png') });
  });

  it('sends with Enter, keeps Shift+Enter as a new line, and saves and restores the draft', async () => {
    await open('n=100&draft=from%20host');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    const input = page.locator('#composer-input');
    assert.equal(await input.evaluate((e) => (e as HTMLTextAreaElement).value), 'from host');
    await input.evaluate((e) => {
      (e as HTMLTextAreaElement).value = '';
    });
    await input.locator('textarea').focus();
    await page.keyboard.type('hello **world**');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.commands.some((c) => c.method === 'chat/saveDraft'));
    assert.equal((await hostLog(page)).state?.draft, 'hello **world**\nsecond line');
    // The key from app/state, not chat/info's bare id: the serializer parses it to revive the right conversation.
    assert.equal((await hostLog(page)).state?.conversationId, 'c2c_alice');
    await page.keyboard.press('Enter');
    const sent = page.locator('.message[data-id="s1"]');
    await sent.waitFor();
    assert.equal(await input.evaluate((e) => (e as HTMLTextAreaElement).value), '');
    const log = await hostLog(page);
    assert.deepEqual(log.requests.filter((r) => r.method === 'chat/sendText').map((r) => r.params.text), ['hello **world**\nsecond line']);
    assert.equal(log.commands.filter((c) => c.method === 'chat/saveDraft').at(-1)?.params.text, '');
    assert.equal(await sent.locator('strong').innerText(), 'world');
    await page.locator('.message[data-id="s1"][data-status="sent"]').waitFor();
    assert.equal(await page.locator('.message[data-id="s1"] .receipt').innerText(), 'Sent');

    // A draft typed just before a reload comes back from the webview state.
    await page.keyboard.type('unsent thought');
    await page.reload();
    await page.locator('#host-status[data-kind="ok"]').waitFor({ state: 'attached' });
    await page.waitForFunction(() => (document.getElementById('composer-input') as HTMLTextAreaElement | null)?.value === 'unsent thought');
  });

  it('moves through messages with the keyboard and opens their actions', async () => {
    await open('n=100');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    await page.locator('#composer-input textarea').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    const focusedId = async (): Promise<string | undefined> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.message')?.dataset.id);
    let id = await focusedId();
    assert.ok(id, 'Shift+Tab from the composer reaches the list');
    const firstId = id;
    await page.keyboard.press('ArrowUp');
    id = await focusedId();
    assert.notEqual(id, firstId);
    await page.keyboard.press('End');
    assert.equal(await focusedId(), 'm99');
    await page.keyboard.press('Enter');
    await waitForMessageMenu(page);
    const labels = await messageMenuLabels(page);
    assert.ok(labels.includes('Delete…'), labels.join(','));
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-menu.png') });
    await page.keyboard.press('Escape');
    assert.equal(await focusedId(), 'm99', 'focus returns to the message');
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-input');
    // Typing on a focused message writes in the composer (m99, a tip, has no buttons: one Shift+Tab).
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.classList.contains('message')), true);
    await page.keyboard.type('hi');
    assert.equal(await page.locator('#composer-input').evaluate((e) => (e as HTMLTextAreaElement).value), 'hi');
  });

  it('deletes a message after asking where', async () => {
    await open('n=100');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    const target = page.locator('.message[data-id="m98"]');
    await pickFromMessageMenu(page, target, 'Delete…');
    const dialog = page.locator('#delete-dialog');
    await dialog.waitFor();
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-delete.png') });
    await dialog.locator('vscode-button[data-choice="everywhere"]').click();
    await target.waitFor({ state: 'detached' });
    const deletes = (await hostLog(page)).requests.filter((r) => r.method === 'chat/delete');
    assert.deepEqual(deletes.map((r) => r.params), [{ ids: ['m98'], everywhere: true }]);
    assert.equal((await dataset(page)).loadedMessages, '49');
  });

  it('shows live updates: new messages, status changes, removals and reveal', async () => {
    await open('n=100');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    const notify = (method: string, params: unknown): Promise<void> =>
      page.evaluate(([m, p]) => (window as unknown as { __host: { notify(m: string, p: unknown): void } }).__host.notify(m as string, p), [method, params] as const);
    const generated = (i: number): Promise<Record<string, unknown>> =>
      page.evaluate((k) => (window as unknown as { __host: { generated(i: number): Record<string, unknown> } }).__host.generated(k), i);
    await notify('chat/messagesAdded', { messages: [{ ...(await generated(100)), id: 'n1', time: Math.floor(Date.now() / 1000), mentionsMe: true }] });
    await page.locator('.message.mention[data-id="n1"]').waitFor();
    assert.equal((await dataset(page)).atBottom, 'true', 'stays at the newest message');
    // The log announces the new message once; mounted and rebuilt rows are not live.
    assert.match(await page.locator('#messages[role="log"][aria-live="polite"] #announcer').innerText(), /^Bob Stone: #100 /);
    assert.equal(await page.locator('#messages .list-content[aria-live="off"]').count(), 1);
    await notify('chat/messagesRemoved', { ids: ['m97'] });
    await page.locator('.message[data-id="m97"]').waitFor({ state: 'detached' });
    await notify('chat/messageUpdated', { message: { ...(await generated(96)), status: 'revoked' } });
    await page.locator('.message.tip[data-id="m96"][data-status="revoked"]').waitFor();
    // A failed send offers Retry (this host refuses it: a short error line), a sending one Cancel.
    const now = Math.floor(Date.now() / 1000);
    await notify('chat/messagesAdded', { messages: [
      { ...(await generated(100)), id: 'f1', seq: '0', time: now, sender: 'me', senderName: 'Me Myself', isSelf: true, status: 'failed' },
      { ...(await generated(100)), id: 'p1', seq: '0', time: now, sender: 'me', senderName: 'Me Myself', isSelf: true, status: 'sending' },
    ] });
    await page.locator('.message[data-id="p1"][data-status="sending"] .codicon-loading').waitFor();
    await page.locator('.message[data-id="p1"] button[data-action="cancel"]').click();
    await page.locator('.message[data-id="f1"][data-status="failed"] button[data-action="retry"]').click();
    await page.locator('#error-line', { hasText: 'Retry failed: retry is not scripted' }).waitFor();
    // A send of this session says why it failed (as text: it may hold TIM's own description).
    assert.equal(await page.locator('.message[data-id="f1"] .status-text').innerText(), 'Not sent');
    await notify('chat/messageUpdated', { message: { ...(await generated(100)), id: 'f1', seq: '0', time: now, sender: 'me', senderName: 'Me Myself', isSelf: true, status: 'failed', failure: 'The recipient does not accept <b>your</b> messages.' } });
    await page.locator('.message[data-id="f1"] .status-text', { hasText: 'Not sent: The recipient does not accept <b>your</b> messages.' }).waitFor();
    assert.equal(await page.locator('.message[data-id="f1"] .status-text b').count(), 0);
    const methods = (await hostLog(page)).requests.map((r) => r.method);
    assert.ok(methods.includes('chat/cancel') && methods.includes('chat/retry'), methods.join(','));
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-status.png') });
    await notify('chat/reveal', { id: 'm60' });
    await page.locator('.message.revealed[data-id="m60"]').waitFor();
  });

  it("shows a group's notice under the title as one line of text, the whole of it on hover; a peer's status message likewise, and whether they are online", async () => {
    const notice = 'Ship on Fridays <img src=x onerror="window.__xss=9">\nsecond line';
    await open(`type=group&n=30&notice=${encodeURIComponent(notice)}`);
    const line = page.locator('#chat-notice');
    await line.waitFor();
    assert.equal(await line.innerText(), 'Ship on Fridays <img src=x onerror="window.__xss=9"> second line');
    assert.equal(await line.getAttribute('title'), notice);
    assert.equal(await page.locator('#chat-notice img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined);
    // A chat/info without a notice (it was cleared) hides the line.
    await page.evaluate(() => {
      const host = (window as unknown as { __host: { notify(method: string, params: unknown): void } }).__host;
      host.notify('chat/info', { conversationId: 'dev', conversationType: 'group', title: 'Developers', selfId: 'me', signedIn: true, draft: '', unreadCount: 0, locale: 'en', notice: '', strings: {} });
    });
    await line.waitFor({ state: 'hidden' });
    await open('n=30');
    assert.equal(await page.locator('#chat-notice').isHidden(), true, 'no notice in a one-to-one chat');
    // A one-to-one chat shows the peer's status message there instead, as text, with its own icon.
    await page.evaluate(() => {
      const host = (window as unknown as { __host: { notify(method: string, params: unknown): void } }).__host;
      host.notify('chat/info', { conversationId: 'alice', conversationType: 'c2c', title: 'Alice Liddell', selfId: 'me', signedIn: true, draft: '', unreadCount: 0, locale: 'en', peerStatus: 'on call <b>today</b>', notice: 'ignored outside groups', strings: {} });
    });
    await line.waitFor();
    assert.equal(await line.innerText(), 'on call <b>today</b>');
    assert.equal(await line.getAttribute('data-kind'), 'status');
    assert.equal(await page.locator('#chat-notice .codicon-comment').count(), 1);
    assert.equal(await page.locator('#chat-notice .codicon-megaphone').count(), 0);
    // Beside the title: whether the peer is online, when the host knows.
    const presence = page.locator('#chat-presence');
    assert.equal(await presence.isHidden(), true, 'nothing said while the host does not know');
    for (const peerPresence of ['online', 'offline'] as const) {
      await page.evaluate((value) => {
        const host = (window as unknown as { __host: { notify(method: string, params: unknown): void } }).__host;
        host.notify('chat/info', { conversationId: 'alice', conversationType: 'c2c', title: 'Alice Liddell', selfId: 'me', signedIn: true, draft: '', unreadCount: 0, locale: 'en', peerPresence: value, strings: {} });
      }, peerPresence);
      await page.waitForFunction((value) => document.getElementById('chat-presence')?.dataset.presence === value, peerPresence);
      assert.equal(await presence.innerText(), peerPresence === 'online' ? 'Online' : 'Offline');
    }
    // Beside it: that the user blocked the peer, until chat/info says otherwise.
    const blocked = page.locator('#chat-blocked');
    assert.equal(await blocked.isHidden(), true);
    const blockedInfo = (peerBlocked: boolean) =>
      page.evaluate((value) => {
        const host = (window as unknown as { __host: { notify(method: string, params: unknown): void } }).__host;
        host.notify('chat/info', { conversationId: 'alice', conversationType: 'c2c', title: 'Alice Liddell', selfId: 'me', signedIn: true, draft: '', unreadCount: 0, locale: 'en', peerPresence: 'offline', peerBlocked: value, strings: {} });
      }, peerBlocked);
    await blockedInfo(true);
    await blocked.waitFor();
    assert.equal(await blocked.innerText(), 'Blocked');
    assert.equal(await blocked.getAttribute('title'), 'You blocked them: their messages do not reach you.');
    assert.equal(await page.locator('#chat-blocked .codicon-circle-slash').count(), 1);
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-presence.png') });
    await blockedInfo(false);
    await blocked.waitFor({ state: 'hidden' });
  });

  it('takes no messages while the user is muted, says until when, and opens again at its end; likewise while only the owner and admins write', async () => {
    await open('type=group&n=30');
    const input = page.locator('#composer-input');
    const disabled = (): Promise<boolean> => input.evaluate((e) => (e as HTMLTextAreaElement & { disabled: boolean }).disabled);
    const info = (muted: unknown) =>
      page.evaluate((value) => {
        const host = (window as unknown as { __host: { notify(method: string, params: unknown): void } }).__host;
        host.notify('chat/info', { conversationId: 'dev', conversationType: 'group', title: 'Developers', selfId: 'me', signedIn: true, draft: '', unreadCount: 0, locale: 'en-GB', strings: {}, ...(value === null ? {} : { muted: value }) });
      }, muted);
    assert.equal(await disabled(), false);
    // Muted for two more seconds: closed, saying until when (today: the time alone), then open again by itself.
    const until = Math.ceil(Date.now() / 1000) + 2;
    await info({ mutedUntil: until });
    await page.waitForFunction(() => (document.getElementById('composer-input') as HTMLTextAreaElement).disabled);
    const clock = new Date(until * 1000).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    assert.equal(await page.locator('#composer-notice').innerText(), `You are muted in this group until ${clock}.`);
    await page.waitForFunction(() => !(document.getElementById('composer-input') as HTMLTextAreaElement).disabled, undefined, { timeout: 6000 });
    assert.equal(await page.locator('#composer-notice').isHidden(), true);
    // A mute that has already ended closes nothing.
    await info({ mutedUntil: Math.floor(Date.now() / 1000) - 5 });
    assert.equal(await disabled(), false);
    // Only the owner and admins write: closed until chat/info says otherwise.
    await info({ onlyAdmins: true });
    await page.waitForFunction(() => (document.getElementById('composer-input') as HTMLTextAreaElement).disabled);
    assert.equal(await page.locator('#composer-notice').innerText(), 'Only the owner and admins can write in this group for now.');
    await info(null);
    await page.waitForFunction(() => !(document.getElementById('composer-input') as HTMLTextAreaElement).disabled);
  });

  it('takes no new messages in a dismissed group, or one the user is no longer in, and says why', async () => {
    await open('type=group&n=30');
    const input = page.locator('#composer-input');
    const disabled = (): Promise<boolean> => input.evaluate((e) => (e as HTMLTextAreaElement & { disabled: boolean }).disabled);
    assert.equal(await disabled(), false);
    const info = (closed: string | undefined) =>
      page.evaluate((reason) => {
        const host = (window as unknown as { __host: { notify(method: string, params: unknown): void } }).__host;
        host.notify('chat/info', { conversationId: 'dev', conversationType: 'group', title: 'Developers', selfId: 'me', signedIn: true, draft: '', unreadCount: 0, locale: 'en', ...(reason ? { closed: reason } : {}), strings: {} });
      }, closed);
    await info('notMember');
    await page.locator('#composer-notice', { hasText: 'You are no longer a member of this group: to write in it again, ask a member to add you.' }).waitFor();
    assert.equal(await disabled(), true);
    await info(undefined);
    await page.locator('#composer-notice').waitFor({ state: 'hidden' });
    assert.equal(await disabled(), false, 'added again');
    await info('dismissed');
    await page.locator('#composer-notice', { hasText: 'This group was dismissed: no one can write in it any more.' }).waitFor();
    assert.equal(await disabled(), true);
    assert.ok((await page.locator('.message').count()) > 0, 'the history loaded before stays');
  });

  it('stays usable when the host knows no chat/* request, and when signed out', async () => {
    await open('mode=unknown');
    const error = page.locator('#error-line');
    await error.waitFor();
    assert.match(await error.innerText(), /Could not load messages: Unknown request chat\/loadLatest/);
    assert.equal(await page.locator('#chat-title').innerText(), 'Alice Liddell');
    assert.equal(await page.locator('#composer-input').evaluate((e) => (e as HTMLTextAreaElement & { disabled: boolean }).disabled), true);
    await page.locator('#composer-notice').waitFor();
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-unknown-host.png') });
  });

  it('asks for an older page once when it fails, and again only on Try Again', async () => {
    await open('n=1000&mode=olderFails');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    await page.evaluate(() => {
      (document.getElementById('messages') as HTMLElement).scrollTop = 0;
    });
    const error = page.locator('#error-line', { hasText: 'Could not load messages: the server is busy' });
    await error.waitFor();
    await page.mouse.wheel(0, -500);
    await page.waitForTimeout(500);
    const older = async (): Promise<number> => (await hostLog(page)).requests.filter((r) => r.method === 'chat/loadOlder').length;
    assert.equal(await older(), 1);
    await page.locator('#error-action').click();
    await page.waitForFunction(() => (window as unknown as { __host: HostLog }).__host.requests.filter((r) => r.method === 'chat/loadOlder').length === 2);
    await page.waitForTimeout(300);
    assert.equal(await older(), 2);
  });

  it('looks right in a light theme', async () => {
    await open('n=100000&theme=light&unread=2');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(255, 255, 255)');
    await page.screenshot({ path: outputPath('screenshots', 'webview-light-latest.png') });
  });

  it('looks right in a high-contrast theme', async () => {
    await open('n=100000&theme=hc&unread=2');
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    await page.evaluate(() => (window as unknown as { __host: { notify(m: string, p: unknown): void } }).__host.notify('chat/reveal', { id: 'm99977' }));
    await page.locator('.message.revealed').waitFor();
    await page.screenshot({ path: outputPath('screenshots', 'webview-hc-latest.png') });
  });
});
