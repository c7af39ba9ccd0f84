/**
 * Who may touch what: a user reaches a C2C conversation only as one of its two parties and a group
 * conversation only while a member; the visibility floors (joined at, history cleared at) of each.
 * A dismissed group (groups.dismissed) is no group here: every check answers 10010 for it.
 * The one exception is TIMMsgGetMsgList (messages/history.ts), which reads a former member's local
 * history through formerMembership.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { ApiError, Err, syncParamError } from './apiError';
import { C2C, GROUP, c2cParties, groupStream, c2cStream } from './messageModel';

export interface ConvRef {
  readonly convType: number;
  /** The id as the user sees it: the peer for C2C, the group id for groups. */
  readonly convId: string;
  readonly stream: string;
  /** TIMGroupType of a group conversation, when the check that made this ref read the group anyway (conv). */
  readonly groupType?: number;
  /** The user's TIMGroupMemberRole in a group conversation, when that check read their member row (conv). */
  readonly role?: number;
  /** Whether that group is muted for everyone but its owner and admins (groups.shutup_all; conv). */
  readonly shutupAll?: boolean;
}

export interface Floors {
  /** Messages with a row id at or below this are not the user's (joined later / roaming cleared). */
  readonly roaming: number;
  /** The same for the device's local store (local clear). */
  readonly local: number;
}

export class Access {
  private readonly member: Statement;
  private readonly group: Statement;
  private readonly groupId: Statement;
  private readonly userCleared: Statement;
  private readonly devCleared: Statement;
  private readonly former: Statement;

  constructor(db: Db) {
    this.member = db.prepare('SELECT role, join_msg, recv_opt FROM members WHERE group_id = ? AND user_id = ?');
    this.group = db.prepare('SELECT * FROM groups WHERE group_id = ? AND dismissed = 0');
    this.groupId = db.prepare('SELECT 1 FROM groups WHERE group_id = ?');
    this.userCleared = db.prepare('SELECT cleared_msg FROM convs WHERE user_id = ? AND conv_type = ? AND conv_id = ?');
    this.devCleared = db.prepare('SELECT cleared_msg FROM dev_convs WHERE device_id = ? AND stream = ?');
    this.former = db.prepare(
      'SELECT left_msg, left_join_msg FROM convs WHERE user_id = ? AND conv_type = 2 AND conv_id = ? AND left_msg > 0 AND left_join_msg >= 0 AND hidden = 0',
    );
  }

  /** Checks the C arguments (a synchronous -4 like the SDK) and the caller's right to the conversation. */
  conv(userId: string, convId: string, convType: number): ConvRef {
    if (convId.length === 0 || (convType !== C2C && convType !== GROUP)) {
      throw syncParamError('conv_id must be non-empty and conv_type C2C (1) or Group (2)');
    }
    if (convType === C2C) {
      return { convType, convId, stream: c2cStream(userId, convId) };
    }
    const { group, member } = this.groupAndMember(convId, userId);
    // The role and the group-wide mute come with the rows read anyway: the send path's mute check (groupMute.ts) costs no query.
    return { convType, convId, stream: groupStream(convId), groupType: group.type, role: member.role, shutupAll: group.shutup_all === 1 };
  }

  /** The group, or undefined when there is no such group or it was dismissed. */
  groupRow(groupId: string): GroupRow | undefined {
    return this.group.get(groupId) as GroupRow | undefined;
  }

  /**
   * Whether a group has ever had this id, dismissed ones included: a dismissed group's id stays taken,
   * since its former members' conversations still go by it.
   */
  groupIdInUse(groupId: string): boolean {
    return this.groupId.get(groupId) !== undefined;
  }

  memberRow(groupId: string, userId: string): MemberRow | undefined {
    return this.member.get(groupId, userId) as MemberRow | undefined;
  }

  requireMember(groupId: string, userId: string): MemberRow {
    return this.groupAndMember(groupId, userId).member;
  }

  /** The group and the user's member row: 10010 when there is no such group, 10007 for a non-member. */
  private groupAndMember(groupId: string, userId: string): { group: GroupRow; member: MemberRow } {
    const group = this.groupRow(groupId);
    if (group === undefined) {
      throw new ApiError(Err.GROUP_NOT_FOUND, `group ${groupId} does not exist`);
    }
    const member = this.memberRow(groupId, userId);
    if (member === undefined) {
      throw new ApiError(Err.GROUP_PERMISSION_DENY, `${userId} is not a member of group ${groupId}`);
    }
    return { group, member };
  }

  /** The conversation a stored message belongs to, as `userId` sees it, or undefined when not theirs. */
  convOfStream(stream: string, userId: string): ConvRef | undefined {
    const parties = c2cParties(stream);
    if (parties !== undefined) {
      if (parties[0] !== userId && parties[1] !== userId) {
        return undefined;
      }
      const peer = parties[0] === userId ? parties[1] : parties[0];
      return { convType: C2C, convId: peer, stream };
    }
    const groupId = stream.slice('group:'.length);
    if (this.memberRow(groupId, userId) === undefined) {
      return undefined;
    }
    return { convType: GROUP, convId: groupId, stream };
  }

  /**
   * The membership of `groupId` that `userId` had and lost (quit, removed, or the group dismissed), while
   * the conversation stays in their list: the messages that were theirs, above `joinMsg` up to `leftMsg`.
   * Undefined for a current member of a live group, a group never joined, a conversation deleted since
   * (TIMConvDelete: the SDK deletes its messages with it), or one left before the emulator recorded
   * where it left (convs.left_msg 0) or where that membership began (convs.left_join_msg -1): older data
   * directories.
   */
  formerMembership(userId: string, groupId: string): FormerMembership | undefined {
    if (this.groupRow(groupId) !== undefined && this.memberRow(groupId, userId) !== undefined) {
      return undefined;
    }
    const row = this.former.get(userId, groupId) as { left_msg: number; left_join_msg: number } | undefined;
    return row === undefined ? undefined : { leftMsg: row.left_msg, joinMsg: row.left_join_msg };
  }

  floors(userId: string, deviceId: number, conv: ConvRef): Floors {
    const joined = conv.convType === GROUP ? (this.memberRow(conv.convId, userId)?.join_msg ?? 0) : 0;
    const user = (this.userCleared.get(userId, conv.convType, conv.convId) as { cleared_msg: number } | undefined)?.cleared_msg ?? 0;
    const dev = (this.devCleared.get(deviceId, conv.stream) as { cleared_msg: number } | undefined)?.cleared_msg ?? 0;
    return { roaming: Math.max(joined, user), local: Math.max(joined, dev) };
  }
}

export interface GroupRow {
  readonly group_id: string;
  readonly name: string;
  readonly type: number;
  readonly owner: string;
  readonly created: number;
  readonly face_url: string;
  readonly notification: string;
  readonly introduction: string;
  readonly add_option: number;
  readonly max_members: number;
  readonly info_seq: number;
  /** 1 while everyone but the owner and admins is muted (groupMute.ts). */
  readonly shutup_all: number;
}

export interface FormerMembership {
  /** The last message the user got as a member (convs.left_msg). */
  readonly leftMsg: number;
  /** The membership's join point (convs.left_join_msg): messages at or below it were never theirs. */
  readonly joinMsg: number;
}

export interface MemberRow {
  readonly role: number;
  readonly join_msg: number;
  readonly recv_opt: number;
}
