/**
 * The setup both fake-host UI suites share. Inside a describe: the webview bundle built fresh, served
 * with the fake host (fakeHostPage.ts), one Chromium for the suite, and a new page per test whose
 * errors (uncaught exceptions, console errors, HTTP responses >= 400) fail that test.
 */
import * as assert from 'node:assert/strict';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../harness/chromium';
import { freshRunDir } from '../harness/paths';
import { buildWebview, startFakeHostServer, type FakeHostServer } from './fakeHostPage';

export interface FakeHostSession {
  /** Valid from the suite's `before` on. */
  readonly server: FakeHostServer;
  /** The current test's page, valid from `beforeEach` on. */
  readonly page: Page;
}

/** What the fake host recorded: the webview's requests and commands, and its saved state. */
export interface HostLog {
  requests: Array<{ method: string; params: Record<string, unknown> }>;
  commands: Array<{ method: string; params: Record<string, unknown> }>;
  state: { conversationId: string; draft?: string } | undefined;
}

export async function hostLog(page: Page): Promise<HostLog> {
  return page.evaluate(() => {
    const host = (window as unknown as { __host: HostLog }).__host;
    return JSON.parse(JSON.stringify({ requests: host.requests, commands: host.commands, state: host.state })) as HostLog;
  });
}

/** Opens the panel with the fake host's `query` (fakeHostPage.ts) and waits until its newest page is shown. */
export async function openFakePanel(page: Page, url: string, query: string): Promise<void> {
  await page.goto(`${url}?${query}`);
  await page.locator('#host-status[data-kind="ok"]').waitFor({ state: 'attached', timeout: 15_000 });
  await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
}

/** Opens the fake panel and puts the focus in its composer, as a user about to type. */
export async function openFakePanelAtComposer(page: Page, url: string, query: string): Promise<void> {
  await openFakePanel(page, url, query);
  await page.locator('#composer-input textarea').focus();
}

/** The composer's text (a vscode-textarea: read through its property). */
export function composerTextOf(page: Page): Promise<string> {
  return page.locator('#composer-input').evaluate((e) => (e as HTMLTextAreaElement).value);
}

/** Opens a message's actions menu by right click and waits until it shows; `target` is a row or its id. */
export async function openMessageMenu(page: Page, target: Locator | string): Promise<void> {
  const row = typeof target === 'string' ? page.locator(`.message[data-id="${target}"]`) : target;
  await row.click({ button: 'right' });
  await waitForMessageMenu(page);
}

/** Waits until the actions menu shows (however it was opened). */
export async function waitForMessageMenu(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.getElementById('message-menu') as unknown as { show: boolean }).show === true);
}

/** Picks `label` from a message's actions menu. */
export async function pickFromMessageMenu(page: Page, target: Locator | string, label: string): Promise<void> {
  await openMessageMenu(page, target);
  await page.locator(`#message-menu vscode-context-menu-item[label="${label}"]`).click();
}

/** The labels the open actions menu offers, in order. */
export function messageMenuLabels(page: Page): Promise<string[]> {
  return page.locator('#message-menu').evaluate((m) => (m as unknown as { data: Array<{ label: string }> }).data.map((d) => d.label));
}

export function fakeHostSession(name: string): FakeHostSession {
  let server: FakeHostServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const errors: string[] = [];
  before(async () => {
    const dist = freshRunDir(`${name}-dist`);
    await buildWebview(dist);
    server = await startFakeHostServer(dist);
    context = await launchChromium(freshRunDir(name), { width: 900, height: 700 });
  });
  after(async () => {
    await context?.close();
    await server?.close();
  });
  beforeEach(async () => {
    if (context === undefined) {
      throw new Error('the fake host session did not start');
    }
    const opened = await context.newPage();
    page = opened;
    opened.on('pageerror', (error) => errors.push(String(error)));
    opened.on('console', (message) => {
      if (message.type() === 'error') {
        errors.push(`${message.text()} ${message.location().url}`);
      }
    });
    opened.on('response', (response) => {
      if (response.status() >= 400) {
        errors.push(`HTTP ${response.status()} ${response.url()}`);
      }
    });
  });
  afterEach(async () => {
    await page?.close();
    assert.deepEqual(errors.splice(0), [], 'no page errors');
  });
  return {
    get server(): FakeHostServer {
      if (server === undefined) {
        throw new Error('the fake host server is not running (used before the suite started?)');
      }
      return server;
    },
    get page(): Page {
      if (page === undefined) {
        throw new Error('no page yet (used before beforeEach?)');
      }
      return page;
    },
  };
}
