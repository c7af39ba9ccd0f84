/**
 * UserSigs and secret keys in VS Code's SecretStorage (the OS keychain on desktop), never in settings.
 * The last account (without secrets) is remembered in globalState so the next sign-in is one click.
 */
import type * as vscode from 'vscode';
import type { Account } from './account';

const LAST_ACCOUNT_KEY = 'timChat.lastAccount';

function userSigKey(account: Account): string {
  return `timChat.userSig/${account.backend}/${account.sdkAppId}/${account.userId}`;
}

function secretKeyKey(backend: Account['backend'], sdkAppId: number): string {
  return `timChat.secretKey/${backend}/${sdkAppId}`;
}

export class AccountSecrets {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly globalState: vscode.Memento,
  ) {}

  getUserSig(account: Account): Thenable<string | undefined> {
    return this.secrets.get(userSigKey(account));
  }

  storeUserSig(account: Account, userSig: string): Thenable<void> {
    return this.secrets.store(userSigKey(account), userSig);
  }

  deleteUserSig(account: Account): Thenable<void> {
    return this.secrets.delete(userSigKey(account));
  }

  getSecretKey(backend: Account['backend'], sdkAppId: number): Thenable<string | undefined> {
    return this.secrets.get(secretKeyKey(backend, sdkAppId));
  }

  storeSecretKey(backend: Account['backend'], sdkAppId: number, secretKey: string): Thenable<void> {
    return this.secrets.store(secretKeyKey(backend, sdkAppId), secretKey);
  }

  lastAccount(): Account | undefined {
    const value = this.globalState.get<unknown>(LAST_ACCOUNT_KEY);
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    const record = value as Record<string, unknown>;
    if ((record.backend !== 'emulator' && record.backend !== 'tencent') || typeof record.sdkAppId !== 'number' || typeof record.userId !== 'string') {
      return undefined;
    }
    return { backend: record.backend, sdkAppId: record.sdkAppId, userId: record.userId, url: typeof record.url === 'string' ? record.url : undefined };
  }

  rememberAccount(account: Account): Thenable<void> {
    return this.globalState.update(LAST_ACCOUNT_KEY, account);
  }

  forgetAccount(): Thenable<void> {
    return this.globalState.update(LAST_ACCOUNT_KEY, undefined);
  }
}
