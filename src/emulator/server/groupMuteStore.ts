/**
 * Muted group members (groupMute.ts; docs/emulator.md "Muting"): the `group_mutes` rows, each the time
 * until which a user may not write in a group, and an index of them in memory for the group send path,
 * which asks on every send whether the sender is muted (messages/send.ts sendTarget). The rows are
 * their own table, not part of the member row, because a mute outlives the membership: Tencent keeps a
 * muted user muted when they leave and join again. An end that has passed stays stored until the next
 * change of that mute and simply no longer counts: expiry needs no timer.
 * The index is loaded once at startup and changed only here, by the operations that change the rows; it
 * follows their fate through rollbacks (indexUndoLog.ts).
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { IndexUndoLog } from './indexUndoLog';

export class GroupMutes extends IndexUndoLog {
  /**
   * Group to its muted users and the end of each mute (server seconds). Nested maps, as Blocklists'
   * sets: the send path's lookup builds no key, and with nobody muted it is one miss in an empty map.
   */
  private readonly index = new Map<string, Map<string, number>>();
  private readonly upsertMute: Statement;
  private readonly deleteMute: Statement;
  private readonly deleteGroupMutes: Statement;

  constructor(db: Db) {
    super();
    this.upsertMute = db.prepare('INSERT INTO group_mutes(group_id, user_id, muted_until) VALUES (?, ?, ?) ON CONFLICT(group_id, user_id) DO UPDATE SET muted_until = excluded.muted_until');
    this.deleteMute = db.prepare('DELETE FROM group_mutes WHERE group_id = ? AND user_id = ?');
    this.deleteGroupMutes = db.prepare('DELETE FROM group_mutes WHERE group_id = ?');
    for (const row of db.prepare('SELECT group_id, user_id, muted_until FROM group_mutes').iterate() as IterableIterator<{ group_id: string; user_id: string; muted_until: number }>) {
      this.indexSet(row.group_id, row.user_id, row.muted_until);
    }
  }

  /**
   * The stored end of `userId`'s mute in `groupId` (server seconds), 0 when none is stored; it may have
   * passed. The send path's lookup: from memory, and it asks the clock only when this is not 0.
   */
  storedUntil(groupId: string, userId: string): number {
    return this.index.get(groupId)?.get(userId) ?? 0;
  }

  /** The end of `userId`'s mute in `groupId` when it is still running at `now`, else 0. */
  activeUntil(groupId: string, userId: string, now: number): number {
    const until = this.storedUntil(groupId, userId);
    return until > now ? until : 0;
  }

  /** Inside an operation: `userId` is muted in `groupId` until `until` (server seconds), replacing any earlier end. */
  set(groupId: string, userId: string, until: number): void {
    this.upsertMute.run(groupId, userId, until);
    this.replaceInIndex(groupId, userId, until);
  }

  /** Inside an operation: `userId`'s mute in `groupId`, if any is stored, goes. */
  clear(groupId: string, userId: string): void {
    if (this.storedUntil(groupId, userId) !== 0) {
      this.deleteMute.run(groupId, userId);
      this.replaceInIndex(groupId, userId, undefined);
    }
  }

  /** Inside an operation: every mute of `groupId` goes (the group was dismissed). */
  clearGroup(groupId: string): void {
    const muted = this.index.get(groupId);
    if (muted !== undefined) {
      this.deleteGroupMutes.run(groupId);
      this.index.delete(groupId);
      this.recordUndo(() => this.index.set(groupId, muted));
    }
  }

  /** Sets (or, with undefined, deletes) one entry of the index, recording how to put the old one back. */
  private replaceInIndex(groupId: string, userId: string, until: number | undefined): void {
    const before = this.index.get(groupId)?.get(userId);
    this.indexSet(groupId, userId, until);
    this.recordUndo(() => this.indexSet(groupId, userId, before));
  }

  private indexSet(groupId: string, userId: string, until: number | undefined): void {
    let muted = this.index.get(groupId);
    if (until === undefined) {
      if (muted !== undefined && muted.delete(userId) && muted.size === 0) {
        // Emptied groups go, so that with nobody muted the map is empty again.
        this.index.delete(groupId);
      }
      return;
    }
    if (muted === undefined) {
      muted = new Map();
      this.index.set(groupId, muted);
    }
    muted.set(userId, until);
  }
}
