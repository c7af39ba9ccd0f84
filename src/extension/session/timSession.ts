/**
 * The signed-in session: one TIM endpoint and client for one account, with its state (signed out,
 * connecting, signed in, reconnecting) for the UI. Signing in initialises the SDK with a per-account
 * config folder (the "device" whose local store TIM keeps) and logs in; a kick from another device or an
 * expired UserSig ends the session with a reason the UI shows.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TIMNetworkStatus } from '../../tim/enums';
import { TimClient } from '../../tim/client';
import type { TimEndpoint } from '../../tim/endpoint';
import { Disposable, disposeAll } from '../lifecycle';
import { log } from '../log';
import { showWarning } from '../notify';
import { describeAccount, type Account } from './account';
import { createEndpoint } from './endpointFactory';

export type SessionState =
  | { readonly kind: 'signedOut'; readonly reason?: string }
  | { readonly kind: 'connecting'; readonly account: Account }
  | { readonly kind: 'signedIn'; readonly account: Account; readonly client: TimClient; readonly online: boolean };

export class TimSession extends Disposable {
  private readonly onDidChangeStateEmitter = this.register(new vscode.EventEmitter<SessionState>());
  readonly onDidChangeState = this.onDidChangeStateEmitter.event;
  private current: SessionState = { kind: 'signedOut' };
  private endpoint: TimEndpoint | undefined;
  private client: TimClient | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionRoot: string,
    readonly storageDir: string,
  ) {
    super();
  }

  get state(): SessionState {
    return this.current;
  }

  /** The client while signed in; throws a short, actionable error otherwise. */
  requireClient(): TimClient {
    return this.requireSignedIn().client;
  }

  /** The client and account while signed in; throws requireClient's error otherwise. */
  requireSignedIn(): { readonly client: TimClient; readonly account: Account } {
    if (this.current.kind !== 'signedIn') {
      throw new Error(vscode.l10n.t('Sign in to TIM Chat first.'));
    }
    return this.current;
  }

  get signedInAccount(): Account | undefined {
    return this.current.kind === 'signedIn' ? this.current.account : undefined;
  }

  private setState(state: SessionState): void {
    this.current = state;
    this.onDidChangeStateEmitter.fire(state);
  }

  /**
   * The SDK's config folder for an app: with the user, it is the "device" whose local store TIM keeps
   * (imported and saved messages, local custom data, local deletes).
   */
  deviceConfigPath(account: Pick<Account, 'backend' | 'sdkAppId'>): string {
    return path.join(this.storageDir, 'tim', account.backend, String(account.sdkAppId), 'config');
  }

  async signIn(account: Account, userSig: string): Promise<TimClient> {
    await this.signOut();
    this.setState({ kind: 'connecting', account });
    const deviceDir = path.dirname(this.deviceConfigPath(account));
    try {
      this.endpoint = await createEndpoint(account, {
        extensionRoot: this.extensionRoot,
        storageDir: deviceDir,
        log: (line) => log().debug(line),
      });
      const client = new TimClient(this.endpoint);
      this.client = client;
      await client.init(account.sdkAppId, {
        sdk_config_config_file_path: this.deviceConfigPath(account),
        sdk_config_log_file_path: path.join(deviceDir, 'log'),
      });
      await client.login(account.userId, userSig);
      this.subscriptions.push(
        client.onEvent('KickedOffline', () => void this.endSession(vscode.l10n.t('You were signed out because your account signed in on another device.'))),
        client.onEvent('UserSigExpired', () => void this.endSession(vscode.l10n.t('Your UserSig has expired. Sign in again.'))),
        client.onEvent('NetworkStatusListener', ({ status }) => {
          if (this.current.kind === 'signedIn') {
            this.setState({ ...this.current, online: status === TIMNetworkStatus.Connected });
          }
        }),
      );
      log().info(`signed in: ${describeAccount(account)}`);
      this.setState({ kind: 'signedIn', account, client, online: true });
      return client;
    } catch (error: unknown) {
      await this.teardown();
      this.setState({ kind: 'signedOut' });
      throw error;
    }
  }

  /** Logs out (best effort: the server may already be gone) and releases the engine. */
  async signOut(reason?: string): Promise<void> {
    if (this.current.kind === 'signedOut' && !this.endpoint) {
      return;
    }
    const client = this.client;
    if (client && this.current.kind === 'signedIn') {
      await client.logout().catch((error: unknown) => log().warn(`logout: ${error instanceof Error ? error.message : String(error)}`));
      await client.uninit().catch(() => undefined);
    }
    await this.teardown();
    this.setState({ kind: 'signedOut', reason });
  }

  private async endSession(reason: string): Promise<void> {
    log().warn(reason);
    await this.teardown();
    this.setState({ kind: 'signedOut', reason });
    void showWarning(reason, vscode.l10n.t('Sign In')).then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand('timChat.signIn');
      }
    });
  }

  private async teardown(): Promise<void> {
    disposeAll(this.subscriptions);
    this.client?.dispose();
    this.client = undefined;
    const endpoint = this.endpoint;
    this.endpoint = undefined;
    await endpoint?.dispose().catch(() => undefined);
  }

  override dispose(): void {
    void this.teardown();
    super.dispose();
  }
}
