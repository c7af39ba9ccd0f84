/**
 * The sign-in conversation with the user: which backend, which app, which user, which credentials, and
 * for the emulator, starting one when none answers on this machine. Secrets go to SecretStorage; a
 * UserSig generated from a secret key (Tencent, development only) comes with a warning.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { genUserSig } from '../../tim/userSig';
import { isTimError } from '../../tim/errors';
import { Disposable } from '../lifecycle';
import { log } from '../log';
import { showInfo, showWarning } from '../notify';
import {
  configuredBackend,
  configuredEmulatorUrl,
  isLoopbackUrl,
  validateSdkAppId,
  validateUserId,
  type Account,
} from './account';
import { probeEmulator, readEmulatorApp, startLocalEmulator, type EmulatorApp, type StartedEmulator } from './localEmulator';
import type { AccountSecrets } from './secrets';
import type { TimSession } from './timSession';

/** Lifetime of UserSigs generated locally: 7 days. */
const LOCAL_USERSIG_SECONDS = 7 * 24 * 3600;

export class SignInFlow extends Disposable {
  private emulator: StartedEmulator | undefined;

  constructor(
    private readonly session: TimSession,
    private readonly secrets: AccountSecrets,
    private readonly extensionRoot: string,
    private readonly storageDir: string,
  ) {
    super();
    this.register({ dispose: () => this.emulator?.stop() });
  }

  /** The emulator data folder this extension owns (used when it starts the emulator itself). */
  get ownEmulatorDataDir(): string {
    return process.env.TIMCHAT_EMULATOR_DATA || path.join(this.storageDir, 'emulator');
  }

  /** Interactive sign-in. Resolves false when the user cancelled. */
  async run(options: { switchUser?: boolean } = {}): Promise<boolean> {
    const backend = configuredBackend();
    return backend === 'emulator' ? this.signInToEmulator(options.switchUser === true) : this.signInToTencent(options.switchUser === true);
  }

  /** Non-interactive sign-in as `userId` on the emulator whose data folder we can read (npm start, tests). */
  async signInToOwnEmulator(userId: string, url = configuredEmulatorUrl()): Promise<void> {
    const app = readEmulatorApp(this.ownEmulatorDataDir);
    if (!app) {
      throw new Error(vscode.l10n.t('No tim-emulator app found in {0}', this.ownEmulatorDataDir));
    }
    await this.signInWithKey({ backend: 'emulator', url, sdkAppId: app.sdkAppId, userId }, app.secretKey);
  }

  private async askUserId(defaultValue: string | undefined): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Sign In to TIM Chat'),
      prompt: vscode.l10n.t('Your user ID'),
      value: defaultValue,
      ignoreFocusOut: true,
      validateInput: validateUserId,
    });
    return value?.trim() || undefined;
  }

  private async emulatorApp(url: string): Promise<EmulatorApp | undefined> {
    if (await probeEmulator(url)) {
      return readEmulatorApp(this.ownEmulatorDataDir);
    }
    if (!isLoopbackUrl(url)) {
      throw new Error(vscode.l10n.t('No tim-emulator answers at {0}. Check the timChat.emulator.url setting.', url));
    }
    const start = vscode.l10n.t('Start Local Emulator');
    const choice = await showInfo(vscode.l10n.t('No tim-emulator answers at {0}. Start one on this machine?', url), start);
    if (choice !== start) {
      return undefined;
    }
    this.emulator?.stop();
    this.emulator = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting tim-emulator…') }, () =>
      startLocalEmulator({ extensionRoot: this.extensionRoot, dataDir: this.ownEmulatorDataDir, url, log: (line) => log().info(line) }),
    );
    return this.emulator.app;
  }

  private async signInToEmulator(switchUser: boolean): Promise<boolean> {
    const url = configuredEmulatorUrl();
    let app = await this.emulatorApp(url);
    const last = this.secrets.lastAccount();
    if (!app) {
      // An emulator we did not start: ask for its app identity (`tim-emulator start` prints it).
      const appId = await vscode.window.showInputBox({ title: vscode.l10n.t('Sign In to TIM Chat'), prompt: vscode.l10n.t('SDKAppID of the emulator (printed by tim-emulator start)'), ignoreFocusOut: true, validateInput: validateSdkAppId });
      if (!appId) {
        return false;
      }
      const stored = await this.secrets.getSecretKey('emulator', Number(appId));
      const key = stored ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('Sign In to TIM Chat'), prompt: vscode.l10n.t('Secret key of the emulator app (in its data folder, app.json)'), password: true, ignoreFocusOut: true }));
      if (!key) {
        return false;
      }
      app = { sdkAppId: Number(appId), secretKey: key };
    }
    const userId = await this.askUserId(switchUser ? undefined : last?.userId);
    if (!userId) {
      return false;
    }
    await this.signInWithKey({ backend: 'emulator', url, sdkAppId: app.sdkAppId, userId }, app.secretKey);
    return true;
  }

  private async signInToTencent(switchUser: boolean): Promise<boolean> {
    const last = this.secrets.lastAccount();
    const appIdText = await vscode.window.showInputBox({
      title: vscode.l10n.t('Sign In to Tencent Cloud Chat'),
      prompt: vscode.l10n.t('SDKAppID (from the Tencent Cloud Chat console)'),
      value: last?.backend === 'tencent' ? String(last.sdkAppId) : undefined,
      ignoreFocusOut: true,
      validateInput: validateSdkAppId,
    });
    if (!appIdText) {
      return false;
    }
    const sdkAppId = Number(appIdText.trim());
    const userId = await this.askUserId(switchUser || last?.backend !== 'tencent' ? undefined : last.userId);
    if (!userId) {
      return false;
    }
    const account: Account = { backend: 'tencent', sdkAppId, userId };
    const storedSig = await this.secrets.getUserSig(account);
    if (storedSig) {
      await this.signInWithSig(account, storedSig);
      return true;
    }
    const paste = vscode.l10n.t('Paste a UserSig');
    const generate = vscode.l10n.t('Generate from Secret Key (development only)');
    const how = await vscode.window.showQuickPick([paste, generate], { title: vscode.l10n.t('How do you sign in?'), ignoreFocusOut: true });
    if (how === paste) {
      const sig = await vscode.window.showInputBox({ title: vscode.l10n.t('UserSig'), prompt: vscode.l10n.t('A UserSig your server issued for {0}', userId), password: true, ignoreFocusOut: true });
      if (!sig) {
        return false;
      }
      await this.signInWithSig(account, sig.trim());
      return true;
    }
    if (how === generate) {
      const proceed = vscode.l10n.t('I Understand');
      const warning = await showWarning(
        vscode.l10n.t('A secret key lets anyone sign in as any user of your app. Use it only for development; in production your server issues UserSigs.'),
        { modal: true },
        proceed,
      );
      if (warning !== proceed) {
        return false;
      }
      const key = (await this.secrets.getSecretKey('tencent', sdkAppId)) ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('Secret Key'), password: true, ignoreFocusOut: true }));
      if (!key) {
        return false;
      }
      await this.secrets.storeSecretKey('tencent', sdkAppId, key.trim());
      await this.signInWithKey(account, key.trim());
      return true;
    }
    return false;
  }

  private async signInWithKey(account: Account, secretKey: string): Promise<void> {
    const userSig = genUserSig({ sdkAppId: account.sdkAppId, secretKey, userId: account.userId, expireSeconds: LOCAL_USERSIG_SECONDS });
    await this.secrets.storeSecretKey(account.backend, account.sdkAppId, secretKey);
    await this.signInWithSig(account, userSig);
  }

  private async signInWithSig(account: Account, userSig: string): Promise<void> {
    try {
      await this.session.signIn(account, userSig);
    } catch (error: unknown) {
      if (isTimError(error) && error.code >= 70001 && error.code <= 70052) {
        // A UserSig the server refused is not worth keeping.
        await this.secrets.deleteUserSig(account);
      }
      throw error;
    }
    await this.secrets.storeUserSig(account, userSig);
    await this.secrets.rememberAccount(account);
  }
}
