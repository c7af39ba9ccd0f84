/**
 * The pinned messages of the group one chat panel shows (TIMPinGroupMessage, SDK 7.9+): read when the
 * panel loads, kept current from MsgGroupPinnedMessageChanged, and pinned or unpinned by the user when
 * they are the group's owner or an admin (TIM refuses everyone else, so the panel offers them nothing).
 * Nothing is asked in one-to-one chats: TIM pins group messages only.
 */
import { errorMessage } from '../../shared/errorMessage';
import type { PinnedMessageView } from '../../shared/chatModel';
import type { TimClient } from '../../tim/client';
import { TIMConvType, TIMGroupMemberRole } from '../../tim/enums';
import { TimErrorCode } from '../../tim/errorCodes';
import { TimError } from '../../tim/errors';
import type { TimEventPayloads } from '../../tim/events';
import type { TimMessage } from '../../tim/types/message';
import type { ConversationRef } from '../conversations/conversationKey';
import { readOwnRole } from '../conversations/groupMembers';
import { previewText, toMessageView, type MessageViewContext } from './messageView';

/** Errors for the user, in the display language (the controller translates them). */
export interface PinErrors {
  /** 10070: the group already has as many pinned messages as TIM allows (10). */
  tooMany(): Error;
  /** 10007: only the owner and admins may pin. */
  notAllowed(): Error;
  /** The TIM app has no pinned messages (60020, 7013). */
  unavailable(): Error;
}

/** How often refresh reads the pinned list when each read raced a change (see readList). */
const READ_ATTEMPTS = 3;

/** Answers meaning the TIM app has no pinned messages (a feature of Tencent's premium editions). */
const UNAVAILABLE: ReadonlySet<number> = new Set([TimErrorCode.ERR_SVR_COMM_INVALID_SERVICE, TimErrorCode.ERR_SDK_INTERFACE_NOT_SUPPORT]);

/** The pinned bar's rows, the latest pinned first: who wrote each, a one-line summary, who pinned it ("You" for the user). */
export function pinnedMessageViews(messages: readonly TimMessage[], context: Pick<MessageViewContext, 'selfId' | 'displayName' | 't'>): PinnedMessageView[] {
  const you = context.t('You');
  return messages.map((message) => {
    const pinner = message.message_pinner_user_id ?? '';
    return {
      id: message.message_msg_id,
      senderName: message.message_sender === context.selfId ? you : toMessageView(message, { ...context, now: Date.now() }).senderName,
      text: previewText(message, context).slice(0, 200),
      pinnedBy: pinner === context.selfId ? you : message.message_pinner_name_card || message.message_pinner_nick_name || pinner,
    };
  });
}

export class PinnedMessages {
  /** The latest pinned first, as TIM lists them. */
  private pinned: TimMessage[] = [];
  private mayPin = false;
  private unavailable = false;
  /** Changes applied so far (events, the user's own pins): a list read while one arrived may be older. */
  private applied = 0;

  constructor(
    private readonly ref: ConversationRef,
    private readonly client: () => TimClient,
    private readonly selfId: () => string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Pinning is offered: a group of an app that has it, where the user is the owner or an admin. */
  get canPin(): boolean {
    return this.applies && !this.unavailable && this.mayPin;
  }

  private get applies(): boolean {
    return this.ref.type === TIMConvType.Group;
  }

  list(): readonly TimMessage[] {
    return this.pinned;
  }

  isPinned(id: string): boolean {
    return this.pinned.some((m) => m.message_msg_id === id);
  }

  find(id: string): TimMessage | undefined {
    return this.pinned.find((m) => m.message_msg_id === id);
  }

  /** A new sign-in (perhaps to another app): nothing is known until `refresh`. */
  reset(): void {
    this.pinned = [];
    this.mayPin = false;
    this.unavailable = false;
  }

  /**
   * Reads the pinned list and the user's role again (`ownRole`: a read of the role the caller already
   * started, see readOwnRole; undefined there means not a member). Failures are logged, not thrown: the
   * panel works without its pinned bar. Returns whether anything the panel shows changed.
   */
  async refresh(ownRole?: Promise<number | undefined>): Promise<boolean> {
    if (!this.applies || this.unavailable) {
      return false;
    }
    const before = this.signature();
    // readList logs its own failures and never throws.
    const [, role] = await Promise.allSettled([this.readList(), ownRole ?? readOwnRole(this.client(), this.ref.id, this.selfId())]);
    if (role.status === 'fulfilled') {
      this.mayPin = role.value === TIMGroupMemberRole.Owner || role.value === TIMGroupMemberRole.Admin;
    } else {
      this.warn(`own role in ${this.ref.id} not read: ${errorMessage(role.reason)}`);
    }
    return this.signature() !== before;
  }

  /**
   * Reads the pinned list. A change applied while the read was under way (a pin event, the user's own
   * pin) may be newer than what TIM answered, or older: the list is read again, so it is never replaced
   * by an answer older than a change already shown. After READ_ATTEMPTS reads that each raced a change,
   * the list as the changes left it stays.
   */
  private async readList(): Promise<void> {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      const appliedBefore = this.applied;
      let list: TimMessage[];
      try {
        list = await this.client().getPinnedGroupMessageList(this.ref.id);
      } catch (error: unknown) {
        if (!this.isUnavailable(error)) {
          this.warn(`pinned messages of ${this.ref.id} not read: ${errorMessage(error)}`);
        }
        return;
      }
      if (this.applied === appliedBefore) {
        this.pinned = list;
        return;
      }
    }
  }

  /** Applies MsgGroupPinnedMessageChanged; the ids of this panel's messages whose pin changed. */
  apply(change: TimEventPayloads['MsgGroupPinnedMessageChanged']): string[] {
    if (!this.applies || change.groupId !== this.ref.id) {
      return [];
    }
    this.applied += 1;
    const id = change.message.message_msg_id;
    const was = this.isPinned(id);
    this.pinned = this.pinned.filter((m) => m.message_msg_id !== id);
    if (change.isPinned) {
      this.pinned.unshift(change.message);
    }
    return was || change.isPinned ? [id] : [];
  }

  /**
   * Pins or unpins `message`. When TIM says it already is so, the list is read again and, if TIM is
   * right, that counts as done. A refusal reads the user's role again (it may have changed).
   */
  async setPinned(message: TimMessage, pinned: boolean, errors: PinErrors): Promise<void> {
    if (!this.applies) {
      throw errors.notAllowed();
    }
    if (this.unavailable) {
      throw errors.unavailable();
    }
    try {
      await this.client().pinGroupMessage(this.ref.id, message, pinned);
    } catch (error: unknown) {
      const code = error instanceof TimError ? error.code : undefined;
      if (this.isUnavailable(error)) {
        throw errors.unavailable();
      }
      if (code === TimErrorCode.ERR_SVR_GROUP_PINNED_MESSAGE_COUNT_LIMIT) {
        throw errors.tooMany();
      }
      if (code === TimErrorCode.ERR_SVR_GROUP_PERMISSION_DENY) {
        await this.refresh();
        throw errors.notAllowed();
      }
      // "Already pinned" (10071), or an unpin of a message no longer pinned (10004): the panel was behind.
      const maybeBehind = pinned ? code === TimErrorCode.ERR_SVR_GROUP_MESSAGE_ALREADY_PINNED : code === TimErrorCode.ERR_SVR_GROUP_INVALID_PARAMETERS;
      if (!maybeBehind) {
        throw error;
      }
      await this.refresh();
      if (this.isPinned(message.message_msg_id) !== pinned) {
        throw error;
      }
      return;
    }
    // The event follows; applying the change now lets the answer show it already.
    this.apply({ groupId: this.ref.id, message: pinned ? { ...message, message_pinner_user_id: this.selfId() } : message, isPinned: pinned, opUser: this.selfId() });
  }

  private isUnavailable(error: unknown): boolean {
    if (error instanceof TimError && UNAVAILABLE.has(error.code)) {
      this.unavailable = true;
      this.pinned = [];
      return true;
    }
    return false;
  }

  private signature(): string {
    return `${this.canPin}|${this.pinned.map((m) => `${m.message_msg_id}:${m.message_pinner_user_id ?? ''}:${m.message_status}`).join(',')}`;
  }
}
