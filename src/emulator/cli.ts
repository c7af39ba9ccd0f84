#!/usr/bin/env node
/**
 * The `tim-emulator` command: start the server, print a UserSig for a user, load demo data. Shuts down
 * cleanly (pending commits flushed, database closed) on SIGINT and SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { genUserSig } from '../tim/userSig';
import { DEFAULT_EMULATOR_PORT } from './protocol';
import { loadOrCreateAppConfig } from './server/appConfig';
import { seedDataDir } from './server/seed';
import { startEmulator } from './server/startEmulator';

const HELP = `tim-emulator: a local Tencent Cloud Chat (TIM) server for TIM Chat

Usage:
  tim-emulator start [--port N] [--data DIR] [--app-id N] [--host ADDR --allow-remote] [--sync full|normal]
      Serve the TIM API over WebSocket (default ws://127.0.0.1:${DEFAULT_EMULATOR_PORT}; --port 0 picks one).
      The SDKAppID and secret key are created in DIR on first start. --sync normal skips the fsync at
      each commit (acknowledged messages then survive a killed server, not a crashed machine).
  tim-emulator usersig <user> [--expire SECONDS] [--data DIR]
      Print a UserSig for <user>, signed with the data dir's secret key (default 180 days).
  tim-emulator seed <file> [--data DIR]
      Load demo users, groups and messages from a JSON file (see docs/emulator.md).
  tim-emulator --help

DIR defaults to $TIM_EMULATOR_DATA or ~/.tim-emulator.
`;

interface Parsed {
  readonly positional: string[];
  readonly flags: Map<string, string>;
}

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h' || arg === '--allow-remote') {
      flags.set(arg.replace(/^-+/, ''), 'true');
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? argv[++i];
      if (name === undefined || value === undefined) {
        throw new Error(`${arg} needs a value`);
      }
      flags.set(name, value);
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

function intFlag(flags: Map<string, string>, name: string): number | undefined {
  const value = flags.get(name);
  if (value === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    throw new Error(`--${name} must be a non-negative integer`);
  }
  return Number(value);
}

async function main(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const command = positional[0];
  if (flags.has('help') || flags.has('h') || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && !flags.has('help') && !flags.has('h') ? 1 : 0;
  }
  const dataDir = flags.get('data') ?? process.env.TIM_EMULATOR_DATA ?? join(homedir(), '.tim-emulator');
  switch (command) {
    case 'start': {
      // A bug in one request must not take the server down: report it and keep serving.
      process.on('unhandledRejection', (reason: unknown) => process.stderr.write(`tim-emulator: unhandled rejection: ${String(reason)}\n`));
      process.on('uncaughtException', (error: Error) => process.stderr.write(`tim-emulator: uncaught exception: ${error.stack ?? String(error)}\n`));
      const appId = intFlag(flags, 'app-id');
      // Ends on SIGINT/SIGTERM, or when the socket worker failed (nothing could be served any more).
      let fatal = false;
      let stopNow = (): void => undefined;
      const stopped = new Promise<void>((resolve) => {
        stopNow = (): void => {
          process.off('SIGINT', stopNow);
          process.off('SIGTERM', stopNow);
          resolve();
        };
        process.on('SIGINT', stopNow);
        process.on('SIGTERM', stopNow);
      });
      const emulator = await startEmulator({
        dataDir,
        port: intFlag(flags, 'port') ?? DEFAULT_EMULATOR_PORT,
        host: flags.get('host') ?? '127.0.0.1',
        allowNonLoopback: flags.has('allow-remote'),
        ...(appId === undefined ? {} : { appId }),
        durability: flags.get('sync') === 'normal' ? 'normal' : 'full',
        onFatal: (error) => {
          process.stderr.write(`tim-emulator: the socket worker failed, stopping: ${error.message}\n`);
          fatal = true;
          stopNow();
        },
      });
      process.stdout.write(`tim-emulator listening on ${emulator.url}\nSDKAppID ${emulator.sdkAppId}\ndata ${dataDir}\n`);
      await stopped;
      const stats = emulator.stats();
      await emulator.close();
      const perOp = stats.operations === 0 ? 0 : stats.cpuMicros / stats.operations;
      process.stdout.write(`tim-emulator stopped (${stats.operations} operations in ${stats.flushes} commits, ${perOp.toFixed(0)} µs CPU per operation)\n`);
      return fatal ? 1 : 0;
    }
    case 'usersig': {
      const user = positional[1];
      if (user === undefined || user.length === 0) {
        throw new Error('usersig needs a user id');
      }
      const app = loadOrCreateAppConfig(dataDir);
      const expire = intFlag(flags, 'expire');
      process.stdout.write(`${genUserSig({ sdkAppId: app.sdkAppId, secretKey: app.secretKey, userId: user, ...(expire === undefined ? {} : { expireSeconds: expire }) })}\n`);
      return 0;
    }
    case 'seed': {
      const file = positional[1];
      if (file === undefined) {
        throw new Error('seed needs a file');
      }
      readFileSync(file);
      const summary = await seedDataDir(dataDir, file);
      process.stdout.write(`seeded ${summary.users} users, ${summary.groups} groups, ${summary.messages} messages into ${dataDir}\n`);
      return 0;
    }
    default:
      process.stderr.write(`unknown command: ${command}\n\n${HELP}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`tim-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
