/**
 * Friend lists and friend requests as stored (schema.ts `friends`, `friend_requests`,
 * `friend_request_reads`; docs/emulator.md "Friends and friend requests"): the SQL behind friends.ts,
 * friendProfiles.ts, friendRequests.ts and the blocklist's ending of a friendship. Nothing here checks who may
 * do what. No index is kept in memory: no hot path (a message send) asks about friends, so every question
 * is a query on the primary keys, and a rolled-back operation leaves nothing to undo but its rows.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { parseTimJson, stringifyTimJson } from '../../tim/json';
import { TIMFriendPendencyType, TIMProfileAddPermission } from '../../tim/enums';

/** A user's friend list holds at most this many users (Tencent's limit; 30010 / 30014 beyond). */
export const MAX_FRIENDS = 3000;
/**
 * A user has at most this many requests waiting that they sent, and as many that they received (*choice*:
 * Tencent names a limit, 30012, without its size; this keeps one user from filling another's list).
 */
export const MAX_PENDING_REQUESTS = 1000;

/** One entry of a user's friend list. */
export interface FriendRow {
  readonly friend: string;
  readonly remark: string;
  /** The friend list names, in order. */
  readonly groupNames: readonly string[];
  readonly addSource: string;
  readonly addWording: string;
  /** Server seconds. */
  readonly addTime: number;
  /** The custom fields, full key (Tag_SNS_Custom_...) to value, in the order first set. */
  readonly custom: Readonly<Record<string, string>>;
}

/** What a new entry starts with. */
export type NewFriend = Omit<FriendRow, 'friend' | 'custom'>;

/** A request waiting for its target. */
export interface RequestRow {
  /** The paging seq: ids only grow, so the newest request has the highest. */
  readonly id: number;
  readonly requester: string;
  readonly target: string;
  /** Server seconds. */
  readonly add_time: number;
  readonly wording: string;
  readonly source: string;
  /** The requester's presets for their entry of the target, once accepted. */
  readonly remark: string;
  readonly group_name: string;
}

/** A request as a page lists it, with the other user's profile (null for an account never seen). */
export interface PageRow extends RequestRow {
  readonly nick: string | null;
  readonly face_url: string | null;
}

interface StoredFriend {
  readonly friend: string;
  readonly remark: string;
  readonly group_names: string;
  readonly add_source: string;
  readonly add_wording: string;
  readonly add_time: number;
  readonly custom: string;
}

function parsed<T>(text: string, fallback: T): T {
  try {
    return parseTimJson(text) as T;
  } catch {
    return fallback;
  }
}

function friendOf(row: StoredFriend): FriendRow {
  return {
    friend: row.friend,
    remark: row.remark,
    groupNames: parsed<string[]>(row.group_names, []),
    addSource: row.add_source,
    addWording: row.add_wording,
    addTime: row.add_time,
    custom: parsed<Record<string, string>>(row.custom, {}),
  };
}

/** The SQL condition of a page's type: requests to @user (ComeIn), from @user (SendOut) or either (Both). */
function pageFilter(type: number): string {
  if (type === TIMFriendPendencyType.ComeIn) {
    return 'r.target = @user';
  }
  if (type === TIMFriendPendencyType.SendOut) {
    return 'r.requester = @user';
  }
  return '(r.target = @user OR r.requester = @user)';
}

export class FriendStore {
  private readonly selectFriend: Statement;
  private readonly selectList: Statement;
  private readonly countFriends: Statement;
  private readonly selectTopSeq: Statement;
  private readonly insertFriend: Statement;
  private readonly updateFriend: Statement;
  private readonly deleteFriend: Statement;
  private readonly selectRequest: Statement;
  private readonly deleteRequest: Statement;
  private readonly insertRequest: Statement;
  private readonly countSent: Statement;
  private readonly countReceived: Statement;
  private readonly countUnread: Statement;
  private readonly selectReadTime: Statement;
  private readonly upsertReadTime: Statement;
  private readonly selectPermission: Statement;
  private readonly pages = new Map<number, Statement>();

  constructor(private readonly db: Db) {
    const columns = 'friend, remark, group_names, add_source, add_wording, add_time, custom';
    this.selectFriend = db.prepare(`SELECT ${columns} FROM friends WHERE user_id = ? AND friend = ?`);
    this.selectList = db.prepare(`SELECT ${columns} FROM friends WHERE user_id = ? ORDER BY seq`);
    this.countFriends = db.prepare('SELECT count(*) FROM friends WHERE user_id = ?').pluck();
    this.selectTopSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM friends WHERE user_id = ?').pluck();
    this.insertFriend = db.prepare(`INSERT INTO friends(user_id, ${columns}, seq) VALUES (?, ?, ?, ?, ?, ?, ?, '{}', ?)`);
    this.updateFriend = db.prepare('UPDATE friends SET remark = ?, group_names = ?, custom = ? WHERE user_id = ? AND friend = ?');
    this.deleteFriend = db.prepare('DELETE FROM friends WHERE user_id = ? AND friend = ?');
    this.selectRequest = db.prepare('SELECT * FROM friend_requests WHERE requester = ? AND target = ?');
    this.deleteRequest = db.prepare('DELETE FROM friend_requests WHERE requester = ? AND target = ?');
    this.insertRequest = db.prepare('INSERT INTO friend_requests(requester, target, add_time, wording, source, remark, group_name) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.countSent = db.prepare('SELECT count(*) FROM friend_requests WHERE requester = ?').pluck();
    this.countReceived = db.prepare('SELECT count(*) FROM friend_requests WHERE target = ?').pluck();
    this.countUnread = db.prepare('SELECT count(*) FROM friend_requests WHERE target = ? AND add_time > ?').pluck();
    this.selectReadTime = db.prepare('SELECT read_time FROM friend_request_reads WHERE user_id = ?').pluck();
    this.upsertReadTime = db.prepare('INSERT INTO friend_request_reads(user_id, read_time) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET read_time = excluded.read_time');
    this.selectPermission = db.prepare('SELECT add_permission FROM users WHERE user_id = ?').pluck();
  }

  // ---- friend lists ----

  /** Whether `owner`'s list holds `friend`. */
  has(owner: string, friend: string): boolean {
    return this.selectFriend.get(owner, friend) !== undefined;
  }

  entry(owner: string, friend: string): FriendRow | undefined {
    const row = this.selectFriend.get(owner, friend) as StoredFriend | undefined;
    return row === undefined ? undefined : friendOf(row);
  }

  countOf(owner: string): number {
    return this.countFriends.get(owner) as number;
  }

  /** `owner`'s list, oldest entry first. */
  listOf(owner: string): FriendRow[] {
    return (this.selectList.all(owner) as StoredFriend[]).map(friendOf);
  }

  /** Inside an operation: `friend` goes into `owner`'s list; false (nothing changed) when already there. */
  add(owner: string, friend: string, entry: NewFriend): boolean {
    if (this.has(owner, friend)) {
      return false;
    }
    const seq = (this.selectTopSeq.get(owner) as number) + 1;
    this.insertFriend.run(owner, friend, entry.remark, stringifyTimJson(entry.groupNames), entry.addSource, entry.addWording, entry.addTime, seq);
    return true;
  }

  /** Inside an operation: `owner`'s entry of `friend` (which exists) takes the remark, list names and custom fields of `after`. */
  update(owner: string, friend: string, after: FriendRow): void {
    this.updateFriend.run(after.remark, stringifyTimJson(after.groupNames), stringifyTimJson(after.custom), owner, friend);
  }

  /** Inside an operation: `friend` leaves `owner`'s list; false when not in it. */
  remove(owner: string, friend: string): boolean {
    return this.deleteFriend.run(owner, friend).changes > 0;
  }

  // ---- requests ----

  request(requester: string, target: string): RequestRow | undefined {
    return this.selectRequest.get(requester, target) as RequestRow | undefined;
  }

  /** Inside an operation: `requester`'s request to `target`, replacing an earlier one (which loses its seq). */
  putRequest(request: Omit<RequestRow, 'id'>): void {
    this.deleteRequest.run(request.requester, request.target);
    this.insertRequest.run(request.requester, request.target, request.add_time, request.wording, request.source, request.remark, request.group_name);
  }

  /** Inside an operation: `requester`'s request to `target` goes; false when there was none. */
  removeRequest(requester: string, target: string): boolean {
    return this.deleteRequest.run(requester, target).changes > 0;
  }

  /** Requests waiting that `user` sent. */
  sentCount(user: string): number {
    return this.countSent.get(user) as number;
  }

  /** Requests waiting for `user`. */
  receivedCount(user: string): number {
    return this.countReceived.get(user) as number;
  }

  /**
   * A page of `user`'s requests of `type` (ComeIn, SendOut, Both), newest first: those with a seq of at
   * most `startSeq` (0: from the newest) made at or after `startTime`, `limit` of them; `next` is the seq
   * of the first request of the next page, 0 when there is none.
   */
  page(user: string, type: number, startSeq: number, startTime: number, limit: number): { rows: PageRow[]; next: number } {
    let statement = this.pages.get(type);
    if (statement === undefined) {
      statement = this.db.prepare(`SELECT r.*, u.nick, u.face_url FROM friend_requests r
        LEFT JOIN users u ON u.user_id = CASE WHEN r.target = @user THEN r.requester ELSE r.target END
        WHERE ${pageFilter(type)} AND r.id <= @start AND r.add_time >= @time ORDER BY r.id DESC LIMIT @limit`);
      this.pages.set(type, statement);
    }
    const rows = statement.all({ user, start: startSeq === 0 ? Number.MAX_SAFE_INTEGER : startSeq, time: startTime, limit: limit + 1 }) as PageRow[];
    const next = rows.length > limit ? (rows[limit] as PageRow).id : 0;
    return { rows: rows.slice(0, limit), next };
  }

  /** How many requests to `user` were made after `readTime` (seconds). */
  unreadCount(user: string, readTime: bigint): number {
    // Request times are server seconds, far below 2^53: a larger read time reads them all.
    const after = readTime > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(readTime);
    return this.countUnread.get(user, after) as number;
  }

  /** The time up to which `user` reported their requests read (seconds), 0 when never. */
  readTimeOf(user: string): bigint {
    const stored = this.selectReadTime.get(user) as string | undefined;
    return stored === undefined ? 0n : BigInt(stored);
  }

  setReadTime(user: string, readTime: bigint): void {
    this.upsertReadTime.run(user, readTime.toString());
  }

  // ---- the users' own setting ----

  /** Who may add `user` as a friend (TIMProfileAddPermission); NeedConfirm for an account never seen. */
  addPermissionOf(user: string): number {
    return (this.selectPermission.get(user) as number | undefined) ?? TIMProfileAddPermission.NeedConfirm;
  }
}
