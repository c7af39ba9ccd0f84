/**
 * The emulator's SQLite database: opening it in WAL mode with durable commits, and its schema.
 *
 * Roaming (the cloud's copy) is per user and conversation; the local store is per device (a user plus
 * the sdk_config_config_file_path given to TIMInit), as the SDK's on-device database is. A message row is
 * stored once per conversation stream ("c2c:<a>\n<b>" with a < b, or "group:<id>"); per-user and
 * per-device rows record only the differences (roaming deletes, local deletes, pulls, local custom data).
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- A user's profile (profiles.ts): custom is a JSON object of the custom string fields, keys with the
-- Tag_Profile_Custom_ prefix, in the order they were first set. custom_status: TIMSetSelfStatus's
-- (userStatus.ts), cleared when the user stops being online. add_permission: who may add the user as a
-- friend (TIMProfileAddPermission 1 AllowAny, 2 NeedConfirm, 3 DenyAny; friends.ts).
CREATE TABLE IF NOT EXISTS users(
  user_id TEXT PRIMARY KEY, tiny_id TEXT NOT NULL, nick TEXT NOT NULL DEFAULT '',
  face_url TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL, gender INTEGER NOT NULL DEFAULT 0,
  signature TEXT NOT NULL DEFAULT '', custom TEXT NOT NULL DEFAULT '{}', custom_status TEXT NOT NULL DEFAULT '',
  add_permission INTEGER NOT NULL DEFAULT 2);
CREATE TABLE IF NOT EXISTS devices(
  id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, config_path TEXT NOT NULL,
  base_msg INTEGER NOT NULL, event_seq INTEGER NOT NULL DEFAULT 0, logged_in INTEGER NOT NULL DEFAULT 0,
  UNIQUE(user_id, config_path));
CREATE TABLE IF NOT EXISTS streams(stream TEXT PRIMARY KEY, last_seq INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS messages(
  id INTEGER PRIMARY KEY, stream TEXT NOT NULL, seq INTEGER NOT NULL, msg_id TEXT NOT NULL,
  sender TEXT NOT NULL, conv_type INTEGER NOT NULL, server_time INTEGER NOT NULL, rand INTEGER NOT NULL,
  elem_type INTEGER NOT NULL, status INTEGER NOT NULL, local_device INTEGER NOT NULL DEFAULT 0,
  no_unread INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL, search_text TEXT NOT NULL,
  revoker TEXT, revoke_reason TEXT, need_receipt INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX IF NOT EXISTS messages_msg_id ON messages(msg_id, local_device);
CREATE INDEX IF NOT EXISTS messages_stream ON messages(stream, server_time, id);
CREATE INDEX IF NOT EXISTS messages_seq ON messages(stream, seq);
-- Messages whose search text an import or save replaced, for the full-text indexer (ftsIndexer.ts).
CREATE TABLE IF NOT EXISTS fts_dirty(id INTEGER PRIMARY KEY AUTOINCREMENT, msg INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS convs(
  user_id TEXT NOT NULL, conv_type INTEGER NOT NULL, conv_id TEXT NOT NULL, stream TEXT NOT NULL,
  unread INTEGER NOT NULL DEFAULT 0, read_msg INTEGER NOT NULL DEFAULT 0, read_time INTEGER NOT NULL DEFAULT 0,
  pinned INTEGER NOT NULL DEFAULT 0, draft TEXT, draft_time INTEGER NOT NULL DEFAULT 0,
  active_time INTEGER NOT NULL DEFAULT 0, cleared_msg INTEGER NOT NULL DEFAULT 0, hidden INTEGER NOT NULL DEFAULT 0,
  peer_read_time INTEGER NOT NULL DEFAULT 0, at_info TEXT NOT NULL DEFAULT '[]',
  left_msg INTEGER NOT NULL DEFAULT 0, marks TEXT NOT NULL DEFAULT '0', left_join_msg INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(user_id, conv_type, conv_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS convs_stream ON convs(stream);
CREATE TABLE IF NOT EXISTS c2c_opts(user_id TEXT NOT NULL, peer TEXT NOT NULL, opt INTEGER NOT NULL,
  PRIMARY KEY(user_id, peer)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS user_hidden(user_id TEXT NOT NULL, msg INTEGER NOT NULL, kind INTEGER NOT NULL,
  PRIMARY KEY(user_id, msg)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dev_msgs(device_id INTEGER NOT NULL, msg INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0, pulled INTEGER NOT NULL DEFAULT 0, custom_str TEXT, custom_int INTEGER,
  PRIMARY KEY(device_id, msg)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dev_convs(device_id INTEGER NOT NULL, stream TEXT NOT NULL, cleared_msg INTEGER NOT NULL,
  PRIMARY KEY(device_id, stream)) WITHOUT ROWID;
-- A group; dismissed 1: dismissed by its owner (TIMGroupDelete), kept for its former members' conversations;
-- shutup_all 1: everyone but the owner and admins muted (TIMGroupModifyGroupInfo ShutupAll, groupMute.ts).
CREATE TABLE IF NOT EXISTS groups(
  group_id TEXT PRIMARY KEY, name TEXT NOT NULL, type INTEGER NOT NULL, owner TEXT NOT NULL,
  created INTEGER NOT NULL, face_url TEXT NOT NULL DEFAULT '', notification TEXT NOT NULL DEFAULT '',
  introduction TEXT NOT NULL DEFAULT '', add_option INTEGER NOT NULL DEFAULT 2, max_members INTEGER NOT NULL,
  info_seq INTEGER NOT NULL DEFAULT 1, dismissed INTEGER NOT NULL DEFAULT 0, shutup_all INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS members(
  group_id TEXT NOT NULL, user_id TEXT NOT NULL, role INTEGER NOT NULL, join_time INTEGER NOT NULL,
  join_msg INTEGER NOT NULL, recv_opt INTEGER NOT NULL DEFAULT 0, name_card TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(group_id, user_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS members_user ON members(user_id);
CREATE TABLE IF NOT EXISTS events(device_id INTEGER NOT NULL, seq INTEGER NOT NULL, frame TEXT NOT NULL,
  PRIMARY KEY(device_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blobs(id TEXT PRIMARY KEY, file TEXT NOT NULL, size INTEGER NOT NULL,
  kind INTEGER NOT NULL, owner_stream TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS merges(key TEXT PRIMARY KEY, json TEXT NOT NULL, stream TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS merge_access(key TEXT NOT NULL, stream TEXT NOT NULL, PRIMARY KEY(key, stream)) WITHOUT ROWID;
-- Message reactions (messages/reactions.ts): who reacted to a message with what. seq numbers a message's
-- reactions in the order they were added (from 1): the first users of a reaction, and the paging cursor.
CREATE TABLE IF NOT EXISTS reactions(msg INTEGER NOT NULL, reaction_id TEXT NOT NULL, user_id TEXT NOT NULL,
  seq INTEGER NOT NULL, PRIMARY KEY(msg, reaction_id, user_id)) WITHOUT ROWID;
-- Pinned group messages (messages/pins.ts): who pinned which message of a group, and when. seq numbers a
-- group's pins in the order they were made (from 1): the list shows the latest pinned first.
CREATE TABLE IF NOT EXISTS pinned(group_id TEXT NOT NULL, msg INTEGER NOT NULL, pinner TEXT NOT NULL,
  pin_time INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(group_id, msg)) WITHOUT ROWID;
-- Message read receipts (messages/receipts.ts): who reported having read a message that asked for
-- receipts (messages.need_receipt). seq numbers a message's readers in the order they reported (from 1).
CREATE TABLE IF NOT EXISTS receipts(msg INTEGER NOT NULL, user_id TEXT NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY(msg, user_id)) WITHOUT ROWID;
-- Applications to join a group that needs approval (groupJoin.ts, groupRequests.ts): add_time in server
-- seconds; undecided while decided_by is NULL (at most one undecided per applicant and group, which a
-- repeated application updates); accepted 1 or 0 once decided, with the decider's message and time.
CREATE TABLE IF NOT EXISTS group_requests(id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, applicant TEXT NOT NULL,
  add_time INTEGER NOT NULL, msg TEXT NOT NULL DEFAULT '', decided_by TEXT, accepted INTEGER NOT NULL DEFAULT 0,
  decision_msg TEXT NOT NULL DEFAULT '', decided_time INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS group_requests_group ON group_requests(group_id, add_time);
CREATE UNIQUE INDEX IF NOT EXISTS group_requests_undecided ON group_requests(group_id, applicant) WHERE decided_by IS NULL;
-- The time up to which a user reported the requests read (TIMGroupReportPendencyReaded): a uint64 as
-- decimal text (SQLite's integers are signed 64-bit).
CREATE TABLE IF NOT EXISTS pendency_reads(user_id TEXT PRIMARY KEY, read_time TEXT NOT NULL) WITHOUT ROWID;
-- User status subscriptions (TIMSubscribeUserStatus, userStatus.ts): user_id is told of target's changes.
-- seq numbers a user's subscriptions in the order they were last made (from 1): beyond 200 the lowest go.
CREATE TABLE IF NOT EXISTS status_subs(user_id TEXT NOT NULL, target TEXT NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY(user_id, target)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS status_subs_target ON status_subs(target);
-- Blocklists (TIMFriendshipAddToBlackList, blocklist.ts): user_id blocked \`blocked\` at add_time (server
-- seconds). seq numbers a user's blocks in the order they were made (from 1): the list shows the oldest
-- first, also among blocks of the same second. Older data dirs get the table from this CREATE IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS blocks(user_id TEXT NOT NULL, blocked TEXT NOT NULL, add_time INTEGER NOT NULL,
  seq INTEGER NOT NULL, PRIMARY KEY(user_id, blocked)) WITHOUT ROWID;
-- Muted group members (TIMGroupModifyMemberInfo ShutupTime, groupMuteStore.ts): user_id may not write in
-- group_id until muted_until (server seconds). Not part of members: a mute outlives leaving and joining
-- again. Older data dirs get the table from this CREATE IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS group_mutes(group_id TEXT NOT NULL, user_id TEXT NOT NULL, muted_until INTEGER NOT NULL,
  PRIMARY KEY(group_id, user_id)) WITHOUT ROWID;
-- Friend lists (TIMFriendshipAddFriend, friendStore.ts): user_id's list holds \`friend\`. One-way: a two-way
-- friendship is two rows. group_names is a JSON array of the friend list names, custom a JSON object of
-- the custom fields (Tag_SNS_Custom_ keys, in the order first set); add_time in server seconds. seq
-- numbers a user's entries in the order they were made (from 1): the list shows the oldest first.
CREATE TABLE IF NOT EXISTS friends(user_id TEXT NOT NULL, friend TEXT NOT NULL, remark TEXT NOT NULL DEFAULT '',
  group_names TEXT NOT NULL DEFAULT '[]', add_source TEXT NOT NULL DEFAULT '', add_wording TEXT NOT NULL DEFAULT '',
  add_time INTEGER NOT NULL, custom TEXT NOT NULL DEFAULT '{}', seq INTEGER NOT NULL, PRIMARY KEY(user_id, friend)) WITHOUT ROWID;
-- Friend requests waiting for their target (TIMFriendshipAddFriend to a NeedConfirm user, friendStore.ts):
-- at most one per requester and target, which a repeated request replaces with a new id (ids only grow:
-- AUTOINCREMENT, so the id is the paging seq, newest highest). remark and group_name are the requester's
-- presets for their entry of the target once accepted; add_time in server seconds.
CREATE TABLE IF NOT EXISTS friend_requests(id INTEGER PRIMARY KEY AUTOINCREMENT, requester TEXT NOT NULL,
  target TEXT NOT NULL, add_time INTEGER NOT NULL, wording TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',
  remark TEXT NOT NULL DEFAULT '', group_name TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX IF NOT EXISTS friend_requests_pair ON friend_requests(requester, target);
CREATE INDEX IF NOT EXISTS friend_requests_target ON friend_requests(target, id);
-- The time up to which a user reported their incoming friend requests read (TIMFriendshipReportPendencyReaded):
-- a uint64 as decimal text (SQLite's integers are signed 64-bit). Apart from pendency_reads, which is the
-- group join requests' read time: the SDK keeps the two separately.
CREATE TABLE IF NOT EXISTS friend_request_reads(user_id TEXT PRIMARY KEY, read_time TEXT NOT NULL) WITHOUT ROWID;
`;

export const DB_FILE = 'tim-emulator.db';

/** Opens (creating when needed) the database in `dataDir`. */
export type Durability = 'full' | 'normal';

export function openDatabase(dataDir: string, durability: Durability = 'full'): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  // A send is acknowledged only after its transaction commits. FULL (the default) fsyncs the WAL at
  // every commit, so an acknowledged message survives power loss too; NORMAL survives a killed process
  // but not a crashed machine, and saves the fsync. Group commit amortises either over a batch.
  db.pragma(durability === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = memory');
  // New tables (join requests, their read times) come with SCHEMA's CREATE IF NOT EXISTS in older data dirs too.
  db.exec(SCHEMA);
  // Versions before 2026-11-26 kept the full-text index in this file; it now has its own, rebuilt from
  // the message rows (ftsIndexer.ts).
  db.exec('DROP TABLE IF EXISTS main.messages_fts');
  const convColumns = db.prepare("SELECT name FROM pragma_table_info('convs')").all() as Array<{ name: string }>;
  if (!convColumns.some((c) => c.name === 'at_info')) {
    db.exec("ALTER TABLE convs ADD COLUMN at_info TEXT NOT NULL DEFAULT '[]'");
  }
  // The last message of a group a user left (quit or was removed): their conversation shows nothing newer.
  if (!convColumns.some((c) => c.name === 'left_msg')) {
    db.exec('ALTER TABLE convs ADD COLUMN left_msg INTEGER NOT NULL DEFAULT 0');
  }
  // The user's conversation marks (TIMConvMarkConversation, convMarks.ts): a uint64 bit set, as decimal
  // text (SQLite's integers are signed 64-bit).
  if (!convColumns.some((c) => c.name === 'marks')) {
    db.exec("ALTER TABLE convs ADD COLUMN marks TEXT NOT NULL DEFAULT '0'");
  }
  // The join point (members.join_msg) of the membership that left_msg ended: a former member's local
  // history (TIMMsgGetMsgList, messages/history.ts) starts after it. Groups already left in an older data
  // directory get -1 (not known): they answer as before, 10007 / 10010 (access.ts formerMembership).
  if (!convColumns.some((c) => c.name === 'left_join_msg')) {
    db.exec('ALTER TABLE convs ADD COLUMN left_join_msg INTEGER NOT NULL DEFAULT 0');
    db.exec('UPDATE convs SET left_join_msg = -1 WHERE left_msg > 0');
  }
  // Profile fields beyond nick and face (TIMProfileModifySelfUserProfile, profiles.ts).
  const userColumns = db.prepare("SELECT name FROM pragma_table_info('users')").all() as Array<{ name: string }>;
  if (!userColumns.some((c) => c.name === 'gender')) {
    db.exec('ALTER TABLE users ADD COLUMN gender INTEGER NOT NULL DEFAULT 0');
    db.exec("ALTER TABLE users ADD COLUMN signature TEXT NOT NULL DEFAULT ''");
    db.exec("ALTER TABLE users ADD COLUMN custom TEXT NOT NULL DEFAULT '{}'");
  }
  // The custom status of TIMSetSelfStatus (userStatus.ts); the subscriptions come with SCHEMA's status_subs.
  if (!userColumns.some((c) => c.name === 'custom_status')) {
    db.exec("ALTER TABLE users ADD COLUMN custom_status TEXT NOT NULL DEFAULT ''");
  }
  // Who may add the user as a friend (friends.ts): existing accounts get the default, NeedConfirm (2); the
  // friend tables come with SCHEMA's CREATE IF NOT EXISTS.
  if (!userColumns.some((c) => c.name === 'add_permission')) {
    db.exec('ALTER TABLE users ADD COLUMN add_permission INTEGER NOT NULL DEFAULT 2');
  }
  // A group its owner dismissed (TIMGroupDelete, groupDismiss.ts): the row stays for its former members'
  // conversations (name, type), and access.ts treats it as no such group.
  const groupColumns = db.prepare("SELECT name FROM pragma_table_info('groups')").all() as Array<{ name: string }>;
  if (!groupColumns.some((c) => c.name === 'dismissed')) {
    db.exec('ALTER TABLE groups ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0');
  }
  // A group muted for everyone but its owner and admins (groupMute.ts): read with the group row that a
  // send's membership check reads anyway (access.ts), so it costs the send path no query.
  if (!groupColumns.some((c) => c.name === 'shutup_all')) {
    db.exec('ALTER TABLE groups ADD COLUMN shutup_all INTEGER NOT NULL DEFAULT 0');
  }
  // Whether a message asked for read receipts (message_need_read_receipt), written by the send's own
  // INSERT. Older data dirs: the flag is read once from the stored bodies.
  const messageColumns = db.prepare("SELECT name FROM pragma_table_info('messages')").all() as Array<{ name: string }>;
  if (!messageColumns.some((c) => c.name === 'need_receipt')) {
    db.exec('ALTER TABLE messages ADD COLUMN need_receipt INTEGER NOT NULL DEFAULT 0');
    db.exec(`UPDATE messages SET need_receipt = 1 WHERE local_device = 0 AND body LIKE '%"message_need_read_receipt":true%'`);
  }
  return db;
}
