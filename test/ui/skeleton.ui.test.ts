/**
 * The walking skeleton in the real workbench: TIM Chat's activity bar container and Conversations view
 * with the signed-out welcome and Sign In button; the chat panel from the command palette, with a
 * working webview-to-host round trip and a CSP that refuses inline script.
 */
import * as assert from 'node:assert/strict';
import { activeWebview, activityBarItem, answerInput, openWorkbench, runCommand, type Workbench } from '../harness/workbench';

describe('walking skeleton in the workbench', function () {
  this.timeout(180_000);
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ name: 'skeleton' });
  });
  after(async () => {
    await workbench?.close();
  });

  it('shows the TIM Chat container with a Sign In welcome while signed out', async () => {
    const { page } = workbench;
    const item = activityBarItem(page, 'TIM Chat');
    await item.waitFor({ timeout: 60_000 });
    await item.click();
    const welcome = page.locator('.welcome-view-content', { hasText: 'Chat with your team' });
    await welcome.waitFor({ timeout: 60_000 });
    const button = welcome.locator('.monaco-button', { hasText: 'Sign In' });
    await button.waitFor({ timeout: 10_000 });
    assert.equal(await button.count(), 1);
    assert.ok((await page.locator('.pane-header', { hasText: 'Conversations' }).count()) >= 1);
    await workbench.screenshot('01-signed-out-welcome.png');
  });

  it('opens the chat panel, whose webview reaches the host', async () => {
    const { page } = workbench;
    await runCommand(page, 'TIM Chat: Open Chat');
    await answerInput(page, 'alice');
    const frame = activeWebview(page);
    await frame.locator('#chat-title', { hasText: 'alice' }).waitFor({ timeout: 30_000 });
    const status = frame.locator('#host-status[data-kind="ok"]');
    await status.waitFor({ state: 'attached', timeout: 30_000 });
    assert.match((await status.textContent()) ?? '', /Connected to host \(\d+ ms\)/);
    // A healthy connection is not shown (only "Connecting…" and failures are).
    assert.equal(await status.isVisible(), false);
    await workbench.screenshot('02-chat-panel.png');
  });

  it('refuses inline script in the webview (strict CSP)', async () => {
    const frame = activeWebview(workbench.page);
    const ran = await frame.locator('body').evaluate(async (body) => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "yes";';
      body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return body.dataset.injected ?? 'no';
    });
    assert.equal(ran, 'no');
  });
});
