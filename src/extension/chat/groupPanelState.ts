/**
 * What a group chat's panel shows of the group besides its messages: its notice, whether the group is
 * closed to the user (dismissed, or they are no longer a member) and whether they may write right now
 * (muted until some time, or only the owner and admins write). Read again whenever the panel asks
 * (a sign-in, a group tip); `changed` is called when anything the panel shows changed.
 */
import { errorMessage } from '../../shared/errorMessage';
import type { ChatPanelInfo } from '../../shared/chatModel';
import type { TimClient } from '../../tim/client';
import { TIMGroupMemberRole, TIMGroupType } from '../../tim/enums';
import { TimErrorCode } from '../../tim/errorCodes';
import { TimError } from '../../tim/errors';
import type { OwnMembership } from '../conversations/groupMembers';
import { readGroupInfo } from '../conversations/groupProfile';
import { log } from '../log';

/**
 * Group types whose member list tells whether the user is in: live-broadcast groups and communities
 * list their members partly or not at all, so a user missing from the list may still be in them.
 */
const MEMBERSHIP_TYPES: ReadonlySet<number> = new Set([TIMGroupType.Public, TIMGroupType.Private, TIMGroupType.ChatRoom]);

export class GroupPanelState {
  private notice = '';
  private closedAs: ChatPanelInfo['closed'];
  private membership: OwnMembership | undefined;
  private shutupAll = false;
  /** The muting the panel was last told, to tell it only of changes. */
  private shownMuting = '';

  constructor(
    private readonly groupId: string,
    private readonly changed: () => void,
  ) {}

  get closed(): ChatPanelInfo['closed'] {
    return this.closedAs;
  }

  /** Forgets what was read (another sign-in); the caller tells the panel. */
  reset(): void {
    this.notice = '';
    this.closedAs = undefined;
    this.membership = undefined;
    this.shutupAll = false;
    this.shownMuting = '';
  }

  /**
   * Reads the group's notice again, whether it is muted for everyone, and whether the user may still write
   * in it (their membership, read by the caller); failures are only logged.
   */
  read(client: TimClient, membership: Promise<OwnMembership | undefined>): void {
    readGroupInfo(client, this.groupId)
      .then((info) => {
        const notice = info.group_detail_info_notification ?? '';
        this.shutupAll = info.group_detail_info_is_shutup_all === true;
        if (notice !== this.notice) {
          this.notice = notice;
          this.changed();
        }
        this.notifyIfMutingChanged();
        if (MEMBERSHIP_TYPES.has(info.group_detail_info_group_type)) {
          this.applyMembership(membership);
        }
      })
      .catch((error: unknown) => {
        if (error instanceof TimError && error.code === TimErrorCode.ERR_SVR_GROUP_NOT_FOUND) {
          // Dismissed while this panel was closed.
          this.setClosed('dismissed');
          return;
        }
        log().info(`notice of ${this.groupId} not read: ${errorMessage(error)}`);
      });
  }

  /**
   * Whether the user is still a member, from their membership as read (removed, or left on another
   * device: the panel takes no new messages; added again: it does), and whether they are muted. Failures
   * are only logged.
   */
  private applyMembership(membership: Promise<OwnMembership | undefined>): void {
    membership
      .then((member) => {
        this.membership = member;
        if (member === undefined) {
          this.setClosed('notMember');
        } else if (this.closedAs === 'notMember') {
          this.setClosed(undefined);
        }
        this.notifyIfMutingChanged();
      })
      .catch((error: unknown) => log().info(`membership in ${this.groupId} not read: ${errorMessage(error)}`));
  }

  /**
   * Why the user cannot write in the group right now, from what was last read: muted until some time
   * (the panel reopens the composer then), or only the owner and admins write. TIM decides each send
   * anyway (10017); this only says so before the user types.
   */
  private muting(): ChatPanelInfo['muted'] {
    const member = this.membership;
    if (member === undefined) {
      return undefined;
    }
    if (member.mutedUntil * 1000 > Date.now()) {
      return { mutedUntil: member.mutedUntil };
    }
    return this.shutupAll && member.role < TIMGroupMemberRole.Admin ? { onlyAdmins: true } : undefined;
  }

  private notifyIfMutingChanged(): void {
    const now = JSON.stringify(this.muting() ?? null);
    if (now !== this.shownMuting) {
      this.shownMuting = now;
      this.changed();
    }
  }

  /** A dismissal is final: nothing reopens the group. */
  setClosed(closed: ChatPanelInfo['closed']): void {
    if (closed !== this.closedAs && this.closedAs !== 'dismissed') {
      this.closedAs = closed;
      this.changed();
    }
  }

  /** The panel info's group part. */
  info(): Pick<ChatPanelInfo, 'notice' | 'closed' | 'muted'> {
    const muted = this.muting();
    return { notice: this.notice, ...(this.closedAs === undefined ? {} : { closed: this.closedAs }), ...(muted === undefined ? {} : { muted }) };
  }
}
