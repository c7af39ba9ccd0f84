/**
 * `npm run bench:ui`: the chat panel in the real workbench on a real tim-emulator. Opens a conversation
 * with 10,000 messages and one with 10, each in a fresh panel, and scrolls the long one back to its
 * start. Prints time to first paint, time per page of history, DOM nodes in the list, loaded messages
 * and memory, with the long conversation's figures as ratios of the short one's (the peer measured in
 * the same run): virtualisation should keep first paint and DOM size flat however long the history.
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_USER, LONG_HISTORY_COUNT, demoTeam } from '../../scripts/demoTeam';
import { seedEmulator, startEmulatorProcess } from '../../test/harness/emulatorProcess';
import { freshRunDir } from '../../test/harness/paths';
import { activeWebview, activityBarItem, openWorkbench, runCommand } from '../../test/harness/workbench';

const SHORT_GROUP = 'short';
const SHORT_COUNT = 10;

interface Opened {
  readonly firstPaintMs: number;
  readonly openMs: number;
  readonly listNodes: number;
  readonly loaded: number;
}

async function dataset(frame: FrameLocator): Promise<Record<string, string>> {
  return frame.locator('body').evaluate((body) => ({ ...(body as HTMLElement).dataset }) as Record<string, string>);
}

/** Closes every editor, then opens a conversation from the tree (as a person would) and waits for its first page. */
async function openConversation(page: Page, treeLabel: string): Promise<{ frame: FrameLocator; opened: Opened }> {
  await runCommand(page, 'View: Close All Editors');
  const started = Date.now();
  await page.locator('.pane-body .monaco-list-row', { hasText: treeLabel }).first().click();
  const frame = activeWebview(page);
  await frame.locator('body[data-load-state="loaded"]').waitFor({ timeout: 120_000 });
  const data = await dataset(frame);
  return {
    frame,
    opened: { firstPaintMs: Number(data.firstPaintMs), openMs: Date.now() - started, listNodes: Number(data.listNodes), loaded: Number(data.loadedMessages) },
  };
}

async function main(): Promise<void> {
  const runDir = freshRunDir('bench-ui');
  const seed = demoTeam();
  const dataDir = path.join(runDir, 'emulator');
  console.log(`seeding ${LONG_HISTORY_COUNT} + ${SHORT_COUNT} messages…`);
  seedEmulator(dataDir, {
    ...seed,
    groups: [...seed.groups, { id: SHORT_GROUP, name: 'Short', type: 0, owner: 'alice', members: ['bob'] }],
    messages: [...seed.messages, ...Array.from({ length: SHORT_COUNT }, (_, i) => ({ from: 'bob', group: SHORT_GROUP, text: `Short message ${i + 1}` }))],
  });
  const emulator = await startEmulatorProcess(dataDir);
  const workbench = await openWorkbench({ name: 'bench-ui', env: { TIMCHAT_AUTO_SIGN_IN: DEMO_USER, TIMCHAT_EMULATOR_DATA: dataDir, TIMCHAT_EMULATOR_URL: emulator.url } });
  try {
    const { page } = workbench;
    await activityBarItem(page, 'TIM Chat').click({ timeout: 60_000 });
    await page.locator('.pane-body .monaco-list-row', { hasText: 'Long History' }).first().waitFor({ timeout: 60_000 });
    // Warm up the webview machinery once, so neither measured panel pays for the first load.
    await openConversation(page, 'Short');
    const short = (await openConversation(page, 'Short')).opened;
    const { frame, opened: long } = await openConversation(page, 'Long History');

    // Scroll back to the start, a page at a time, timing each page.
    const pageTimes: number[] = [];
    let maxNodes = long.listNodes;
    for (let i = 0; i < 1000; i++) {
      const before = Number((await dataset(frame)).loadedMessages);
      const started = Date.now();
      await frame.locator('#messages').evaluate((el) => ((el as HTMLElement).scrollTop = 0));
      const grown = await frame
        .locator('body')
        .evaluate(
          (body, count) =>
            new Promise<boolean>((resolve) => {
              const deadline = Date.now() + 30_000;
              const check = (): void => {
                const data = (body as HTMLElement).dataset;
                if (Number(data.loadedMessages) > count || data.hasMoreBefore === 'false') {
                  resolve(Number(data.loadedMessages) > count);
                } else if (Date.now() > deadline) {
                  resolve(false);
                } else {
                  requestAnimationFrame(check);
                }
              };
              check();
            }),
          before,
        );
      if (!grown) {
        break;
      }
      pageTimes.push(Date.now() - started);
      maxNodes = Math.max(maxNodes, Number((await dataset(frame)).listNodes));
    }
    const end = await dataset(frame);
    const memory = await frame.locator('body').evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    pageTimes.sort((a, b) => a - b);
    const median = pageTimes[Math.floor(pageTimes.length / 2)] ?? Number.NaN;
    const p95 = pageTimes[Math.floor(pageTimes.length * 0.95)] ?? Number.NaN;
    const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
    console.log(`\nchat panel in the real workbench (VS Code ${process.env.CODE_SERVER_VERSION ?? '1.100.3'}), ${LONG_HISTORY_COUNT} vs ${SHORT_COUNT} messages\n`);
    console.log('| measure | 10 messages | 10,000 messages | ratio |');
    console.log('|---|---:|---:|---:|');
    console.log(`| time to first paint (ms, webview clock) | ${short.firstPaintMs} | ${long.firstPaintMs} | ${ratio(long.firstPaintMs, short.firstPaintMs)} |`);
    console.log(`| open to loaded (ms, click to data) | ${short.openMs} | ${long.openMs} | ${ratio(long.openMs, short.openMs)} |`);
    console.log(`| DOM nodes in the list after opening | ${short.listNodes} | ${long.listNodes} | ${ratio(long.listNodes, short.listNodes)} |`);
    console.log(`\nscrolling the long conversation back to its start: ${pageTimes.length} pages, ${end.loadedMessages} messages loaded, reached the start: ${end.hasMoreBefore === 'false'}`);
    console.log(`| time per page (ms) | median ${median} | p95 ${p95} | max ${pageTimes[pageTimes.length - 1] ?? 'n/a'} |`);
    console.log(`| DOM nodes in the list | at most ${maxNodes} while ${end.loadedMessages} messages were loaded (${ratio(maxNodes, long.listNodes)} of the count after opening) |`);
    console.log(`| webview JS heap | ${(memory / 1024 / 1024).toFixed(1)} MB |`);
  } finally {
    await workbench.close();
    await emulator.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
