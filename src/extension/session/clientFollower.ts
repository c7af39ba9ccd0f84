/**
 * The shape of every store of the signed-in user's data read from TIM (the blocklist, contacts): at each
 * sign-in, sign-out or change of user it forgets the previous account's data, and once signed in it
 * subscribes to the new client's events and reads afresh. Its commands reach TIM through requireClient.
 */
import * as vscode from 'vscode';
import type { TimClient } from '../../tim/client';
import { Disposable, disposeAll } from '../lifecycle';
import type { TimSession } from './timSession';

export abstract class ClientFollower extends Disposable {
  /** The signed-in client; undefined while signed out. A read answered by another client is stale. */
  protected client: TimClient | undefined;
  private subscriptions: vscode.Disposable[] = [];

  constructor(private readonly session: TimSession) {
    super();
  }

  /** Starts following the session: called by the subclass's constructor once its own fields exist. */
  protected startFollowing(): void {
    this.register(this.session.onDidChangeState(() => this.follow()));
    this.register({ dispose: () => this.unfollow() });
    this.follow();
  }

  /** Forgets the previous account's data (telling listeners if anything was known). */
  protected abstract forget(): void;

  /** Subscribes to the new client's events and starts reading; returns the subscriptions. */
  protected abstract attach(client: TimClient): vscode.Disposable[];

  protected requireClient(): TimClient {
    const client = this.client;
    if (!client) {
      throw new Error(vscode.l10n.t('Sign in to TIM Chat first.'));
    }
    return client;
  }

  private unfollow(): void {
    disposeAll(this.subscriptions);
    this.client = undefined;
  }

  private follow(): void {
    this.unfollow();
    this.forget();
    const state = this.session.state;
    if (state.kind === 'signedIn') {
      this.client = state.client;
      this.subscriptions = this.attach(state.client);
    }
  }
}
