/**
 * The real VS Code on this machine: the VS Code server and web workbench that ship inside the npm
 * package code-server, installed into the project's cache (scripts/install-code-server.sh) and started
 * bound to 127.0.0.1 with every piece of state in a throwaway folder and nothing reaching out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { repoRoot } from './paths';
import { spawnTracked, stopTracked } from './processes';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';

/** Installs code-server into .cache/ when it is missing and returns its package folder. */
export function ensureCodeServer(): string {
  const dir = path.join(repoRoot, '.cache', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
  if (fs.existsSync(path.join(dir, 'lib/vscode/out/server-main.js')) && fs.existsSync(path.join(dir, '../../.complete'))) {
    return dir;
  }
  console.log(`harness: installing code-server ${CODE_SERVER_VERSION} into .cache (about 90 s, once)`);
  const out = execFileSync('bash', [path.join(repoRoot, 'scripts/install-code-server.sh'), CODE_SERVER_VERSION], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop() ?? dir;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** User settings that keep the workbench quiet and offline. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
};

export interface VsCodeServerOptions {
  /** Throwaway folder holding user data, extensions, HOME and TMPDIR. */
  readonly runDir: string;
  /** Extra user settings merged over QUIET_SETTINGS. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Environment for the server, and so for the extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /** .vsix files to install before starting. */
  readonly installVsix?: readonly string[];
  /**
   * Show modal dialogs for real: leaves out --enable-smoke-test-driver, with which the web workbench
   * refuses them (DialogService.prompt throws "refused to show dialog in tests", confirm answers yes).
   */
  readonly modalDialogs?: boolean;
}

export interface VsCodeServer {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

function serverEnv(runDir: string, extra: Readonly<Record<string, string>> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extra,
    HOME: path.join(runDir, 'home'),
    XDG_CONFIG_HOME: path.join(runDir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg', 'cache'),
    TMPDIR: path.join(runDir, 'tmp'),
    // The extension gallery points at a dead loopback port, so nothing tries a public gallery.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
  };
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

/**
 * Starts VS Code's server (lib/vscode/out/server-main.js, with --enable-smoke-test-driver so the
 * workbench honours the `payload` URL parameter that loads a development extension and its tests).
 */
export async function startVsCodeServer(options: VsCodeServerOptions): Promise<VsCodeServer> {
  const codeServer = ensureCodeServer();
  const { runDir } = options;
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, path.join(runDir, 'home'), path.join(runDir, 'tmp'), path.join(runDir, 'xdg')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  // The server reads user settings from <user-data-dir>/User/settings.json and machine settings from the
  // server data dir; write both so the workbench sees them whichever way it loads them.
  const settings = JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 1);
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), settings);
  const serverDataDir = path.join(runDir, 'server-data');
  fs.mkdirSync(path.join(serverDataDir, 'data', 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(serverDataDir, 'data', 'Machine', 'settings.json'), settings);
  const env = serverEnv(runDir, options.env);
  const serverMain = path.join(codeServer, 'lib/vscode/out/server-main.js');
  for (const vsix of options.installVsix ?? []) {
    execFileSync(process.execPath, [serverMain, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--server-data-dir', serverDataDir, '--user-data-dir', userDataDir, '--accept-server-license-terms'], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  }
  const port = await freePort();
  const logFile = path.join(runDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawnTracked(
    process.execPath,
    [serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
      '--telemetry-level', 'off', ...(options.modalDialogs ? [] : ['--enable-smoke-test-driver']), '--disable-workspace-trust',
      '--server-data-dir', serverDataDir, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir],
    { env, stdio: ['ignore', log, log], cwd: runDir },
  );
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`VS Code server exited with ${child.exitCode}; log: ${logFile}`);
    }
    try {
      const response = await fetch(`${url}/`, { redirect: 'manual' });
      if (response.status < 500) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stopTracked(child);
      throw new Error(`VS Code server did not answer within 60 s; log: ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, port, host: `127.0.0.1:${port}`, userDataDir, extensionsDir, logFile, process: child, stop: () => stopTracked(child) };
}

/**
 * The `vscode-remote:` URI of the working tree for the workbench's `extensionDevelopmentPath`.
 * At startup the workbench switches to a theme of the extension under development whenever one exists,
 * ignoring workbench.colorTheme: it takes every theme whose extension lies at or below that path
 * (WorkbenchThemeService.initialize → findThemeByExtensionLocation, an isEqualOrParent test). code-server
 * is installed in .cache/ inside the repo, so with the repo root as the path all its built-in themes
 * qualify and the first light one wins, whatever the settings say. A symlink in the run folder gives the
 * same working tree a location that is no parent of .cache/.
 */
export function developmentExtensionUri(server: VsCodeServer, runDir: string): string {
  const link = path.join(runDir, 'dev-extension');
  if (fs.lstatSync(link, { throwIfNoEntry: false }) === undefined) {
    fs.symlinkSync(repoRoot, link, 'dir');
  }
  return `vscode-remote://${server.host}${link}`;
}
