/**
 * Debian's headless Chromium driven by playwright-core (playwright's own browser download cannot work
 * here). Everything but loopback is unresolvable from this browser.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Installs Debian's chromium when running as root; otherwise says what to install. */
export function ensureChromium(): string {
  if (fs.existsSync(CHROMIUM_PATH)) {
    return CHROMIUM_PATH;
  }
  if (process.getuid?.() === 0) {
    console.log('harness: installing Debian chromium with apt-get');
    execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
    if (fs.existsSync(CHROMIUM_PATH)) {
      return CHROMIUM_PATH;
    }
  }
  throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install Debian's package (sudo apt-get install chromium) or set CHROMIUM`);
}

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-features=Translate,OptimizationHints,MediaRouter',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** A fresh persistent Chromium profile under `profileDir` (Chromium's own files stay inside it). */
export async function launchChromium(profileDir: string, options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
  const executablePath = ensureChromium();
  fs.mkdirSync(profileDir, { recursive: true });
  return chromium.launchPersistentContext(profileDir, {
    env: { ...process.env, HOME: profileDir, XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config'), XDG_CACHE_HOME: path.join(profileDir, 'xdg-cache') },
    executablePath,
    headless: true,
    viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'dark',
    args: [...CHROMIUM_ARGS],
  });
}
