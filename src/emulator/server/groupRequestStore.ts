/**
 * The stored join requests (schema.ts group_requests) and each user's read time for them
 * (pendency_reads): the SQL behind TIMGroupJoin's applications (groupJoin.ts), the pendency calls
 * (groupRequests.ts) and dismissals (groupDismiss.ts). Who may see or decide a request is not checked
 * here, except that an approver's page only holds groups they own or administer now.
 */
import type { Database as Db } from 'better-sqlite3';
import { Role } from './groups';

export interface GroupRequestRow {
  readonly id: number;
  readonly group_id: string;
  readonly applicant: string;
  /** Server time in seconds. */
  readonly add_time: number;
  readonly msg: string;
  /** Who accepted or refused it; null while undecided. */
  readonly decided_by: string | null;
  readonly accepted: number;
  readonly decision_msg: string;
  readonly decided_time: number;
}

/** A request as an approver's page lists it: with the applicant's profile (null for an unknown account). */
export interface ApproverRequestRow extends GroupRequestRow {
  readonly nick: string | null;
  readonly face_url: string | null;
}

/**
 * Records `applicant`'s application to `groupId`: their undecided request renewed (new time and
 * message: the request id, and so its key, stays), or a new one. Returns its id.
 */
export function storeApplication(db: Db, groupId: string, applicant: string, addTime: number, msg: string): number {
  const open = db.prepare('SELECT id FROM group_requests WHERE group_id = ? AND applicant = ? AND decided_by IS NULL').get(groupId, applicant) as { id: number } | undefined;
  if (open !== undefined) {
    db.prepare('UPDATE group_requests SET add_time = ?, msg = ? WHERE id = ?').run(addTime, msg, open.id);
    return open.id;
  }
  return Number(db.prepare('INSERT INTO group_requests(group_id, applicant, add_time, msg) VALUES (?, ?, ?, ?)').run(groupId, applicant, addTime, msg).lastInsertRowid);
}

export function requestById(db: Db, id: number): GroupRequestRow | undefined {
  return db.prepare('SELECT * FROM group_requests WHERE id = ?').get(id) as GroupRequestRow | undefined;
}

/** `applicant`'s request to `groupId` that a decision is about: the undecided one, else the latest decided one. */
export function requestOf(db: Db, groupId: string, applicant: string): GroupRequestRow | undefined {
  return db
    .prepare('SELECT * FROM group_requests WHERE group_id = ? AND applicant = ? ORDER BY decided_by IS NULL DESC, add_time DESC, id DESC LIMIT 1')
    .get(groupId, applicant) as GroupRequestRow | undefined;
}

export function decideRequest(db: Db, id: number, decider: string, accepted: boolean, msg: string, time: number): void {
  db.prepare('UPDATE group_requests SET decided_by = ?, accepted = ?, decision_msg = ?, decided_time = ? WHERE id = ?').run(decider, accepted ? 1 : 0, msg, time, id);
}

/** A dismissed group's requests go with it. */
export function deleteGroupRequests(db: Db, groupId: string): void {
  db.prepare('DELETE FROM group_requests WHERE group_id = ?').run(groupId);
}

/** The requests of the groups `userId` owns or administers now, joined to the applicant's profile. */
const APPROVER_REQUESTS = `SELECT r.*, u.nick, u.face_url FROM group_requests r
  JOIN members m ON m.group_id = r.group_id AND m.user_id = ? AND m.role IN (${Role.ADMIN}, ${Role.OWNER})
  LEFT JOIN users u ON u.user_id = r.applicant`;

/**
 * One page of `userId`'s requests, newest first (add_time, then id, descending), made before `before`
 * (seconds): `limit` of them and then every further one of the last one's second, so a page never ends
 * inside a second and the next page, "before that second", loses nothing. `more`: older ones remain.
 */
export function approverPage(db: Db, userId: string, before: number, limit: number): { rows: ApproverRequestRow[]; more: boolean } {
  const rows = db.prepare(`${APPROVER_REQUESTS} WHERE r.add_time < ? ORDER BY r.add_time DESC, r.id DESC LIMIT ?`).all(userId, before, limit) as ApproverRequestRow[];
  const last = rows.at(-1);
  if (last === undefined || rows.length < limit) {
    return { rows, more: false };
  }
  const sameSecond = db.prepare(`${APPROVER_REQUESTS} WHERE r.add_time = ? AND r.id < ? ORDER BY r.id DESC`).all(userId, last.add_time, last.id) as ApproverRequestRow[];
  const more = db.prepare(`${APPROVER_REQUESTS} WHERE r.add_time < ? LIMIT 1`).get(userId, last.add_time) !== undefined;
  return { rows: [...rows, ...sameSecond], more };
}

/** How many undecided requests of `userId`'s groups (as approverPage) were made after `readTime` (seconds). */
export function unreadRequests(db: Db, userId: string, readTime: bigint): number {
  // Request times are server seconds, far below 2^53: a larger read time reads them all.
  const after = readTime > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(readTime);
  return (db.prepare(`SELECT count(*) AS n FROM (${APPROVER_REQUESTS} WHERE r.decided_by IS NULL AND r.add_time > ?)`).get(userId, after) as { n: number }).n;
}

/** The read time `userId` last reported (TIMGroupReportPendencyReaded), 0 when never. */
export function readTimeOf(db: Db, userId: string): bigint {
  const row = db.prepare('SELECT read_time FROM pendency_reads WHERE user_id = ?').get(userId) as { read_time: string } | undefined;
  return row === undefined ? 0n : BigInt(row.read_time);
}

export function setReadTime(db: Db, userId: string, readTime: bigint): void {
  db.prepare('INSERT INTO pendency_reads(user_id, read_time) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET read_time = excluded.read_time').run(userId, readTime.toString());
}
