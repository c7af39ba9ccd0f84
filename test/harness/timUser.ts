/**
 * A second TIM user for tests: a TimClient over the emulator endpoint, signed in with a UserSig made
 * from the emulator's secret key. It plays the other side of a conversation the extension shows.
 */
import path from 'node:path';
import { EmulatorEndpoint } from '../../src/emulator/client/emulatorEndpoint';
import { TimClient } from '../../src/tim/client';
import { genUserSig } from '../../src/tim/userSig';
import type { EmulatorProcess } from './emulatorProcess';

export interface TimUser {
  readonly userId: string;
  readonly client: TimClient;
  close(): Promise<void>;
}

/** `device` names the SDK config folder (the TIM "device"); an absolute path is used as it is. */
export async function signInUser(emulator: Pick<EmulatorProcess, 'url' | 'sdkAppId' | 'secretKey' | 'dataDir'>, userId: string, device = 'test'): Promise<TimUser> {
  const endpoint = new EmulatorEndpoint({ url: emulator.url });
  const client = new TimClient(endpoint);
  const configPath = path.isAbsolute(device) ? device : path.join(emulator.dataDir, 'devices', `${userId}-${device}`);
  await client.init(emulator.sdkAppId, { sdk_config_config_file_path: configPath });
  await client.login(userId, genUserSig({ sdkAppId: emulator.sdkAppId, secretKey: emulator.secretKey, userId }));
  return {
    userId,
    client,
    close: async () => {
      await client.logout().catch(() => undefined);
      client.dispose();
      await endpoint.dispose();
    },
  };
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes; returns the value or throws. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) {
        return value as NonNullable<T>;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
