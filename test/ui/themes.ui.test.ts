/**
 * TIM Chat in the real workbench under VS Code's dark, light and high-contrast themes (issue 5): the
 * workbench and the chat panel must both take the chosen theme, and the screenshots of the tree and the
 * open panel (.test-output/screenshots/themes-<scheme>/chat.png) show how it looks in each.
 */
import * as assert from 'node:assert/strict';
import path from 'node:path';
import { seedEmulator, startEmulatorProcess, type EmulatorProcess } from '../harness/emulatorProcess';
import { freshRunDir } from '../harness/paths';
import { activeWebview, activityBarItem, openChatFromTree, openWorkbench, type ColorScheme } from '../harness/workbench';

/** Relative luminance (0 black … 1 white) of a CSS `rgb(...)`/`rgba(...)` colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255);
  assert.ok(b !== undefined, `not an rgb colour: ${css}`);
  const lin = (c: number): number => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b);
}

// The workbench's class for the theme type, the webview body's class (VS Code sets both), and whether
// the background must be dark.
const EXPECTED: Record<ColorScheme, { workbench: string; webview: string; dark: boolean }> = {
  dark: { workbench: 'vs-dark', webview: 'vscode-dark', dark: true },
  light: { workbench: 'vs', webview: 'vscode-light', dark: false },
  'high-contrast': { workbench: 'hc-black', webview: 'vscode-high-contrast', dark: true },
};

describe('the workbench and chat panel in dark, light and high-contrast themes', function () {
  this.timeout(180_000);
  let emulator: EmulatorProcess;

  before(async () => {
    const dataDir = path.join(freshRunDir('ui-themes'), 'emulator');
    seedEmulator(dataDir, {
      users: [{ id: 'alice', nick: 'Alice' }, { id: 'bob', nick: 'Bob' }],
      groups: [{ id: 'team', name: 'Release Team', type: 0, owner: 'alice', members: ['bob'] }],
      messages: [
        { from: 'bob', group: 'team', text: 'standup in five' },
        { from: 'bob', to: 'alice', text: 'the **release notes** are ready' },
        { from: 'alice', to: 'bob', text: 'thanks, reading them now' },
      ],
    });
    emulator = await startEmulatorProcess(dataDir);
  });

  after(async () => {
    await emulator?.stop();
  });

  // One workbench at a time: each is a VS Code server plus a browser, and the machine is small.
  for (const scheme of Object.keys(EXPECTED) as ColorScheme[]) {
    it(`renders ${scheme}`, async () => {
      const expected = EXPECTED[scheme];
      const workbench = await openWorkbench({
        name: `themes-${scheme}`,
        colorScheme: scheme,
        env: { TIMCHAT_AUTO_SIGN_IN: 'alice', TIMCHAT_EMULATOR_DATA: emulator.dataDir, TIMCHAT_EMULATOR_URL: emulator.url },
        settings: { 'timChat.emulator.url': emulator.url },
      });
      try {
        const { page } = workbench;
        await activityBarItem(page, 'TIM Chat').click({ timeout: 60_000 });
        await openChatFromTree(page, 'Bob');
        const chat = activeWebview(page);
        await chat.locator('.message', { hasText: 'reading them now' }).waitFor({ timeout: 30_000 });

        const shell = await page.evaluate(() => {
          const element = document.querySelector('.monaco-workbench')!;
          return { classes: Array.from(element.classList), background: getComputedStyle(element).backgroundColor };
        });
        assert.ok(shell.classes.includes(expected.workbench), `workbench classes: ${shell.classes.join(' ')}`);
        assert.equal(luminance(shell.background) < 0.2, expected.dark, `workbench background ${shell.background}`);

        const panel = await chat.locator('body').evaluate((body) => ({ classes: Array.from(body.classList), background: getComputedStyle(body).backgroundColor }));
        assert.ok(panel.classes.includes(expected.webview), `chat panel body classes: ${panel.classes.join(' ')}`);
        assert.equal(luminance(panel.background) < 0.2, expected.dark, `chat panel background ${panel.background}`);

        await workbench.screenshot('chat.png');
      } catch (error) {
        await workbench.screenshot('failed.png').catch(() => undefined);
        throw error;
      } finally {
        await workbench.close();
      }
    });
  }
});
