/**
 * Puts a session back after a reconnect. tim-emulator keeps the SDK's per-connection state (initialised
 * with a config path, logged in as a user) on the socket, so a new socket starts uninitialised; the
 * endpoint remembers the last successful TIMInit and TIMLogin and repeats them, init first, before any
 * other call goes out, so the caller never sees 6013/6014 just because the socket was replaced.
 */
import type { TimArg } from '../../tim/endpoint';
import type { CallFrame, ResultFrame } from '../protocol';

/** A remembered session call, repeated the way the caller made it (TIMInit may come through callSync). */
export interface SessionCall {
  readonly api: 'TIMInit' | 'TIMLogin';
  readonly args: readonly TimArg[];
  readonly sync: boolean;
}

export type ReplayCall = (call: SessionCall) => Promise<ResultFrame>;

export type ReplayOutcome =
  | { readonly kind: 'restored' }
  | { readonly kind: 'nothingToRestore' }
  /** The server refused the remembered init or login (e.g. 70001 UserSig expired); it is forgotten. */
  | { readonly kind: 'refused'; readonly api: 'TIMInit' | 'TIMLogin'; readonly code: number; readonly desc: string };

/** What a successful session call means for the resume position of the event stream. */
export type SessionChange =
  | { readonly kind: 'none' }
  /**
   * A login completed. `switchedUser` when another user was logged in until now (the old device's
   * stream ends here); otherwise the events since the last end belong to this login's device.
   */
  | { readonly kind: 'login'; readonly switchedUser: boolean; readonly eventSeq: number | undefined }
  /** Logged out, uninitialised, or initialised as another device: no device, no event stream. */
  | { readonly kind: 'ended' };

export class SessionReplayer {
  private init: SessionCall | undefined;
  private login: SessionCall | undefined;

  /** A login will be replayed on the next socket: the client resumes a device's event stream. */
  get hasLogin(): boolean {
    return this.init !== undefined && this.login !== undefined;
  }

  /** Sees every result of the caller's own calls, in arrival order, to keep the remembered session current. */
  observe(frame: CallFrame, result: ResultFrame): SessionChange {
    if (!succeeded(result)) {
      return { kind: 'none' };
    }
    const { args } = frame;
    const sync = frame.sync === true;
    switch (frame.api) {
      case 'TIMInit': {
        // Another config path is another device: the old login does not belong to it.
        const otherDevice = this.init !== undefined && !sameArgs(this.init.args, args);
        if (otherDevice) {
          this.login = undefined;
        }
        this.init = { api: 'TIMInit', args: [...args], sync };
        return otherDevice ? { kind: 'ended' } : { kind: 'none' };
      }
      case 'TIMLogin': {
        const switchedUser = this.login !== undefined && this.login.args[0] !== args[0];
        this.login = { api: 'TIMLogin', args: [...args], sync };
        return { kind: 'login', switchedUser, eventSeq: result.eventSeq };
      }
      case 'TIMLogout':
        this.login = undefined;
        return { kind: 'ended' };
      case 'TIMUninit':
        this.init = undefined;
        this.login = undefined;
        return { kind: 'ended' };
      default:
        return { kind: 'none' };
    }
  }

  /**
   * The server ended the login itself (KickedOffline, UserSigExpired): like the SDK, the endpoint must
   * not log in again on its own; replaying it would kick the device that took over, which would
   * replay in turn, forever.
   */
  forgetLogin(): void {
    this.login = undefined;
  }

  /**
   * Repeats init then login through `call`. Transport failures (timeout, closed) reject and leave the
   * remembered session alone for the next attempt; a refusal by the server forgets what was refused,
   * because repeating a login with an expired UserSig on every reconnect cannot succeed.
   */
  async replay(call: ReplayCall): Promise<ReplayOutcome> {
    const init = this.init;
    if (!init) {
      return { kind: 'nothingToRestore' };
    }
    const initResult = await call(init);
    if (!succeeded(initResult)) {
      if (this.init === init) {
        this.init = undefined;
        this.login = undefined;
      }
      return { kind: 'refused', api: 'TIMInit', code: initResult.code, desc: initResult.desc };
    }
    const login = this.login;
    if (!login) {
      return { kind: 'restored' };
    }
    const loginResult = await call(login);
    if (!succeeded(loginResult)) {
      if (this.login === login) {
        this.login = undefined;
      }
      return { kind: 'refused', api: 'TIMLogin', code: loginResult.code, desc: loginResult.desc };
    }
    return { kind: 'restored' };
  }
}

/** A callback code of 0, and for synchronous calls a C return value of 0 too (TIMInit answers its TIMResult). */
function succeeded(result: ResultFrame): boolean {
  return !result.syncError && result.code === 0 && (result.value === undefined || result.value === 0);
}

function sameArgs(a: readonly TimArg[], b: readonly TimArg[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
