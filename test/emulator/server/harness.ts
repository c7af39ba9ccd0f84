/**
 * Test harness for tim-emulator suites: a fresh emulator per suite in a temp data dir on port 0, and
 * "devices" (a user logged in through the typed TimClient over the emulator endpoint, with a config path
 * of its own) whose pushed events are recorded for the assertions. The API suite talks only to TimClient,
 * so the same tests can run on the native endpoint against Tencent (see liveEnv).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TimClient } from '../../../src/tim/client';
import type { TimEndpoint, TimEventName } from '../../../src/tim/endpoint';
import type { TimEventPayloads } from '../../../src/tim/events';
import { genUserSig } from '../../../src/tim/userSig';
import { EmulatorEndpoint } from '../../../src/emulator/client/emulatorEndpoint';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server/startEmulator';

export class EventRecorder {
  readonly events: Array<{ name: TimEventName; payload: unknown }> = [];
  private waiters: Array<() => void> = [];

  push(name: TimEventName, payload: unknown): void {
    this.events.push({ name, payload });
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) {
      wake();
    }
  }

  all<Name extends TimEventName>(name: Name): Array<TimEventPayloads[Name]> {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as TimEventPayloads[Name]);
  }

  /** Resolves with the first recorded event of `name` (past or future) that satisfies `match`. */
  async waitFor<Name extends TimEventName>(name: Name, match: (payload: TimEventPayloads[Name]) => boolean = () => true, timeoutMs = 5000): Promise<TimEventPayloads[Name]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.all(name).find(match);
      if (found !== undefined) {
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no ${name} event matched within ${timeoutMs} ms; saw ${this.events.map((e) => e.name).join(', ')}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  clear(): void {
    this.events.length = 0;
  }
}

const EVENT_NAMES: TimEventName[] = [
  'RecvNewMsg', 'MsgUpdate', 'MsgRevoke', 'MsgReadedReceipt', 'MsgReactionsChanged', 'SelfInfoUpdated', 'UserStatusChanged', 'FriendBlackListAdded', 'FriendBlackListDeleted',
  'OnAddFriend', 'OnDeleteFriend', 'UpdateFriendProfile', 'FriendAddRequest', 'FriendApplicationListDeleted', 'FriendApplicationListRead',
  'MsgGroupPinnedMessageChanged', 'MsgElemUploadProgress', 'ConvEvent',
  'ConvTotalUnreadMessageCountChanged', 'NetworkStatusListener', 'KickedOffline', 'UserSigExpired',
];

export interface Device {
  readonly userId: string;
  readonly client: TimClient;
  readonly endpoint: TimEndpoint;
  readonly events: EventRecorder;
  close(): Promise<void>;
}

export interface TestEnv {
  readonly kind: 'emulator' | 'live';
  readonly sdkAppId: number;
  /** Only on the emulator. */
  readonly emulator?: RunningEmulator;
  readonly dataDir?: string;
  userSig(userId: string, expireSeconds?: number, nowSeconds?: number): string;
  /** A logged-in device of `userId`; `device` names its config path. */
  device(userId: string, device?: string): Promise<Device>;
  /** A connected, not initialised client. */
  bareClient(): Promise<{ client: TimClient; endpoint: TimEndpoint; close(): Promise<void> }>;
  close(): Promise<void>;
}

export async function emulatorEnv(
  options: { revokeTimeLimitSeconds?: number; uploadChunkDelayMs?: number; beforeStart?: (dataDir: string) => Promise<unknown> } = {},
): Promise<TestEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tim-emulator-test-'));
  const { beforeStart, ...startOptions } = options;
  await beforeStart?.(dataDir);
  const emulator = await startEmulator({ dataDir, port: 0, host: '127.0.0.1', ...startOptions });
  return clientEnv({
    kind: 'emulator',
    sdkAppId: emulator.sdkAppId,
    secretKey: emulator.secretKey,
    timeoutMs: 10000,
    extra: { emulator, dataDir },
    // Every client of the emulator is a socket; the device is named by the config path alone.
    connect: () => EmulatorEndpoint.connect({ url: emulator.url, reconnect: { initialDelayMs: 50, maxDelayMs: 500 } }),
    bareStorage: () => '',
    devicePath: (userId, device) => join(dataDir, 'devices', userId, device),
    shutdown: async () => {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** What differs between the emulator and the live environment; clientEnv builds the rest once. */
interface EnvSpec {
  readonly kind: TestEnv['kind'];
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly timeoutMs: number;
  readonly extra: Pick<TestEnv, 'emulator' | 'dataDir'>;
  /** A new endpoint; `storage` is where it may keep a device's data (the native SDK needs one per client). */
  connect(storage: string): Promise<TimEndpoint>;
  /** Storage for the n-th bare client. */
  bareStorage(index: number): string;
  /** The SDK config path (and storage) of a user's device. */
  devicePath(userId: string, device: string): string;
  /** After every client is closed. */
  shutdown(): Promise<void>;
}

function clientEnv(spec: EnvSpec): TestEnv {
  const opened: Array<() => Promise<void>> = [];
  const userSig = (userId: string, expireSeconds?: number, nowSeconds?: number): string =>
    genUserSig({ sdkAppId: spec.sdkAppId, secretKey: spec.secretKey, userId, ...(expireSeconds === undefined ? {} : { expireSeconds }), ...(nowSeconds === undefined ? {} : { nowSeconds }) });
  const bareClient = async (storage = spec.bareStorage(opened.length)): Promise<{ client: TimClient; endpoint: TimEndpoint; close(): Promise<void> }> => {
    const endpoint = await spec.connect(storage);
    const client = new TimClient(endpoint, { timeoutMs: spec.timeoutMs });
    const close = async (): Promise<void> => {
      client.dispose();
      await endpoint.dispose();
    };
    opened.push(close);
    return { client, endpoint, close };
  };
  return {
    kind: spec.kind,
    sdkAppId: spec.sdkAppId,
    ...spec.extra,
    userSig,
    bareClient: () => bareClient(),
    async device(userId: string, device = 'default'): Promise<Device> {
      const path = spec.devicePath(userId, device);
      const { client, endpoint, close } = await bareClient(path);
      const events = new EventRecorder();
      for (const name of EVENT_NAMES) {
        client.onEvent(name, (payload) => events.push(name, payload));
      }
      await client.init(spec.sdkAppId, { sdk_config_config_file_path: path });
      await client.login(userId, userSig(userId));
      return { userId, client, endpoint, events, close };
    },
    async close(): Promise<void> {
      for (const close of opened) {
        await close().catch(() => undefined);
      }
      await spec.shutdown();
    },
  };
}

/** Why the live variant cannot run here, or undefined when it could. */
export function liveUnavailableReason(): string | undefined {
  if (process.env.TIMCHAT_LIVE_SDKAPPID === undefined || process.env.TIMCHAT_LIVE_SECRETKEY === undefined) {
    return 'TIMCHAT_LIVE_SDKAPPID and TIMCHAT_LIVE_SECRETKEY are not set: the live Tencent Cloud variant needs a real app and network access';
  }
  if (!/^\d+$/.test(process.env.TIMCHAT_LIVE_SDKAPPID)) {
    return 'TIMCHAT_LIVE_SDKAPPID is not a number';
  }
  return undefined;
}

export function text(content: string): { message_elem_array: Array<{ elem_type: 0; text_elem_content: string }> } {
  return { message_elem_array: [{ elem_type: 0, text_elem_content: content }] };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The same devices on Tencent Cloud through the native endpoint (libImSDK). Only built when the live
 * credentials are set and the machine may reach Tencent; the module is loaded lazily so that nothing
 * native is touched otherwise.
 */
export async function liveEnv(): Promise<TestEnv> {
  const { createNativeEndpoint } = await import('../../../src/native/nativeEndpoint');
  const root = mkdtempSync(join(tmpdir(), 'tim-live-'));
  return clientEnv({
    kind: 'live',
    sdkAppId: Number(process.env.TIMCHAT_LIVE_SDKAPPID),
    secretKey: process.env.TIMCHAT_LIVE_SECRETKEY ?? '',
    timeoutMs: 30000,
    extra: {},
    connect: async (storage) => createNativeEndpoint({ storageDir: storage }),
    bareStorage: (index) => join(root, `bare-${index}`),
    devicePath: (userId, device) => join(root, userId, device),
    shutdown: async () => rmSync(root, { recursive: true, force: true }),
  });
}
