/**
 * Message read receipts in one chat panel (TIMMsgSendMessageReadReceipts and friends, SDK 6.1+): the
 * user's group messages ask for them (timChat.groupReadReceipts), and show how many members read them,
 * read with each page of history and kept current from MsgReadedReceipt; messages of others that ask
 * for one get the user's receipt once they have seen them (chat/markRead), in groups and one-to-one
 * chats alike, as Tencent's apps send them. Receipts belong to Tencent's premium editions: an app
 * without them (60020, 7013) turns them off for the panel, quietly.
 */
import { errorMessage } from '../../shared/errorMessage';
import type { TimClient } from '../../tim/client';
import { TIMConvType, TIMGroupMessageReadMembersFilter, TIMMsgStatus } from '../../tim/enums';
import { TimErrorCode } from '../../tim/errorCodes';
import { TimError } from '../../tim/errors';
import { MAX_READ_MEMBERS_PAGE } from '../../tim/messageReceiptApi';
import type { Uint64 } from '../../tim/json';
import type { TimGroupMemberInfo } from '../../tim/types/groupMember';
import type { TimMessage } from '../../tim/types/message';
import type { TimMessageReceipt } from '../../tim/types/messageParams';

export interface ReceiptCounts {
  readonly read: number;
  readonly unread: number;
}

/** Messages per receipt call: pages of history are at most 100, and calls stay small. */
const RECEIPT_BATCH = 30;
/** Pages of members read at most for Show Who Read… (100 each). */
const MAX_MEMBER_PAGES = 50;
const UNAVAILABLE: ReadonlySet<number> = new Set([TimErrorCode.ERR_SVR_COMM_INVALID_SERVICE, TimErrorCode.ERR_SDK_INTERFACE_NOT_SUPPORT]);

/** The user's own sent group message that asked for receipts: its counts are worth showing. */
export function asksGroupReceipts(message: TimMessage, selfId: string): boolean {
  return message.message_conv_type === TIMConvType.Group && message.message_sender === selfId && message.message_need_read_receipt === true && message.message_status === TIMMsgStatus.SendSucc;
}

export class ReadReceipts {
  private readonly counts = new Map<string, ReceiptCounts>();
  /** Messages of others the user's receipt was sent for (TIM's message_has_sent_receipt may lag). */
  private readonly reported = new Set<string>();
  private unavailable = false;

  constructor(
    private readonly client: () => TimClient,
    private readonly selfId: () => string,
    private readonly warn: (message: string) => void,
  ) {}

  reset(): void {
    this.counts.clear();
    this.reported.clear();
    this.unavailable = false;
  }

  of(id: string): ReceiptCounts | undefined {
    return this.counts.get(id);
  }

  /** Reads the counts of the user's group messages in `messages` that asked for receipts. Never throws. */
  async load(messages: readonly TimMessage[]): Promise<void> {
    const own = messages.filter((m) => asksGroupReceipts(m, this.selfId()));
    for (let i = 0; i < own.length && !this.unavailable; i += RECEIPT_BATCH) {
      try {
        this.apply(await this.client().msgGetMessageReadReceipts(own.slice(i, i + RECEIPT_BATCH)));
      } catch (error: unknown) {
        if (!this.isUnavailable(error)) {
          this.warn(`read receipts not read: ${errorMessage(error)}`);
        }
      }
    }
  }

  /** Applies receipts (an answer, or MsgReadedReceipt); the ids whose counts changed. */
  apply(receipts: readonly TimMessageReceipt[]): string[] {
    const changed: string[] = [];
    for (const receipt of receipts) {
      const id = receipt.msg_receipt_msg_id;
      if (!id || receipt.msg_receipt_conv_type !== TIMConvType.Group) {
        continue;
      }
      const next = { read: Number(receipt.msg_receipt_read_count ?? 0), unread: Number(receipt.msg_receipt_unread_count ?? 0) };
      const current = this.counts.get(id);
      if (current?.read !== next.read || current.unread !== next.unread) {
        this.counts.set(id, next);
        changed.push(id);
      }
    }
    return changed;
  }

  /** Sends the user's receipt for the messages of others in `messages` that ask for one, once each. Never throws. */
  async report(messages: readonly TimMessage[]): Promise<void> {
    const self = this.selfId();
    const due = messages.filter(
      (m) => m.message_need_read_receipt === true && m.message_sender !== self && m.message_has_sent_receipt !== true && m.message_status === TIMMsgStatus.SendSucc && !this.reported.has(m.message_msg_id),
    );
    for (let i = 0; i < due.length && !this.unavailable; i += RECEIPT_BATCH) {
      const batch = due.slice(i, i + RECEIPT_BATCH);
      try {
        await this.client().msgSendMessageReadReceipts(batch);
        for (const message of batch) {
          this.reported.add(message.message_msg_id);
        }
      } catch (error: unknown) {
        if (!this.isUnavailable(error)) {
          this.warn(`read receipts not sent: ${errorMessage(error)}`);
        }
      }
    }
  }

  /** Everyone who read `message`, and everyone who has not (for Show Who Read…). */
  async members(message: TimMessage): Promise<{ read: TimGroupMemberInfo[]; unread: TimGroupMemberInfo[] }> {
    const [read, unread] = await Promise.all([this.allMembers(message, TIMGroupMessageReadMembersFilter.Read), this.allMembers(message, TIMGroupMessageReadMembersFilter.Unread)]);
    return { read, unread };
  }

  private async allMembers(message: TimMessage, filter: TIMGroupMessageReadMembersFilter): Promise<TimGroupMemberInfo[]> {
    const members: TimGroupMemberInfo[] = [];
    let nextSeq: Uint64 = 0;
    for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
      const result = await this.client().msgGetGroupMessageReadMemberList(message, filter, nextSeq, MAX_READ_MEMBERS_PAGE);
      members.push(...result.group_member_array);
      // Offline the SDK answers an empty page that is never finished (docs/native.md): stop there too.
      const stuck = result.group_member_array.length === 0 || BigInt(result.next_seq) === BigInt(nextSeq);
      if (result.is_finished || stuck) {
        break;
      }
      nextSeq = result.next_seq;
    }
    return members;
  }

  private isUnavailable(error: unknown): boolean {
    if (error instanceof TimError && UNAVAILABLE.has(error.code)) {
      this.unavailable = true;
      return true;
    }
    return false;
  }
}
