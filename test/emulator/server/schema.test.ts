/**
 * Opening a data directory an older emulator wrote: the columns added since are added, rows kept.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { Access } from '../../../src/emulator/server/access';
import { Blocklists } from '../../../src/emulator/server/blocklistStore';
import { readTimeOf, requestOf, setReadTime, storeApplication } from '../../../src/emulator/server/groupRequestStore';
import { EventHub } from '../../../src/emulator/server/eventHub';
import { FriendStore } from '../../../src/emulator/server/friendStore';
import { GroupMutes } from '../../../src/emulator/server/groupMuteStore';
import { DB_FILE, openDatabase } from '../../../src/emulator/server/schema';
import { UserStatuses } from '../../../src/emulator/server/userStatus';

/** A fresh data dir for `test`, removed afterwards. */
function withDataDir(test: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'tim-emulator-schema-'));
  try {
    test(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A data dir with today's schema less the tables `drop` removes, as an emulator from before them left it,
 * with the rows `fill` writes; `test` gets it opened again (the tables then come back).
 */
function withDataDirLacking(drop: string, fill: (old: Db) => void, test: (db: Db) => void): void {
  withDataDir((dir) => {
    const old = openDatabase(dir, 'normal');
    old.exec(drop);
    fill(old);
    old.close();
    const db = openDatabase(dir, 'normal');
    try {
      test(db);
    } finally {
      db.close();
    }
  });
}

describe('tim-emulator schema migration', function () {
  it('adds the join request tables (group_requests, pendency_reads) to a data dir from before them; they work at once', function () {
    withDataDirLacking(
      'DROP TABLE group_requests; DROP TABLE pendency_reads',
      (old) => old.prepare("INSERT INTO groups(group_id, name, type, owner, created, add_option, max_members) VALUES ('team', 'Team', 0, 'ann', 1, 1, 2000)").run(),
      (db) => {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('group_requests', 'pendency_reads') ORDER BY name").all();
        assert.deepEqual(tables, [{ name: 'group_requests' }, { name: 'pendency_reads' }]);
        const id = storeApplication(db, 'team', 'bo', 100, 'hi');
        assert.equal(storeApplication(db, 'team', 'bo', 101, 'hi again'), id, 'one undecided request per applicant');
        assert.deepEqual([requestOf(db, 'team', 'bo')?.msg, requestOf(db, 'team', 'bo')?.add_time], ['hi again', 101]);
        assert.equal(readTimeOf(db, 'ann'), 0n);
        setReadTime(db, 'ann', 2n ** 64n - 1n);
        assert.equal(readTimeOf(db, 'ann'), 2n ** 64n - 1n);
        assert.deepEqual(db.prepare('SELECT group_id, add_option, dismissed FROM groups').all(), [{ group_id: 'team', add_option: 1, dismissed: 0 }]);
      },
    );
  });

  it('adds users.custom_status and the status_subs table (user status) to a data dir from before them; they work at once', function () {
    withDataDir((dir) => {
      const old = new Database(join(dir, DB_FILE));
      // The users table as emulators before user status created it, with a user in it.
      old.exec(`CREATE TABLE users(
        user_id TEXT PRIMARY KEY, tiny_id TEXT NOT NULL, nick TEXT NOT NULL DEFAULT '',
        face_url TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL, gender INTEGER NOT NULL DEFAULT 0,
        signature TEXT NOT NULL DEFAULT '', custom TEXT NOT NULL DEFAULT '{}')`);
      old.prepare("INSERT INTO users(user_id, tiny_id, nick, created, signature) VALUES ('ann', '1', 'Ann', 1, 'hi')").run();
      old.close();
      const db = openDatabase(dir, 'normal');
      try {
        assert.deepEqual(db.prepare('SELECT user_id, nick, signature, custom_status FROM users').all(), [{ user_id: 'ann', nick: 'Ann', signature: 'hi', custom_status: '' }]);
        const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'status_subs' AND name = 'status_subs_target'").all();
        assert.deepEqual(indexes, [{ name: 'status_subs_target' }]);
        const statuses = new UserStatuses(db, new EventHub(db));
        statuses.subscribe('ann', ['bo', 'ann', 'cy', 'bo']);
        assert.deepEqual(db.prepare('SELECT user_id, target, seq FROM status_subs ORDER BY seq').all(), [
          { user_id: 'ann', target: 'bo', seq: 1 },
          { user_id: 'ann', target: 'cy', seq: 2 },
        ]);
        statuses.setCustom('ann', 'coding');
        assert.equal(statuses.statusOf('ann').user_status_custom_status, 'coding');
      } finally {
        db.close();
      }
    });
  });

  it('adds the blocks table (the blocklist) to a data dir from before it; it works at once, and its index loads from it', function () {
    withDataDirLacking(
      'DROP TABLE blocks',
      (old) => old.prepare("INSERT INTO users(user_id, tiny_id, created) VALUES ('ann', '1', 1), ('bo', '2', 1)").run(),
      (db) => {
        const columns = db.prepare("SELECT name FROM pragma_table_info('blocks')").pluck().all();
        assert.deepEqual(columns, ['user_id', 'blocked', 'add_time', 'seq']);
        const blocklists = new Blocklists(db);
        assert.equal(blocklists.blocks('ann', 'bo'), false);
        blocklists.add('ann', 'bo', 100);
        assert.deepEqual(blocklists.listOf('ann'), [{ blocked: 'bo', add_time: 100 }]);
        assert.equal(new Blocklists(db).blocks('ann', 'bo'), true, 'loaded from the table');
        assert.deepEqual(db.prepare('SELECT user_id FROM users ORDER BY user_id').pluck().all(), ['ann', 'bo']);
      },
    );
  });

  it('adds the friend tables (friends, friend_requests, friend_request_reads) and users.add_permission to a data dir from before them; existing users confirm requests, and the tables work at once', function () {
    withDataDirLacking(
      'DROP TABLE friends; DROP TABLE friend_requests; DROP TABLE friend_request_reads; ALTER TABLE users DROP COLUMN add_permission',
      (old) => {
        assert.ok(!(old.prepare("SELECT name FROM pragma_table_info('users')").pluck().all() as string[]).includes('add_permission'));
        old.prepare("INSERT INTO users(user_id, tiny_id, nick, created) VALUES ('ann', '1', 'Ann', 1), ('bo', '2', '', 1)").run();
      },
      (db) => {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'friend%' ORDER BY name").pluck().all();
        assert.deepEqual(tables, ['friend_request_reads', 'friend_requests', 'friends']);
        assert.deepEqual(db.prepare('SELECT user_id, nick, add_permission FROM users ORDER BY user_id').all(), [
          { user_id: 'ann', nick: 'Ann', add_permission: 2 },
          { user_id: 'bo', nick: '', add_permission: 2 },
        ]);
        const friends = new FriendStore(db);
        assert.equal(friends.addPermissionOf('ann'), 2, 'NeedConfirm, the default');
        assert.equal(friends.add('ann', 'bo', { remark: 'B', groupNames: ['team'], addSource: '', addWording: '', addTime: 100 }), true);
        assert.deepEqual(friends.listOf('ann').map((f) => [f.friend, f.remark, f.groupNames, f.addTime]), [['bo', 'B', ['team'], 100]]);
        friends.putRequest({ requester: 'bo', target: 'ann', add_time: 200, wording: 'hi', source: '', remark: '', group_name: '' });
        assert.equal(friends.request('bo', 'ann')?.wording, 'hi');
        friends.setReadTime('ann', 2n ** 64n - 1n);
        assert.equal(friends.readTimeOf('ann'), 2n ** 64n - 1n);
        assert.equal(friends.unreadCount('ann', 150n), 1);
      },
    );
  });

  it('adds the group_mutes table and groups.shutup_all (muting) to a data dir from before them; existing groups are not muted, and mutes work at once', function () {
    withDataDirLacking(
      'DROP TABLE group_mutes; ALTER TABLE groups DROP COLUMN shutup_all',
      (old) => old.prepare("INSERT INTO groups(group_id, name, type, owner, created, max_members) VALUES ('team', 'Team', 0, 'ann', 1, 2000)").run(),
      (db) => {
        assert.deepEqual(db.prepare("SELECT name FROM pragma_table_info('group_mutes')").pluck().all(), ['group_id', 'user_id', 'muted_until']);
        assert.deepEqual(db.prepare('SELECT group_id, dismissed, shutup_all FROM groups').all(), [{ group_id: 'team', dismissed: 0, shutup_all: 0 }]);
        const mutes = new GroupMutes(db);
        assert.equal(mutes.storedUntil('team', 'bo'), 0);
        mutes.set('team', 'bo', 200);
        assert.equal(mutes.activeUntil('team', 'bo', 199), 200);
        assert.equal(mutes.activeUntil('team', 'bo', 200), 0, 'an end that has come is no mute');
        assert.equal(new GroupMutes(db).storedUntil('team', 'bo'), 200, 'loaded from the table');
      },
    );
  });

  it('adds groups.dismissed (TIMGroupDelete) to a groups table without it; existing groups are not dismissed', function () {
    const dir = mkdtempSync(join(tmpdir(), 'tim-emulator-schema-'));
    try {
      const old = new Database(join(dir, DB_FILE));
      // The groups table as emulators before TIMGroupDelete created it.
      old.exec(`CREATE TABLE groups(
        group_id TEXT PRIMARY KEY, name TEXT NOT NULL, type INTEGER NOT NULL, owner TEXT NOT NULL,
        created INTEGER NOT NULL, face_url TEXT NOT NULL DEFAULT '', notification TEXT NOT NULL DEFAULT '',
        introduction TEXT NOT NULL DEFAULT '', add_option INTEGER NOT NULL DEFAULT 2, max_members INTEGER NOT NULL,
        info_seq INTEGER NOT NULL DEFAULT 1)`);
      old.prepare("INSERT INTO groups(group_id, name, type, owner, created, max_members) VALUES ('team', 'Team', 0, 'ann', 1, 2000)").run();
      old.close();
      const db = openDatabase(dir, 'normal');
      try {
        assert.deepEqual(db.prepare('SELECT group_id, name, dismissed FROM groups').all(), [{ group_id: 'team', name: 'Team', dismissed: 0 }]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds convs.left_join_msg (a former member\'s local history) to a convs table without it; groups left before it answer as before', function () {
    withDataDir((dir) => {
      const old = new Database(join(dir, DB_FILE));
      // The convs table as emulators before left_join_msg created it: ann left 'gone' at message 7.
      old.exec(`CREATE TABLE convs(
        user_id TEXT NOT NULL, conv_type INTEGER NOT NULL, conv_id TEXT NOT NULL, stream TEXT NOT NULL,
        unread INTEGER NOT NULL DEFAULT 0, read_msg INTEGER NOT NULL DEFAULT 0, read_time INTEGER NOT NULL DEFAULT 0,
        pinned INTEGER NOT NULL DEFAULT 0, draft TEXT, draft_time INTEGER NOT NULL DEFAULT 0,
        active_time INTEGER NOT NULL DEFAULT 0, cleared_msg INTEGER NOT NULL DEFAULT 0, hidden INTEGER NOT NULL DEFAULT 0,
        peer_read_time INTEGER NOT NULL DEFAULT 0, at_info TEXT NOT NULL DEFAULT '[]',
        left_msg INTEGER NOT NULL DEFAULT 0, marks TEXT NOT NULL DEFAULT '0',
        PRIMARY KEY(user_id, conv_type, conv_id)) WITHOUT ROWID`);
      old.exec(`INSERT INTO convs(user_id, conv_type, conv_id, stream, left_msg) VALUES
        ('ann', 2, 'gone', 'group:gone', 7), ('ann', 2, 'team', 'group:team', 0), ('bo', 2, 'gone', 'group:gone', 0)`);
      old.close();
      const db = openDatabase(dir, 'normal');
      try {
        assert.deepEqual(db.prepare('SELECT user_id, conv_id, left_msg, left_join_msg FROM convs ORDER BY user_id, conv_id').all(), [
          { user_id: 'ann', conv_id: 'gone', left_msg: 7, left_join_msg: -1 },
          { user_id: 'ann', conv_id: 'team', left_msg: 0, left_join_msg: 0 },
          { user_id: 'bo', conv_id: 'gone', left_msg: 0, left_join_msg: 0 },
        ]);
        const access = new Access(db);
        assert.equal(access.formerMembership('ann', 'gone'), undefined, 'where that membership began is not known: 10007 / 10010 as before');
        assert.equal(access.formerMembership('bo', 'gone'), undefined);
        // A group left from now on records it (groups.ts removeMember).
        db.prepare("UPDATE convs SET left_msg = 9, left_join_msg = 3 WHERE user_id = 'bo' AND conv_id = 'gone'").run();
        assert.deepEqual(access.formerMembership('bo', 'gone'), { leftMsg: 9, joinMsg: 3 });
      } finally {
        db.close();
      }
    });
  });
});
