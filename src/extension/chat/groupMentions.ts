/**
 * @-mentions on the host side of a chat panel: the group members the composer offers
 * (conversations/groupMembers.ts), and the checked list of user ids a send carries in
 * message_group_at_user_array. Mentioning everyone is offered to the group's owner and admins only,
 * as Tencent's own chat UIs do.
 */
import * as vscode from 'vscode';
import type { MentionCandidate } from '../../shared/chatModel';
import type { TimClient } from '../../tim/client';
import { TIM_MESSAGE_AT_ALL, TIMConvType, TIMGroupMemberRole } from '../../tim/enums';
import type { ConversationRef } from '../conversations/conversationKey';
import { readGroupMembers } from '../conversations/groupMembers';

interface Roster {
  readonly members: readonly MentionCandidate[];
  readonly mayMentionEveryone: boolean;
}

export class GroupMentions {
  private roster: Promise<Roster> | undefined;

  constructor(
    private readonly ref: ConversationRef,
    private readonly client: () => TimClient,
    private readonly selfId: () => string,
  ) {}

  /** The other members (and everyone, when allowed), read again at every call so joins show up. */
  async candidates(): Promise<MentionCandidate[]> {
    this.roster = undefined;
    const roster = await this.load();
    const everyone: MentionCandidate[] = roster.mayMentionEveryone ? [{ userId: TIM_MESSAGE_AT_ALL, name: vscode.l10n.t('everyone'), everyone: true }] : [];
    return [...roster.members, ...everyone];
  }

  /**
   * The user ids a send may carry: none in a one-to-one chat, otherwise members of the group (the
   * roster is read again once if an id is unknown, for someone who joined since) and everyone only for
   * owners and admins. Anything else is refused with a message saying why, before anything is sent.
   */
  async check(mentions: unknown): Promise<string[]> {
    if (mentions === undefined) {
      return [];
    }
    if (!Array.isArray(mentions) || mentions.some((id) => typeof id !== 'string' || id.length === 0)) {
      throw new Error(vscode.l10n.t('Mentions must be a list of user IDs.'));
    }
    const ids = [...new Set(mentions as string[])];
    if (ids.length === 0) {
      return [];
    }
    if (this.ref.type !== TIMConvType.Group) {
      throw new Error(vscode.l10n.t('Only group messages can mention people.'));
    }
    let roster = await this.load();
    if (ids.some((id) => !this.allowed(roster, id))) {
      this.roster = undefined;
      roster = await this.load();
    }
    const refused = ids.find((id) => !this.allowed(roster, id));
    if (refused === TIM_MESSAGE_AT_ALL) {
      throw new Error(vscode.l10n.t('Only the group owner and admins can mention everyone.'));
    }
    if (refused !== undefined) {
      throw new Error(vscode.l10n.t('{0} is not a member of this group.', refused));
    }
    return ids;
  }

  private allowed(roster: Roster, id: string): boolean {
    return id === TIM_MESSAGE_AT_ALL ? roster.mayMentionEveryone : roster.members.some((m) => m.userId === id);
  }

  private load(): Promise<Roster> {
    if (this.ref.type !== TIMConvType.Group) {
      return Promise.resolve({ members: [], mayMentionEveryone: false });
    }
    const roster = (this.roster ??= this.read());
    // A failed read is not kept: the next '@' asks again.
    roster.catch(() => {
      if (this.roster === roster) {
        this.roster = undefined;
      }
    });
    return roster;
  }

  private async read(): Promise<Roster> {
    const self = this.selfId();
    const all = await readGroupMembers(this.client(), this.ref.id);
    const selfRole = all.find((m) => m.userId === self)?.role;
    const members = all.filter((m) => m.userId !== self).map((m): MentionCandidate => ({ userId: m.userId, name: m.name }));
    return { members, mayMentionEveryone: selfRole === TIMGroupMemberRole.Owner || selfRole === TIMGroupMemberRole.Admin };
  }
}
