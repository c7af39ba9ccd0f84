/**
 * Init, login and the calls around them: TIMInit (remembers the SDKAppID and the config path that, with
 * the user, names the device), TIMLogin (UserSig checked with TIM's codes; the device's missed events are
 * replayed), TIMLogout, TIMUninit, the synchronous getters, and the listener setters (events are always
 * pushed, so setting a listener is a no-op that succeeds). Profiles are in profiles.ts.
 */
import { stringifyTimJson } from '../../tim/json';
import { verifyUserSig } from '../../tim/userSig';
import { ApiError, Err, syncParamError } from './apiError';
import { isObject } from './args';
import { type Ctx, type Handler, requireLogin, type Session } from './context';
import { connectionEventText } from './eventHub';
import { topMessageId } from './messages/unread';

export const SDK_VERSION = '8.0.5903';
/** Events older than this many per device are pruned at login. */
const KEEP_EVENTS = 10000;

const init: Handler = (ctx, args) => {
  const sdkAppId = args.int(0);
  const config = args.jsonObject(1, false) ?? {};
  const path = config.sdk_config_config_file_path;
  if (path !== undefined && typeof path !== 'string') {
    throw syncParamError('sdk_config_config_file_path must be a string');
  }
  ctx.session.initialized = true;
  ctx.session.sdkAppId = sdkAppId;
  ctx.session.configPath = path ?? '';
  return { value: 0 };
};

/** setTimeout's longest wait (about 24.8 days); UserSigs are often made for 180 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Tencent's server ends a login when the UserSig it was made with runs out: the SDK hears
 * UserSigExpired and is logged out, and calls answer 6014 until a login with a fresh UserSig.
 */
function watchUserSigExpiry(ctx: Ctx, expiresAtSeconds: number): void {
  const { session } = ctx;
  stopUserSigExpiry(session);
  const wait = (): void => {
    const left = expiresAtSeconds * 1000 - Date.now();
    if (left > 0) {
      session.userSigTimer = setTimeout(wait, Math.min(left, MAX_TIMER_MS));
      session.userSigTimer.unref();
      return;
    }
    session.userSigTimer = undefined;
    if (session.loginStatus !== 1) {
      return;
    }
    session.sink.pushFrame(connectionEventText({ name: 'UserSigExpired' }));
    void ctx.emu.queue.enqueue(() => endLogin(ctx)).catch(() => undefined);
  };
  wait();
}

/** The connection closed or the login ended: its UserSig no longer matters. */
export function stopUserSigExpiry(session: Session): void {
  if (session.userSigTimer !== undefined) {
    clearTimeout(session.userSigTimer);
    session.userSigTimer = undefined;
  }
}

/** Ends the device's login (inside an operation): no more events are kept for it; the user's status may change. */
export function endLogin(ctx: Ctx): void {
  const { session, emu } = ctx;
  stopUserSigExpiry(session);
  const user = session.userId;
  const device = session.deviceId;
  if (device !== 0) {
    emu.statuses.remember(user);
    emu.db.prepare('UPDATE devices SET logged_in = 0 WHERE id = ?').run(device);
    emu.hub.removeLoggedIn(user, device);
    if (emu.hub.sinkOf(device) === session.sink) {
      emu.hub.bindSink(device, undefined);
    }
  }
  session.deviceId = 0;
  session.userId = '';
  session.loginStatus = 3;
  if (device !== 0) {
    emu.statuses.refresh(user);
  }
}

const login: Handler = async (ctx, args) => {
  const userId = args.str(0);
  const userSig = args.str(1);
  if (userId.length === 0 || userSig.length === 0) {
    throw syncParamError('user_id and user_sig are required');
  }
  const { session, emu } = ctx;
  if (!session.initialized) {
    throw new ApiError(Err.NOT_INITIALIZED, 'sdk not initialized');
  }
  if (session.sdkAppId !== emu.app.sdkAppId) {
    throw new ApiError(Err.SDKAPPID_NOT_FOUND, `SDKAppID ${session.sdkAppId} is not this emulator's (${emu.app.sdkAppId})`);
  }
  const check = verifyUserSig(userSig, { sdkAppId: emu.app.sdkAppId, secretKey: emu.app.secretKey, userId });
  if (!check.ok) {
    throw new ApiError(check.code, check.desc);
  }
  const expiresAt = check.sig.time + check.sig.expire;
  if (session.loginStatus === 1 && session.userId === userId) {
    watchUserSigExpiry(ctx, expiresAt);
    return { eventSeq: emu.hub.currentSeq(session.deviceId) };
  }
  session.loginStatus = 2;
  let eventSeq = 0;
  try {
    await emu.queue.enqueue(() => {
      if (session.deviceId !== 0) {
        endLogin(ctx);
      }
      emu.model.ensureUser(userId);
      emu.db
        .prepare('INSERT OR IGNORE INTO devices(user_id, config_path, base_msg) VALUES (?, ?, ?)')
        .run(userId, session.configPath, topMessageId(ctx));
      const found = emu.db.prepare('SELECT id FROM devices WHERE user_id = ? AND config_path = ?').get(userId, session.configPath) as { id: number };
      const device = { id: found.id, event_seq: emu.hub.currentSeq(found.id) };
      emu.statuses.remember(userId);
      emu.db.prepare('UPDATE devices SET logged_in = 1 WHERE id = ?').run(device.id);
      emu.hub.addLoggedIn(userId, device.id);
      // A connection that closed while its login waited leaves the device logged in but unconnected,
      // as a socket dropped right after the login would (and does not take the device from another).
      if (session.closed !== true) {
        const previous = emu.hub.bindSink(device.id, session.sink);
        if (previous !== undefined && previous !== session.sink) {
          previous.pushFrame(connectionEventText({ name: 'KickedOffline' }));
          (previous as { kick?: () => void }).kick?.();
        }
      }
      session.userId = userId;
      session.deviceId = device.id;
      session.loginStatus = 1;
      emu.hub.setKnownTotal(userId, emu.convs.totalUnread(userId));
      if (session.lastEventSeq > 0 || session.resume) {
        const missed = emu.db.prepare('SELECT seq, frame FROM events WHERE device_id = ? AND seq > ? ORDER BY seq').all(device.id, session.lastEventSeq) as Array<{
          seq: number;
          frame: string;
        }>;
        for (const { seq, frame } of missed) {
          const replayed = emu.hub.replayFrame(device.id, seq, frame);
          if (replayed !== undefined) {
            session.sink.pushFrame(replayed);
          }
        }
        // Conversation events are snapshots that are not replayed: give the current total instead.
        session.sink.pushFrame(connectionEventText({ name: 'ConvTotalUnreadMessageCountChanged', total: emu.convs.totalUnread(userId) }));
      }
      // The newest stored event may go too: devices.event_seq keeps the counter (see eventHub.ts).
      emu.hub.persistSeq(device.id);
      emu.db
        .prepare('DELETE FROM events WHERE device_id = ? AND (seq <= ? OR seq <= ?)')
        .run(device.id, session.lastEventSeq, device.event_seq - KEEP_EVENTS);
      // A client that has seen more than this store holds (its data dir was replaced) would drop the
      // new events as repeats: number them above what it has.
      emu.hub.raiseSeq(device.id, session.lastEventSeq);
      eventSeq = Math.max(device.event_seq, session.lastEventSeq);
      // Online once a device of the user is connected (a second device or a takeover changes nothing).
      emu.statuses.refresh(userId);
    });
  } catch (error: unknown) {
    session.loginStatus = 3;
    throw error;
  }
  watchUserSigExpiry(ctx, expiresAt);
  return { eventSeq };
};

const logout: Handler = async (ctx) => {
  requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => endLogin(ctx));
  return {};
};

const uninit: Handler = async (ctx) => {
  if (ctx.session.deviceId !== 0) {
    await ctx.emu.queue.enqueue(() => endLogin(ctx));
  }
  ctx.session.initialized = false;
  ctx.session.loginStatus = 3;
  return { value: 0 };
};

const setConfig: Handler = (ctx, args) => {
  const config = args.jsonObject(0, false);
  return { json: stringifyTimJson(isObject(config) ? config : {}) };
};

export const authHandlers: Record<string, Handler> = {
  TIMInit: init,
  TIMUninit: uninit,
  TIMLogin: login,
  TIMLogout: logout,
  TIMSetConfig: setConfig,
  TIMGetSDKVersion: () => ({ value: SDK_VERSION }),
  TIMGetServerTime: (ctx) => ({ value: ctx.emu.serverTime() }),
  TIMGetLoginUserID: (ctx) => ({ value: ctx.session.loginStatus === 1 ? ctx.session.userId : '' }),
  TIMGetLoginStatus: (ctx) => ({ value: ctx.session.loginStatus }),
};
