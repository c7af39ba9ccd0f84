/**
 * The emulator app's identity: an SDKAppID and a secret key, generated on first start and kept in the
 * data dir (`app.json`, mode 0600) so UserSigs made by `tim-emulator usersig` stay valid across restarts.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AppConfig {
  readonly sdkAppId: number;
  readonly secretKey: string;
}

export const APP_FILE = 'app.json';

function isAppConfig(value: unknown): value is AppConfig {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return typeof record.sdkAppId === 'number' && typeof record.secretKey === 'string' && record.secretKey.length > 0;
}

/** Reads the app identity, creating it (with `appId` when given) on first use. */
export function loadOrCreateAppConfig(dataDir: string, appId?: number): AppConfig {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, APP_FILE);
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isAppConfig(parsed)) {
      throw new Error(`${file} is not a tim-emulator app file`);
    }
    if (appId !== undefined && appId !== parsed.sdkAppId) {
      throw new Error(`${file} holds SDKAppID ${parsed.sdkAppId}, not ${appId}; use another --data dir`);
    }
    return parsed;
  }
  // Real SDKAppIDs are 10-digit numbers starting with 14 or 16; 19xxxxxxxx keeps emulator apps apart.
  const config: AppConfig = {
    sdkAppId: appId ?? 1900000000 + randomInt(0, 99999999),
    secretKey: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return config;
}
