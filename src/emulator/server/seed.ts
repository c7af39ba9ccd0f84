/**
 * `tim-emulator seed <file>`: demo data (users, groups, C2C and group messages) written straight into a
 * data dir, through the same delivery code as live sends, so conversations, unread counts and seqs are
 * as if the messages had been sent.
 *
 * File format (JSON):
 *   { "users":    [{ "id": "alice", "nick": "Alice" }],
 *     "groups":   [{ "id": "team", "name": "Team", "type": 2, "owner": "alice", "members": ["bob"] }],
 *     "messages": [{ "from": "alice", "to": "bob", "text": "hi" },
 *                  { "from": "bob", "group": "team", "text": "hello" },
 *                  { "from": "alice", "group": "team", "text": "@Bob welcome", "mentions": ["bob"], "replyTo": 1 }] }
 * `mentions` (group messages) are the user ids it @-mentions; `replyTo` is the index in "messages" of an
 * earlier message this one answers, written as Tencent's TUIKit writes a reply (src/tim/tuikitReply.ts);
 * `reactions` ({ "👍": ["bob", "carol"] }) are the message's reactions and who added them, in that
 * order, each user a participant of the conversation (TIMMsgAddMessageReaction's limits apply);
 * `pinnedBy` ("alice", group messages) pins the message as that user, an owner or admin of the group
 * (TIMPinGroupMessage's checks apply; later messages are pinned later, so they list first);
 * `needReadReceipt` (true) sends the message asking for read receipts (not in AVChatRoom and Community
 * groups) and `readBy` (["bob"]) lists who reported having read it, in that order: participants of the
 * conversation other than its sender, each once. A user's `marks` ({ "c2c_carol": 1 }) marks their
 * conversations, after the messages, as TIMConvMarkConversation sets them (conversation id to the mark
 * bits, a positive uint64; the conversation must be in the user's list).
 * A group's `addOption` (0 Forbid, 1 Auth, 2 Any; default 2) is its TIMGroupAddOption, and its
 * `joinRequests` ([{ "user": "erin", "msg": "I maintain the parser" }], after its members) are undecided
 * applications to join, made as TIMGroupJoin makes them (groupJoin.ts): the group must take them (addOption
 * 1, type 0 Public or 5 Community) and the user must not be a member; the owner's devices logged in from
 * an earlier run get the AddRequest group report, stored for their replay.
 * A user's `friends` (["bob"]) are two-way friendships, and the file's `friendRequests`
 * ([{ "from": "erin", "to": "alice", "wording": "Let's connect" }]) friend requests waiting for their
 * target, made as TIMFriendshipAddFriend makes them (seedFriends.ts).
 */
import { readFileSync } from 'node:fs';
import type { GroupRow } from './access';
import { parseTimJson } from '../../tim/json';
import { TIMElemType } from '../../tim/enums';
import { replyAbstractOf, replyCloudData } from '../../tim/tuikitReply';
import { threadRootOf, withThreadReply } from '../../tim/tuikitThread';
import { isObject, type JsonObject } from './args';
import type { Ctx, Session } from './context';
import { openEmulator } from './core';
import { Elem } from './elements';
import { AddOption, GroupType, Role, addMember } from './groups';
import { friendRequestsOf, friendsOf, seedFriendRequests, seedFriendships } from './seedFriends';
import { applyToJoin, joinableGroup, needsApproval } from './groupJoin';
import { ApiError } from './apiError';
import { markConversation } from './convMarks';
import { C2C, GROUP, type MessageRow, messageIdOf, randomUint32, streamOf } from './messageModel';
import { storeNewVersion } from './messages/modify';
import { pinMessage } from './messages/pins';
import { groupTakesReceipts, storeReceipt } from './messages/receipts';
import { reactionIdOf, storeReaction } from './messages/reactions';

export interface SeedSummary {
  readonly users: number;
  readonly groups: number;
  readonly messages: number;
}

function list(doc: JsonObject, key: string): JsonObject[] {
  const value = doc[key];
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw new Error(`seed: "${key}" must be an array of objects`);
  }
  return value;
}

function str(item: JsonObject, key: string, where: string): string {
  const value = item[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`seed: ${where} needs a non-empty "${key}"`);
  }
  return value;
}

function mentionsOf(message: JsonObject, index: number, inGroup: boolean): string[] {
  const value = message.mentions;
  if (value === undefined) {
    return [];
  }
  if (!inGroup || !Array.isArray(value) || !value.every((id) => typeof id === 'string' && id.length > 0)) {
    throw new Error(`seed: message ${index} "mentions" must be user ids, in a group message`);
  }
  return value as string[];
}

/** A message's `reactions`, checked: reaction id to the users who added it, each one who sees `stream`. */
function seedReactions(ctx: Ctx, message: JsonObject, index: number, stream: string): Array<[string, string[]]> {
  const value = message.reactions;
  if (value === undefined) {
    return [];
  }
  const where = `seed: message ${index} "reactions"`;
  if (!isObject(value)) {
    throw new Error(`${where} must map reaction ids to arrays of user ids`);
  }
  return Object.entries(value).map(([id, users]) => {
    if (!Array.isArray(users) || !users.every((user) => typeof user === 'string' && user.length > 0)) {
      throw new Error(`${where} must map reaction ids to arrays of user ids`);
    }
    for (const user of users as string[]) {
      if (ctx.emu.access.convOfStream(stream, user) === undefined) {
        throw new Error(`${where}: ${user} is not a participant of the message's conversation, so cannot react with ${id}`);
      }
    }
    return [id, users as string[]];
  });
}

/** A message's `pinnedBy`: the user who pins it, in a group message. */
function pinnerOf(message: JsonObject, index: number, inGroup: boolean): string | undefined {
  const value = message.pinnedBy;
  if (value === undefined) {
    return undefined;
  }
  if (!inGroup || typeof value !== 'string' || value.length === 0) {
    throw new Error(`seed: message ${index} "pinnedBy" must be a user id, in a group message`);
  }
  return value;
}

/**
 * A message's `needReadReceipt` and `readBy`, checked: whether it asks for read receipts, and who read
 * it (participants of `stream` other than the sender, each once, only on a message that asks).
 */
function seedReceipts(ctx: Ctx, message: JsonObject, index: number, stream: string, from: string): { need: boolean; readers: string[] } {
  const where = `seed: message ${index}`;
  const need = message.needReadReceipt ?? false;
  if (typeof need !== 'boolean') {
    throw new Error(`${where} "needReadReceipt" must be true or false`);
  }
  const groupId = stream.startsWith('group:') ? stream.slice('group:'.length) : undefined;
  const group = groupId === undefined ? undefined : ctx.emu.access.groupRow(groupId);
  if (need && group !== undefined && !groupTakesReceipts(group.type)) {
    throw new Error(`${where} "needReadReceipt": group ${groupId} (type ${group.type}) takes no read receipts, as AVChatRoom and Community groups do not`);
  }
  const value = message.readBy ?? [];
  if (!Array.isArray(value) || !value.every((user) => typeof user === 'string' && user.length > 0)) {
    throw new Error(`${where} "readBy" must be an array of user ids`);
  }
  const readers = value as string[];
  if (readers.length > 0 && !need) {
    throw new Error(`${where} "readBy" needs "needReadReceipt": true`);
  }
  for (const [i, user] of readers.entries()) {
    if (user === from) {
      throw new Error(`${where} "readBy": ${user} sent the message, so cannot report reading it`);
    }
    if (ctx.emu.access.convOfStream(stream, user) === undefined) {
      throw new Error(`${where} "readBy": ${user} is not a participant of the message's conversation`);
    }
    if (readers.indexOf(user) !== i) {
      throw new Error(`${where} "readBy": ${user} is listed twice`);
    }
  }
  return { need, readers };
}

/** A user's `marks`, checked: conversation ids with their mark bits, each a positive uint64. */
function marksOf(user: JsonObject, userId: string): Array<[string, bigint]> {
  const value = user.marks;
  if (value === undefined) {
    return [];
  }
  const where = `seed: user ${userId} "marks"`;
  if (!isObject(value)) {
    throw new Error(`${where} must map conversation ids ("c2c_<user>", "group_<group>") to mark bits`);
  }
  return Object.entries(value).map(([convId, bits]) => {
    const marks = typeof bits === 'bigint' ? bits : typeof bits === 'number' && Number.isSafeInteger(bits) ? BigInt(bits) : -1n;
    if (marks <= 0n || marks >= 1n << 64n) {
      throw new Error(`${where}: the marks of ${convId} must be a positive uint64`);
    }
    return [convId, marks];
  });
}

/** A group's `addOption`, checked: a TIMGroupAddOption, or undefined when not given. */
function addOptionOf(group: JsonObject, groupId: string): number | undefined {
  const value = group.addOption;
  if (value !== undefined && !Object.values(AddOption).includes(value as 0)) {
    throw new Error(`seed: group ${groupId} "addOption" must be 0 (Forbid), 1 (Auth) or 2 (Any)`);
  }
  return value as number | undefined;
}

/** A group's `joinRequests`, checked: who applies, with what message. */
function joinRequestsOf(group: JsonObject, groupId: string): Array<{ user: string; msg: string }> {
  const value = group.joinRequests ?? [];
  const where = `seed: group ${groupId} "joinRequests"`;
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw new Error(`${where} must be an array of { "user": ..., "msg": ... } objects`);
  }
  return value.map((request, index) => {
    if (typeof request.user !== 'string' || request.user.length === 0 || (request.msg !== undefined && typeof request.msg !== 'string')) {
      throw new Error(`${where} ${index} needs a non-empty "user" and, optionally, a string "msg"`);
    }
    return { user: request.user, msg: (request.msg as string | undefined) ?? '' };
  });
}

/** Stores a group's join requests through TIMGroupJoin's own checks and code. */
function seedJoinRequests(ctx: Ctx, groupId: string, requests: ReadonlyArray<{ user: string; msg: string }>): void {
  for (const { user, msg } of requests) {
    ctx.emu.model.ensureUser(user);
    let group: GroupRow;
    try {
      group = joinableGroup(ctx, groupId, user);
    } catch (error: unknown) {
      throw error instanceof ApiError ? new Error(`seed: group ${groupId} "joinRequests" ${user}: ${error.desc}`) : error;
    }
    if (!needsApproval(group)) {
      throw new Error(`seed: group ${groupId} "joinRequests": joining it needs no approval, so it takes no requests (it needs "addOption": 1 and "type" 0 Public or 5 Community)`);
    }
    applyToJoin(ctx, group, user, msg);
  }
}

interface SeededMessage {
  readonly msgId: string;
  /** Its row in `messages`. */
  readonly rowId: number;
  readonly stream: string;
  readonly from: string;
  readonly text: string;
  readonly cloud?: string;
}

/** The reply data of a message that answers an earlier seeded one of its conversation (`replyTo`: its index). */
function replyOf(message: JsonObject, index: number, stream: string, seeded: readonly SeededMessage[], nick: (userId: string) => string): string | undefined {
  const target = message.replyTo;
  if (target === undefined) {
    return undefined;
  }
  if (typeof target !== 'number' || !Number.isInteger(target) || target < 0 || target >= index || seeded[target].stream !== stream) {
    throw new Error(`seed: message ${index} "replyTo" must be the index of an earlier message in its conversation`);
  }
  const quoted = seeded[target];
  const original = { message_msg_id: quoted.msgId, message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: quoted.text }], message_cloud_custom_str: quoted.cloud };
  return replyCloudData(original, nick(quoted.from), replyAbstractOf(quoted.text));
}

/**
 * Lists a seeded reply on its thread's root, as the replier's TUIKit app or TIM Chat does once a reply
 * is sent (src/tim/tuikitThread.ts): the root's next version carries it in `messageReplies`.
 */
function listOnThreadRoot(ctx: Ctx, seeded: readonly SeededMessage[], reply: MessageRow, from: string, text: string, cloud: string): void {
  const rootId = threadRootOf({ message_cloud_custom_str: cloud });
  const root = seeded.find((m) => m.msgId === rootId);
  const rootRow = root === undefined ? undefined : ctx.emu.model.row(root.rowId);
  if (rootRow === undefined) {
    return;
  }
  const stored = ctx.emu.model.view(rootRow, rootRow.sender, 0);
  const listed = withThreadReply(
    typeof stored.message_cloud_custom_str === 'string' ? stored.message_cloud_custom_str : undefined,
    { message_msg_id: reply.msg_id, message_sender: from, message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: text }], message_server_time: reply.server_time, message_seq: reply.seq },
    replyAbstractOf(text),
  );
  storeNewVersion(ctx.emu, rootRow, { ...stored, message_cloud_custom_str: listed }, rootRow.search_text);
}

/**
 * A message id (sender-time-rand, as a client makes them) not in `used`, which it joins. Thousands of one
 * sender's seeded messages share a second, so their 32-bit rands met about once in a hundred seeds of the
 * demo's 10,000 messages, and the seed failed on the repeated id.
 */
export function unusedMessageId(used: Set<string>, tinyId: string, time: number, draw: () => number = randomUint32): { rand: number; msgId: string } {
  for (;;) {
    const rand = draw();
    const msgId = messageIdOf(tinyId, time, rand);
    if (!used.has(msgId)) {
      used.add(msgId);
      return { rand, msgId };
    }
  }
}

export async function seedDataDir(dataDir: string, file: string): Promise<SeedSummary> {
  const doc = parseTimJson(readFileSync(file, 'utf8'));
  if (!isObject(doc)) {
    throw new Error('seed: the file must hold a JSON object');
  }
  const core = openEmulator(dataDir);
  const { emu } = core;
  const session: Session = {
    initialized: true, sdkAppId: core.app.sdkAppId, configPath: '', loginStatus: 1, userId: '', deviceId: 0, lastEventSeq: 0, resume: false,
    sink: { pushFrame: () => undefined }, kick: () => undefined,
  };
  const ctx: Ctx = { emu, session, api: 'seed' };
  const users = list(doc, 'users');
  const groups = list(doc, 'groups');
  const messages = list(doc, 'messages');
  const friendRequests = friendRequestsOf(doc);
  try {
    await emu.queue.enqueue(() => {
      for (const user of users) {
        const id = str(user, 'id', 'a user');
        emu.model.ensureUser(id, typeof user.nick === 'string' ? user.nick : '');
        if (typeof user.nick === 'string') {
          emu.db.prepare('UPDATE users SET nick = ? WHERE user_id = ?').run(user.nick, id);
          emu.model.forgetProfile(id);
        }
      }
      // Every user exists by now: friendships, then the requests (whose checks read them).
      for (const user of users) {
        const id = str(user, 'id', 'a user');
        seedFriendships(emu, id, friendsOf(user, id));
      }
      seedFriendRequests(emu, friendRequests);
      for (const group of groups) {
        const id = str(group, 'id', 'a group');
        const owner = str(group, 'owner', `group ${id}`);
        const type = typeof group.type === 'number' ? group.type : GroupType.CHATROOM;
        const addOption = addOptionOf(group, id);
        const joinRequests = joinRequestsOf(group, id);
        emu.model.ensureUser(owner);
        if (emu.access.groupRow(id) === undefined && emu.access.groupIdInUse(id)) {
          // Its former members' conversations still go by the id, as TIMGroupCreate refuses it (10021).
          throw new Error(`seed: group ${id} was dismissed; its id stays in use`);
        }
        if (emu.access.groupRow(id) === undefined) {
          emu.db
            .prepare('INSERT INTO groups(group_id, name, type, owner, created, max_members) VALUES (?, ?, ?, ?, ?, ?)')
            .run(id, typeof group.name === 'string' ? group.name : id, type, owner, emu.serverTime(), 2000);
          addMember(ctx, id, owner, Role.OWNER);
        }
        if (addOption !== undefined) {
          emu.db.prepare('UPDATE groups SET add_option = ? WHERE group_id = ?').run(addOption, id);
        }
        for (const member of Array.isArray(group.members) ? group.members : []) {
          if (typeof member === 'string' && emu.access.memberRow(id, member) === undefined) {
            emu.model.ensureUser(member);
            addMember(ctx, id, member, Role.NORMAL);
          }
        }
        seedJoinRequests(ctx, id, joinRequests);
      }
      const seeded: SeededMessage[] = [];
      const seededIds = new Set<string>();
      for (const [index, message] of messages.entries()) {
        const from = str(message, 'from', 'a message');
        const content = str(message, 'text', 'a message');
        const group = typeof message.group === 'string' ? message.group : undefined;
        const to = group ?? str(message, 'to', 'a C2C message');
        const convType = group === undefined ? C2C : GROUP;
        if (convType === C2C) {
          emu.model.ensureUser(to);
        } else if (emu.access.memberRow(to, from) === undefined) {
          throw new Error(`seed: ${from} is not a member of ${to}`);
        }
        const now = emu.serverTime();
        const { rand, msgId } = unusedMessageId(seededIds, emu.model.ensureUser(from), now);
        // As a send from the client carries it, so the seeded history shows nicknames, not user ids.
        const profile = emu.model.profile(from);
        const senderProfile = { user_profile_identifier: from, user_profile_nick_name: profile?.nick ?? '', user_profile_face_url: profile?.face_url ?? '' };
        const mentions = mentionsOf(message, index, convType === GROUP);
        const stream = streamOf(convType, from, to);
        const cloud = replyOf(message, index, stream, seeded, (userId) => emu.model.profile(userId)?.nick || userId);
        const reactions = seedReactions(ctx, message, index, stream);
        const pinner = pinnerOf(message, index, convType === GROUP);
        const receipts = seedReceipts(ctx, message, index, stream, from);
        const row = emu.delivery.deliver({
          stream,
          convType,
          convId: to,
          sender: from,
          senderDevice: 0,
          msgId,
          rand,
          serverTime: now,
          elemType: Elem.TEXT,
          searchText: content,
          noUnread: false,
          body: {
            message_elem_array: [{ elem_type: Elem.TEXT, text_elem_content: content }], message_client_time: now, message_priority: 1, message_platform: 0, message_sender_profile: senderProfile,
            ...(mentions.length > 0 ? { message_group_at_user_array: mentions } : {}),
            ...(cloud ? { message_cloud_custom_str: cloud } : {}),
            ...(receipts.need ? { message_need_read_receipt: true } : {}),
          },
        });
        seeded.push({ msgId, rowId: row.id, stream, from, text: content, ...(cloud ? { cloud } : {}) });
        if (cloud) {
          listOnThreadRoot(ctx, seeded, row, from, content, cloud);
        }
        for (const reader of receipts.readers) {
          storeReceipt(emu.db, row.id, reader);
        }
        for (const [id, reactors] of reactions) {
          for (const user of reactors) {
            try {
              storeReaction(emu.db, row.id, reactionIdOf(id), user);
            } catch (error: unknown) {
              throw error instanceof ApiError ? new Error(`seed: message ${index} "reactions" ${id}: ${error.desc}`) : error;
            }
          }
        }
        if (pinner !== undefined) {
          try {
            pinMessage(ctx, to, row, pinner);
          } catch (error: unknown) {
            throw error instanceof ApiError ? new Error(`seed: message ${index} "pinnedBy" ${pinner}: ${error.desc}`) : error;
          }
        }
      }
      for (const user of users) {
        const id = str(user, 'id', 'a user');
        for (const [convId, marks] of marksOf(user, id)) {
          try {
            markConversation(ctx, id, convId, marks, true);
          } catch (error: unknown) {
            throw error instanceof ApiError ? new Error(`seed: user ${id} "marks" ${convId}: ${error.desc}`) : error;
          }
        }
      }
    });
  } finally {
    core.queue.close();
    core.db.close();
  }
  return { users: users.length, groups: groups.length, messages: messages.length };
}
