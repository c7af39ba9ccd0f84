/**
 * The user's contacts (TIM's friend list) and contact requests (TIM's friend "pendencies"), read at
 * sign-in and read again whenever TIM says they changed (OnAddFriend, OnDeleteFriend, UpdateFriendProfile,
 * FriendAddRequest, FriendApplicationListDeleted, FriendApplicationListRead; these also carry changes
 * made on the user's other devices). Reading the lists again, rather than patching them from each event,
 * keeps them right whatever order events and answers arrive in: the events name users, not what changed
 * about them.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../shared/errorMessage';
import type { TimClient } from '../../tim/client';
import { TIMFriendPendencyType, TIMFriendResponseAction, TIMFriendType } from '../../tim/enums';
import { TimErrorCode } from '../../tim/errorCodes';
import { log } from '../log';
import { ClientFollower } from '../session/clientFollower';
import type { TimSession } from '../session/timSession';
import { type Contact, type ContactRequest, requestOf, contactOf, sortContacts, sortRequests } from './contactModel';
import { requireFriendSuccess } from './friendOutcome';
import { LatestRead } from './latestRead';

/** TIM Chat's source for requests it sends (the SDK requires the prefix). */
export const ADD_SOURCE = 'AddSource_Type_VSCode';
/** Requests per page read; pages are read until TIM says there are no more. */
const PENDENCY_PAGE_SIZE = 100;
/** A stop for a server that never ends its pages. */
const MAX_PENDENCY_PAGES = 50;

export type AddOutcome = 'added' | 'requested';

export class ContactBook extends ClientFollower {
  private readonly onDidChangeEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when contacts or requests changed, here or on another of the user's devices. */
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly onDidReceiveRequestsEmitter = this.register(new vscode.EventEmitter<readonly ContactRequest[]>());
  /** Fires with requests someone just sent the user (not with those read at sign-in). */
  readonly onDidReceiveRequests = this.onDidReceiveRequestsEmitter.event;

  private contactsById = new Map<string, Contact>();
  private requestList: ContactRequest[] = [];
  /** TIM's count of requests to the user not yet reported read, from the last read of the requests. */
  private unreadRequests = 0;
  /** The newest request time already reported read, so showing the view twice reports once. */
  private reportedReadUpTo = -1;
  private readonly contactsReads = new LatestRead();
  private readonly requestsReads = new LatestRead();
  /** A request came (FriendAddRequest): the next read that lands announces the incoming ones it did not know. */
  private announceNextRead = false;

  constructor(session: TimSession) {
    super(session);
    this.startFollowing();
  }

  /** Every contact, by name. */
  contacts(): Contact[] {
    return sortContacts([...this.contactsById.values()], vscode.env.language);
  }

  contact(userId: string): Contact | undefined {
    return this.contactsById.get(userId);
  }

  /** Requests waiting: those to the user first. */
  requests(): ContactRequest[] {
    return sortRequests(this.requestList);
  }

  request(userId: string, direction: ContactRequest['direction']): ContactRequest | undefined {
    return this.requestList.find((r) => r.userId === userId && r.direction === direction);
  }

  /** Requests to the user not yet seen: TIM's unread count, shared by all of the user's devices. */
  get unreadCount(): number {
    return this.unreadRequests;
  }

  /**
   * The user has seen the requests listed (the Contacts view is showing): reports them read up to the
   * newest one listed, not up to "now", so a request that arrives meanwhile stays unread. The user's
   * other devices hear FriendApplicationListRead and read the count again.
   */
  async markRequestsRead(): Promise<void> {
    const client = this.client;
    const newest = Math.max(0, ...this.requestList.filter((r) => r.direction === 'incoming').map((r) => r.time));
    if (!client || this.unreadRequests === 0 || newest === 0 || newest <= this.reportedReadUpTo) {
      return;
    }
    this.reportedReadUpTo = newest;
    try {
      await client.friendshipReportPendencyReaded(newest);
    } catch (error: unknown) {
      this.reportedReadUpTo = -1;
      log().warn(`contact requests not reported read: ${errorMessage(error)}`);
      return;
    }
    await this.readRequests(client);
  }

  /**
   * Adds `userId` as a contact both ways: at once when they accept anyone ('added'), else as a request
   * they answer ('requested'). Throws TIM's reason, in words, when neither happened.
   */
  async add(userId: string, wording: string): Promise<AddOutcome> {
    const client = this.requireClient();
    const result = await client.friendshipAddFriend({
      friendship_add_friend_param_identifier: userId,
      friendship_add_friend_param_friend_type: TIMFriendType.Both,
      friendship_add_friend_param_add_source: ADD_SOURCE,
      friendship_add_friend_param_add_wording: wording,
    });
    requireFriendSuccess(result, userId);
    await Promise.all([this.readContacts(client), this.readRequests(client)]);
    return result.friend_result_code === TimErrorCode.ERR_SVR_FRIENDSHIP_ALLOW_TYPE_NEED_CONFIRM ? 'requested' : 'added';
  }

  /** Accepts a request to the user: both become contacts. */
  async accept(userId: string): Promise<void> {
    await this.answer(userId, TIMFriendResponseAction.AgreeAndAdd);
  }

  /** Declines a request to the user: nobody is added, and the request goes. */
  async decline(userId: string): Promise<void> {
    await this.answer(userId, TIMFriendResponseAction.Reject);
  }

  /** Withdraws the user's request to someone. */
  async withdraw(userId: string): Promise<void> {
    const client = this.requireClient();
    const [result] = await client.friendshipDeletePendency({
      friendship_delete_pendency_param_type: TIMFriendPendencyType.SendOut,
      friendship_delete_pendency_param_identifier_array: [userId],
    });
    requireFriendSuccess(result, this.requestName(userId));
    await this.readRequests(client);
  }

  /** Removes a contact both ways (TIM keeps the chat). */
  async remove(userId: string): Promise<void> {
    const client = this.requireClient();
    const [result] = await client.friendshipDeleteFriend({
      friendship_delete_friend_param_friend_type: TIMFriendType.Both,
      friendship_delete_friend_param_identifier_array: [userId],
    });
    requireFriendSuccess(result, this.contact(userId)?.name);
    await this.readContacts(client);
  }

  /** Sets the name the user gives a contact; an empty remark shows their nickname again. */
  async setRemark(userId: string, remark: string): Promise<void> {
    const client = this.requireClient();
    await client.friendshipModifyFriendProfile({
      friendship_modify_friend_profile_param_identifier: userId,
      friendship_modify_friend_profile_param_item: { friend_profile_item_remark: remark },
    });
    await this.readContacts(client);
  }

  private async answer(userId: string, action: TIMFriendResponseAction): Promise<void> {
    const client = this.requireClient();
    const result = await client.friendshipHandleFriendAddRequest({ friend_response_identifier: userId, friend_response_action: action });
    requireFriendSuccess(result, this.requestName(userId));
    await Promise.all([this.readContacts(client), this.readRequests(client)]);
  }

  private requestName(userId: string): string {
    return this.requestList.find((r) => r.userId === userId)?.name ?? userId;
  }

  protected forget(): void {
    this.announceNextRead = false;
    this.reportedReadUpTo = -1;
    if (this.contactsById.size > 0 || this.requestList.length > 0 || this.unreadRequests > 0) {
      this.contactsById = new Map();
      this.requestList = [];
      this.unreadRequests = 0;
      this.onDidChangeEmitter.fire();
    }
  }

  protected attach(client: TimClient): vscode.Disposable[] {
    const contactsChanged = (): void => void this.readContacts(client);
    const subscriptions = [
      client.onEvent('OnAddFriend', contactsChanged),
      client.onEvent('OnDeleteFriend', contactsChanged),
      client.onEvent('UpdateFriendProfile', contactsChanged),
      client.onEvent('FriendAddRequest', () => {
        this.announceNextRead = true;
        void this.readRequests(client);
      }),
      client.onEvent('FriendApplicationListDeleted', () => void this.readRequests(client)),
      // Read on another device (or this one): the unread count changed.
      client.onEvent('FriendApplicationListRead', () => void this.readRequests(client)),
    ];
    void this.readContacts(client);
    void this.readRequests(client);
    return subscriptions;
  }

  private readContacts(client: TimClient): Promise<void> {
    return this.contactsReads.run(async (isLatest) => {
      try {
        const profiles = await client.friendshipGetFriendProfileList();
        if (client === this.client && isLatest()) {
          this.contactsById = new Map(profiles.map((profile) => [profile.friend_profile_identifier, contactOf(profile)]));
          this.onDidChangeEmitter.fire();
        }
      } catch (error: unknown) {
        log().warn(`contacts not read: ${errorMessage(error)}`);
      }
    });
  }

  /** Reads every request (see announceNextRead). */
  private readRequests(client: TimClient): Promise<void> {
    return this.requestsReads.run(async (isLatest) => {
      try {
        const { requests, unread } = await this.allRequests(client);
        if (client === this.client && isLatest()) {
          this.land(requests, unread);
        }
      } catch (error: unknown) {
        log().warn(`contact requests not read: ${errorMessage(error)}`);
      }
    });
  }

  private async allRequests(client: TimClient): Promise<{ requests: ContactRequest[]; unread: number }> {
    const requests: ContactRequest[] = [];
    let unread = 0;
    let seq = 0;
    for (let page = 0; page < MAX_PENDENCY_PAGES; page++) {
      const answer = await client.friendshipGetPendencyList({
        friendship_get_pendency_list_param_type: TIMFriendPendencyType.Both,
        friendship_get_pendency_list_param_start_seq: seq,
        friendship_get_pendency_list_param_limited_size: PENDENCY_PAGE_SIZE,
      });
      requests.push(...answer.pendency_page_pendency_info_array.map(requestOf));
      // Every page carries the count for the whole list; the first page's is read with the list.
      if (page === 0) {
        unread = answer.pendency_page_unread_num;
      }
      seq = answer.pendency_page_current_seq;
      if (seq === 0 || answer.pendency_page_pendency_info_array.length === 0) {
        break;
      }
    }
    return { requests, unread };
  }

  private land(requests: ContactRequest[], unread: number): void {
    const known = new Set(this.requestList.filter((r) => r.direction === 'incoming').map((r) => r.userId));
    this.requestList = requests;
    this.unreadRequests = unread;
    this.onDidChangeEmitter.fire();
    if (this.announceNextRead) {
      this.announceNextRead = false;
      const fresh = requests.filter((r) => r.direction === 'incoming' && !known.has(r.userId));
      if (fresh.length > 0) {
        this.onDidReceiveRequestsEmitter.fire(fresh);
      }
    }
  }
}
