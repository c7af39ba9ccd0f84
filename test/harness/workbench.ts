/**
 * The real VS Code workbench in headless Chromium, for UI tests: starts a fresh VS Code server with TIM
 * Chat loaded (as a development extension, or installed from a .vsix), opens the workbench, and offers
 * the few gestures tests need (run a command, reach the chat webview, take a screenshot).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { developmentExtensionUri, startVsCodeServer, type VsCodeServer } from './codeServer';
import { freshRunDir, outputPath } from './paths';

export interface WorkbenchOptions {
  /** Names the run folder and the screenshot subfolder. */
  readonly name: string;
  /** Load the working tree as a development extension (default), or only what installVsix installs. */
  readonly developmentExtension?: boolean;
  readonly installVsix?: readonly string[];
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The workbench's color theme (THEMES) and the browser's prefers-color-scheme; the default leaves
   * VS Code's own default theme. An explicit workbench.colorTheme in settings wins.
   */
  readonly colorScheme?: ColorScheme;
  /** Files to write into the workspace folder before the workbench opens (relative path to content). */
  readonly files?: Readonly<Record<string, string>>;
  /** Show modal dialogs (`.monaco-dialog-box`) instead of refusing them as the test driver does. */
  readonly modalDialogs?: boolean;
}

export type ColorScheme = 'light' | 'dark' | 'high-contrast';

/** The built-in theme each color scheme opens with (settings ids, as in "Preferences: Color Theme"). */
export const THEMES: Readonly<Record<ColorScheme, string>> = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
  'high-contrast': 'Default High Contrast',
};

export interface Workbench {
  readonly page: Page;
  readonly server: VsCodeServer;
  readonly workspace: string;
  /** Saves a PNG under .test-output/screenshots/<name>/ and returns its path. */
  screenshot(file: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const runDir = freshRunDir(`ui-${options.name}`);
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  for (const [relative, content] of Object.entries(options.files ?? {})) {
    const file = path.join(workspace, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  const { colorScheme } = options;
  const settings = colorScheme ? { 'workbench.colorTheme': THEMES[colorScheme], ...options.settings } : options.settings;
  const server = await startVsCodeServer({ runDir, settings, env: options.env, installVsix: options.installVsix, modalDialogs: options.modalDialogs });
  let browser: BrowserContext | undefined;
  try {
    browser = await launchChromium(path.join(runDir, 'chrome'), { colorScheme: colorScheme === undefined ? undefined : colorScheme === 'light' ? 'light' : 'dark' });
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => console.log(`[workbench pageerror] ${error.message}`));
    const payload = options.developmentExtension === false ? [] : [['extensionDevelopmentPath', developmentExtensionUri(server, runDir)]];
    const query = `folder=${encodeURIComponent(workspace)}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify([...payload, ['skipWelcome', 'true']]))}` : ''}`;
    await page.goto(`${server.url}/?${query}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const opened = browser;
    return {
      page,
      server,
      workspace,
      screenshot: async (file) => {
        const target = outputPath('screenshots', options.name, file);
        await page.screenshot({ path: target });
        return target;
      },
      close: async () => {
        await opened.close().catch(() => undefined);
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

/**
 * Runs a command from the command palette by its label as shown there ("TIM Chat: Open Chat"). While
 * the machine is busy two things can go wrong, and each is tried again from F1 (three times in all):
 * a webview iframe holding the focus swallows F1, or a panel revealed just before (a jump to a
 * message) takes the focus a moment after the palette opened, which closes the palette.
 */
export async function runCommand(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>${label}`, { timeout: 10_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 15_000 });
      break;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
      // Hand the focus back to the workbench and start again.
      await page.keyboard.press('Escape');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    }
  }
  await page.keyboard.press('Enter');
}

/**
 * Answers the quick input (input box) that a command opened. The palette and the input box share one
 * widget, so it waits until the widget no longer holds the palette's ">command" text: typing earlier
 * would go into the palette.
 */
export async function answerInput(page: Page, text: string, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => {
    const input = document.querySelector('.quick-input-widget input') as HTMLInputElement | null;
    return input !== null && input.offsetParent !== null && !input.value.startsWith('>');
  }, undefined, { timeout: timeoutMs });
  await page.locator('.quick-input-widget input').fill(text);
  await page.keyboard.press('Enter');
}

/**
 * Runs a command, then `shown` (what the command opens: an input box to answer, a quick pick row). A
 * panel revealed just before (a jump to a message, a panel restored by a reload) can take the focus a
 * moment after the command's input opened, under load (seen in CI), which closes it: then the command
 * runs once more. `shown` gets 10 s the first time and its own default the second.
 */
async function runCommandOnceMore(page: Page, label: string, shown: (timeoutMs?: number) => Promise<unknown>): Promise<void> {
  await runCommand(page, label);
  try {
    await shown(10_000);
  } catch {
    await runCommand(page, label);
    await shown();
  }
}

/** Runs a command that asks for text and answers it (runCommandOnceMore: a stolen focus closes the box). */
export async function runCommandWithInput(page: Page, label: string, text: string): Promise<void> {
  await runCommandOnceMore(page, label, (timeoutMs) => answerInput(page, text, timeoutMs));
}

/**
 * Runs a command that shows a quick pick and returns the row holding `rowText` once it shows
 * (runCommandOnceMore: a stolen focus closes the pick, its row left in the page, hidden).
 */
export async function runCommandForPick(page: Page, label: string, rowText: string): Promise<Locator> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText });
  await runCommandOnceMore(page, label, (timeoutMs = 30_000) => row.waitFor({ timeout: timeoutMs }));
  return row;
}

/** The content frame of the active webview (webviews sit in two nested iframes). */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
}

/**
 * Waits until the active chat panel is signed in and has loaded its messages. On a timeout the error
 * says what the panel showed instead (its state attributes and error line, how many webviews exist),
 * since "waiting for locator" alone does not tell a stuck handshake from a failed load.
 */
export async function waitForChatReady(page: Page, timeout = 60_000): Promise<void> {
  const chat = activeWebview(page);
  try {
    await chat.locator('body[data-signed-in="true"][data-load-state="loaded"]').waitFor({ timeout });
  } catch (error) {
    const webviews = await page.locator('iframe.webview').count();
    const shown = await chat
      .locator('body')
      .evaluate((body) => ({ ...body.dataset, error: document.querySelector('#error-line')?.textContent ?? '' }), undefined, { timeout: 5_000 })
      .catch((reason: unknown) => `unreadable: ${String(reason).split('\n')[0]}`);
    throw new Error(`the chat panel did not get ready: ${JSON.stringify(shown)}; ${webviews} webview iframe(s). ${String(error).split('\n')[0]}`);
  }
}

/**
 * Opens a conversation by clicking its row in the TIM Chat tree (the first row holding `rowText`) and
 * waits until its panel is ready. A click that lands while the tree refreshes is lost (the workbench
 * drops the row's command with the render it belonged to: "Actual command not found" in the extension
 * host log, seen in CI), so it clicks again when no new editor tab appears.
 */
export async function openChatFromTree(page: Page, rowText: string, timeout = 60_000): Promise<void> {
  const row = page.locator('.pane-body .monaco-list-row', { hasText: rowText }).first();
  const activeTab = page.locator('.tabs-container .tab.active');
  const before = (await activeTab.count()) > 0 ? await activeTab.first().innerText() : undefined;
  for (let attempt = 1; ; attempt++) {
    await row.click({ timeout });
    const opened = await page
      .waitForFunction((previous) => {
        const tab = document.querySelector('.tabs-container .tab.active') as HTMLElement | null;
        return tab !== null && tab.innerText !== previous;
      }, before, { timeout: 15_000 })
      .then(() => true, () => false);
    if (opened || attempt === 3) {
      break;
    }
  }
  await waitForChatReady(page, timeout);
}

/** The activity bar entry of a view container, by its title. */
export function activityBarItem(page: Page, title: string): ReturnType<Page['locator']> {
  return page.locator(`.activitybar [aria-label^="${title}"]`).first();
}

/**
 * Inside a describe: after a failed test, saves what each workbench showed (failed-<test title>.png in
 * its screenshot folder), since a timed-out locator says what it waited for but not what was there.
 */
export function screenshotOnFailure(workbenches: () => ReadonlyArray<Workbench | undefined>): void {
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') {
      return;
    }
    const name = `failed-${test.title.replace(/[^\w]+/g, '-').slice(0, 60)}.png`;
    for (const workbench of workbenches()) {
      await workbench?.screenshot(name).catch(() => undefined);
    }
  });
}
