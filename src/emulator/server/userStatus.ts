/**
 * User status (TIMManager.h 6.5-6.8, TIMUserStatus; docs/emulator.md "User status"): whether a user is
 * online, the custom status they set, and other users' subscriptions to their changes.
 *
 * The online status is computed from what the event hub already keeps, never stored: Online while some
 * logged-in device of the user has an open connection (a bound sink), Offline while devices are logged
 * in but none is connected (their sockets dropped without TIMLogout), UnLogined when no device is logged
 * in (TIMLogout everywhere, or never logged in). It can change only where the hub's logins or sinks do:
 * a login, the end of a login (endLogin: TIMLogout, TIMUninit, a UserSig running out, another user's
 * login on the connection) and a connection closing, so nothing is added to the message send path.
 * Each of those calls remember() before it changes the hub and refresh() inside a commit-queue operation
 * after it; refresh() compares the status with the one subscribers were last told and, when it differs,
 * records UserStatusChanged for every logged-in device of each subscriber (stored and replayed like
 * SelfInfoUpdated). The custom status (`users.custom_status`) is cleared when the user stops being
 * online, as Tencent's server does.
 *
 * Subscriptions (`status_subs`) are per user, not per device, and persisted: at most 200, the oldest
 * (by its latest subscription) going first.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { parseTimJson, stringifyTimJson } from '../../tim/json';
import type { TimEvent } from '../../tim/endpoint';
import { TIMUserStatusType } from '../../tim/enums';
import type { TimUserStatus } from '../../tim/types/userStatus';
import { invalidParam } from './apiError';
import { isObject } from './args';
import { type Handler, requireLogin } from './context';
import type { EventHub } from './eventHub';

/** Tencent keeps at most 100 bytes (UTF-8) of a custom status ("customStatus 最大为 100 字节"). */
export const MAX_CUSTOM_STATUS_BYTES = 100;
/** A user's subscription list holds at most 200 users; beyond, the oldest goes (header 6.7). */
export const MAX_STATUS_SUBSCRIPTIONS = 200;
/** Users per TIMGetUserStatus call (TIM Chat's typed client's cap; 6017 beyond). */
export const MAX_STATUS_IDS = 500;

/**
 * What `user_status_online_devices` lists for an online user. The wire protocol does not carry the
 * client's platform (the SDK reports it to Tencent itself); clients of the emulator run on its machine
 * (it binds loopback unless told otherwise), so this is the name of the platform the emulator runs on.
 */
export const ONLINE_PLATFORM = ({ linux: 'Linux', darwin: 'Mac', win32: 'Windows' } as Partial<Record<NodeJS.Platform, string>>)[process.platform] ?? process.platform;

export class UserStatuses {
  /** The status type each user's subscribers were last told of (or that held when first remembered). */
  private readonly told = new Map<string, TIMUserStatusType>();
  /** The told values before the changes of the group transaction in progress: restored if it rolls back. */
  private readonly undo = new Map<string, TIMUserStatusType>();
  private readonly selectCustom: Statement;
  private readonly clearCustom: Statement;
  private readonly updateCustom: Statement;
  private readonly selectSubscribers: Statement;
  private readonly selectTopSeq: Statement;
  private readonly upsertSub: Statement;
  private readonly evictSubs: Statement;
  private readonly deleteSub: Statement;
  private readonly deleteAllSubs: Statement;

  constructor(
    db: Db,
    private readonly hub: EventHub,
  ) {
    this.selectCustom = db.prepare('SELECT custom_status FROM users WHERE user_id = ?');
    this.clearCustom = db.prepare("UPDATE users SET custom_status = '' WHERE user_id = ? AND custom_status <> ''");
    this.updateCustom = db.prepare('UPDATE users SET custom_status = ? WHERE user_id = ?');
    this.selectSubscribers = db.prepare('SELECT user_id FROM status_subs WHERE target = ?').pluck();
    this.selectTopSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM status_subs WHERE user_id = ?').pluck();
    this.upsertSub = db.prepare('INSERT INTO status_subs(user_id, target, seq) VALUES (?, ?, ?) ON CONFLICT(user_id, target) DO UPDATE SET seq = excluded.seq');
    this.evictSubs = db.prepare(
      `DELETE FROM status_subs WHERE user_id = ? AND seq <= (SELECT seq FROM status_subs WHERE user_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ${MAX_STATUS_SUBSCRIPTIONS})`,
    );
    this.deleteSub = db.prepare('DELETE FROM status_subs WHERE user_id = ? AND target = ?');
    this.deleteAllSubs = db.prepare('DELETE FROM status_subs WHERE user_id = ?');
  }

  /** The user's status type now, from the hub's logged-in devices and their connections. */
  typeOf(user: string): TIMUserStatusType {
    const devices = this.hub.devicesOf(user);
    if (devices.size === 0) {
      return TIMUserStatusType.UnLogined;
    }
    for (const device of devices) {
      if (this.hub.sinkOf(device) !== undefined) {
        return TIMUserStatusType.Online;
      }
    }
    return TIMUserStatusType.Offline;
  }

  /** The user's whole status, as TIMGetUserStatus answers and UserStatusChanged pushes it. */
  statusOf(user: string): TimUserStatus {
    const type = this.typeOf(user);
    return {
      user_status_identifier: user,
      user_status_status_type: type,
      user_status_custom_status: (this.selectCustom.get(user) as { custom_status: string } | undefined)?.custom_status ?? '',
      user_status_online_devices: type === TIMUserStatusType.Online ? [ONLINE_PLATFORM] : [],
    };
  }

  /** Call before changing the user's logins or connections: what subscribers know, if not yet recorded. */
  remember(user: string): void {
    if (user !== '' && !this.told.has(user)) {
      this.told.set(user, this.typeOf(user));
    }
  }

  /**
   * Inside an operation, after a change remember() preceded: when the status type differs from what
   * the user's subscribers were told, records UserStatusChanged for them. Leaving Online clears the
   * custom status (the user's own logged-in devices are told when there was one).
   */
  refresh(user: string): void {
    const now = this.typeOf(user);
    const was = this.told.get(user) ?? now;
    if (now === was) {
      return;
    }
    if (!this.undo.has(user)) {
      this.undo.set(user, was);
    }
    this.told.set(user, now);
    const cleared = was === TIMUserStatusType.Online && this.clearCustom.run(user).changes > 0;
    this.publish(user, cleared);
  }

  /** Inside an operation: sets the custom status; false (and no event) when it is the same. */
  setCustom(user: string, value: string): boolean {
    const before = (this.selectCustom.get(user) as { custom_status: string } | undefined)?.custom_status ?? '';
    if (before === value) {
      return false;
    }
    this.updateCustom.run(value, user);
    this.publish(user, true);
    return true;
  }

  /** UserStatusChanged with the user's status, to each subscriber's logged-in devices (and the user's own with `toSelf`). */
  private publish(user: string, toSelf: boolean): void {
    const event: TimEvent = { name: 'UserStatusChanged', json: stringifyTimJson([this.statusOf(user)]) };
    if (toSelf) {
      this.hub.toUser(user, event);
    }
    for (const subscriber of this.selectSubscribers.all(user) as string[]) {
      this.hub.toUser(subscriber, event);
    }
  }

  /** Inside an operation: `user` subscribes to `targets` (themselves skipped); a renewed one counts as newest. */
  subscribe(user: string, targets: readonly string[]): void {
    let seq = this.selectTopSeq.get(user) as number;
    for (const target of new Set(targets)) {
      if (target !== user) {
        seq += 1;
        this.upsertSub.run(user, target, seq);
      }
    }
    this.evictSubs.run(user, user);
  }

  /** Inside an operation: ends `user`'s subscriptions to `targets`, or all of them when undefined. */
  unsubscribe(user: string, targets: readonly string[] | undefined): void {
    if (targets === undefined) {
      this.deleteAllSubs.run(user);
      return;
    }
    for (const target of targets) {
      this.deleteSub.run(user, target);
    }
  }

  /** The group transaction committed: its changes stand. */
  committed(): void {
    this.undo.clear();
  }

  /** The group transaction rolled back: its events were never sent, so subscribers still know the old status. */
  failed(): void {
    for (const [user, type] of this.undo) {
      this.told.set(user, type);
    }
    this.undo.clear();
  }
}

const getUserStatus: Handler = async (ctx, args) => {
  const ids = args.idList(0, 'json_identifier_array', MAX_STATUS_IDS, true);
  requireLogin(ctx);
  const { statuses } = ctx.emu;
  const list = await ctx.emu.queue.enqueue(() => ids.map((id) => statuses.statusOf(id)));
  return { json: stringifyTimJson(list) };
};

/** TIMSetSelfStatus's argument: its custom status ('' for a missing or null one: clearing it), checked. */
function customStatusOf(text: string): string {
  let param: unknown;
  try {
    param = parseTimJson(text);
  } catch {
    throw invalidParam('json_current_user_status is not valid JSON');
  }
  if (!isObject(param)) {
    throw invalidParam('json_current_user_status must be a JSON object (UserStatus)');
  }
  const value = param.user_status_custom_status ?? '';
  if (typeof value !== 'string') {
    throw invalidParam('user_status_custom_status must be a string');
  }
  if (Buffer.byteLength(value, 'utf8') > MAX_CUSTOM_STATUS_BYTES) {
    throw invalidParam(`user_status_custom_status is over ${MAX_CUSTOM_STATUS_BYTES} bytes (UTF-8)`);
  }
  return value;
}

const setSelfStatus: Handler = async (ctx, args) => {
  const text = args.str(0);
  const { userId } = requireLogin(ctx);
  const value = customStatusOf(text);
  await ctx.emu.queue.enqueue(() => {
    ctx.emu.statuses.setCustom(userId, value);
  });
  return {};
};

const subscribeUserStatus: Handler = async (ctx, args) => {
  const ids = args.idList(0, 'json_identifier_array', MAX_STATUS_SUBSCRIPTIONS, true);
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => ctx.emu.statuses.subscribe(userId, ids));
  return {};
};

const unsubscribeUserStatus: Handler = async (ctx, args) => {
  // NULL (sent as '') or an empty array: every subscription (header 6.8).
  const ids = args.str(0).trim().length === 0 ? [] : args.idList(0, 'json_identifier_array', MAX_STATUS_SUBSCRIPTIONS, true, true);
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => ctx.emu.statuses.unsubscribe(userId, ids.length === 0 ? undefined : ids));
  return {};
};

export const userStatusHandlers: Record<string, Handler> = {
  TIMGetUserStatus: getUserStatus,
  TIMSetSelfStatus: setSelfStatus,
  TIMSubscribeUserStatus: subscribeUserStatus,
  TIMUnsubscribeUserStatus: unsubscribeUserStatus,
};
