/**
 * A stand-in "VS Code executable" for @vscode/test-electron's `runTests({ vscodeExecutablePath })`:
 * desktop VS Code cannot be downloaded here, so this accepts the flags test-electron passes
 * (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, --extensions-dir=, [folder]),
 * starts the VS Code server from code-server on 127.0.0.1, opens the workbench in headless Chromium
 * with the `payload` URL parameter so the tests run in the real Node extension host, forwards the
 * extension host's console, and exits with the tests' exit code.
 *
 * Run through codeShim.sh (test-electron spawns an executable file).
 */
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchChromium } from './chromium';
import { startVsCodeServer } from './codeServer';
import { freshRunDir, outputPath } from './paths';

const NOISE = [/^Creating a socket/, /^Resolv(ing|ed) connection token/, /^Updating additional builtin extensions cache/, /^\[Service Worker\]/,
  /^ChatSessionStore/, /127\.0\.0\.1:9\b/, /^Started local extension host/, /^Overwriting extension/,
  // The workbench's own complaint when a test closes a webview panel right after opening it.
  /OverlayWebview has been disposed/];

interface ShimArgs {
  devPaths: string[];
  testsPath?: string;
  folder?: string;
}

function parseArgs(argv: readonly string[]): ShimArgs {
  const parsed: ShimArgs = { devPaths: [] };
  for (const arg of argv) {
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (match) {
      if (match[1] === 'extensionDevelopmentPath') {
        parsed.devPaths.push(path.resolve(match[2]));
      } else if (match[1] === 'extensionTestsPath') {
        parsed.testsPath = path.resolve(match[2]);
      }
      // Other desktop flags (--no-sandbox, --disable-updates, --user-data-dir ...) mean nothing here:
      // every run gets its own fresh profile below.
    } else if (arg === '--version') {
      console.log('1.100.3\ncode-server-shim\nx64');
      process.exit(0);
    } else if (!arg.startsWith('-')) {
      parsed.folder = path.resolve(arg);
    }
  }
  return parsed;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.testsPath) {
    console.error('code shim: --extensionTestsPath=... is required');
    return 2;
  }
  const timeoutMs = Number(process.env.SHIM_TIMEOUT_MS ?? 900_000);
  const runDir = freshRunDir('vscode-tests');
  const folder = args.folder ?? path.join(runDir, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  const server = await startVsCodeServer({ runDir });
  const browser = await launchChromium(path.join(runDir, 'chrome'));
  let code: number | 'timeout' = 1;
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (message) => {
      void Promise.all(message.args().map((a) => a.jsonValue().catch(() => String(a)))).then((values: unknown[]) => {
        // Log-service lines arrive as ['%c INFO', 'color: ...', message, ...]; the extension host's console
        // (mocha's reporter) is routed through it in extension-test mode.
        const level = typeof values[0] === 'string' ? /^%c\s*(TRACE|DEBUG|INFO|WARN|ERR)\s*$/.exec(values[0]) : null;
        if (!level) {
          return;
        }
        const text = util.format(...values.slice(2));
        if (!NOISE.some((pattern) => pattern.test(text))) {
          (level[1] === 'ERR' ? console.error : console.log)(text);
        }
      });
    });
    const exited = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (c: number) => resolve(c)));
    const payload = [
      ...args.devPaths.map((p) => ['extensionDevelopmentPath', `vscode-remote://${server.host}${p}`]),
      ['extensionTestsPath', `vscode-remote://${server.host}${args.testsPath}`],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs))]);
    if (code === 'timeout') {
      console.error(`code shim: the extension tests did not finish within ${timeoutMs} ms`);
      await page.screenshot({ path: outputPath('vscode', 'timeout.png') }).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the last console lines arrive
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
  return code === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('code shim failed:', error);
    process.exit(1);
  },
);
