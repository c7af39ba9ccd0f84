/**
 * Who signs in where: the account (backend, app, user) that settings and the sign-in flow produce.
 * Secrets (UserSig, secret key) are never part of it; they live in SecretStorage (secrets.ts).
 */
import * as vscode from 'vscode';
import { DEFAULT_EMULATOR_PORT } from '../../emulator/protocol';

export type Backend = 'emulator' | 'tencent';

export interface Account {
  readonly backend: Backend;
  readonly sdkAppId: number;
  readonly userId: string;
  /** Emulator only: its WebSocket URL. */
  readonly url?: string;
}

export const DEFAULT_EMULATOR_URL = `ws://127.0.0.1:${DEFAULT_EMULATOR_PORT}`;

export function configuredBackend(): Backend {
  return vscode.workspace.getConfiguration('timChat').get<string>('backend') === 'tencent' ? 'tencent' : 'emulator';
}

export function configuredEmulatorUrl(): string {
  return vscode.workspace.getConfiguration('timChat').get<string>('emulator.url')?.trim() || DEFAULT_EMULATOR_URL;
}

/** A short label for logs and the status bar tooltip. */
export function describeAccount(account: Account): string {
  return account.backend === 'emulator' ? `${account.userId} @ tim-emulator ${account.url ?? ''} (app ${account.sdkAppId})` : `${account.userId} @ Tencent Cloud Chat (app ${account.sdkAppId})`;
}

/** TIM user ids: at most 32 bytes, no control characters (Tencent's account rules). */
export function validateUserId(value: string): string | undefined {
  const id = value.trim();
  if (!id) {
    return vscode.l10n.t('Enter a user ID');
  }
  if (Buffer.byteLength(id, 'utf8') > 32) {
    return vscode.l10n.t('A user ID has at most 32 bytes');
  }
  if (/[\u0000-\u001f\u007f]/.test(id)) {
    return vscode.l10n.t('A user ID cannot contain control characters');
  }
  return undefined;
}

/**
 * A list of user ids typed into an input box: `tooMany` when it holds more than `max`, else the first
 * id's problem (prefixed with the id), else undefined.
 */
export function validateUserIdList(ids: readonly string[], max: number, tooMany: string): string | undefined {
  if (ids.length > max) {
    return tooMany;
  }
  for (const id of ids) {
    const problem = validateUserId(id);
    if (problem) {
      return `${id}: ${problem}`;
    }
  }
  return undefined;
}

/** SDKAppIDs are positive integers (10 digits on Tencent Cloud). */
export function validateSdkAppId(value: string): string | undefined {
  return /^[1-9]\d{0,11}$/.test(value.trim()) ? undefined : vscode.l10n.t('Enter the SDKAppID, a number from the Tencent Cloud Chat console');
}

/** Only loopback emulator URLs are offered a local start; any ws:// or wss:// URL may be used. */
export function validateEmulatorUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'ws:' || url.protocol === 'wss:' ? undefined : vscode.l10n.t('The emulator URL starts with ws:// or wss://');
  } catch {
    return vscode.l10n.t('Enter a URL such as {0}', DEFAULT_EMULATOR_URL);
  }
}

export function isLoopbackUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}
