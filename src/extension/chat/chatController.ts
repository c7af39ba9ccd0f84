/**
 * The host side of one chat panel: answers the webview's chat/* requests with TIM calls and pushes
 * the conversation's live changes (new messages, send status, revokes, read receipts) to it. It keeps
 * the TimMessage behind every row it showed, because revoke, delete and report-read take the message.
 */
import { errorMessage } from '../../shared/errorMessage';
import * as vscode from 'vscode';
import type { ChatMessageView, ChatPage, ChatPanelInfo } from '../../shared/chatModel';
import type { HostRequests } from '../../shared/protocol';
import { TIMConvType, TIMElemType, TIMGroupTipType, TIMMsgStatus } from '../../tim/enums';
import type { TimClient } from '../../tim/client';
import { TimErrorCode } from '../../tim/errorCodes';
import { TimError } from '../../tim/errors';
import { replyAbstractOf, replyCloudData } from '../../tim/tuikitReply';
import { threadRootOf } from '../../tim/tuikitThread';
import { typingStatusMessage, typingStatusOf } from '../../tim/tuikitTyping';
import type { TimMessage, TimMessageParam } from '../../tim/types/message';
import { conversationKey, type ConversationRef } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import { readOwnMembership } from '../conversations/groupMembers';
import { groupDismissalOf } from '../conversations/groupReports';
import type { Blocklist } from '../conversations/blocklist';
import type { Presence, PresenceTracker } from '../conversations/presence';
import { markUnread } from '../conversations/conversationMark';
import { Disposable, disposeAll } from '../lifecycle';
import { log } from '../log';
import { showWarning } from '../notify';
import type { TimSession } from '../session/timSession';
import { messageLinkOf } from '../messages/chatLinks';
import { parseChatLink } from '../../shared/chatLink';
import { GroupMentions } from './groupMentions';
import { GroupPanelState } from './groupPanelState';
import { editMessageText } from './messageEdit';
import { openableUrl } from './linkPolicy';
import { MessageReactions } from './messageReactions';
import { messageRequestHandlers, type MessageRequestContext } from './messageRequests';
import { previewText, toMessageView } from './messageView';
import { panelStrings } from './panelStrings';
import { PinnedMessages, pinnedMessageViews } from './pinnedMessages';
import { ReadReceipts } from './readReceipts';
import { sendFailureText } from './sendFailure';
import { listReplyOnRoot, unlistReplyFromRoot } from './threadReplies';
import { TypingStatusSender } from './typingStatus';
import { showWhoReacted } from './whoReacted';
import { showWhoRead } from './whoRead';
import type { WebviewChannel } from '../panels/webviewChannel';
import { onDidSendHere } from '../messages/sentHere';

/** TIMMsgListDelete takes at most this many messages per call (seed API). */
export const LIST_DELETE_LIMIT = 30;
const PAGE_LIMIT = 100;

type Handler<M extends keyof HostRequests> = (params: HostRequests[M]['params']) => Promise<HostRequests[M]['result']>;

function compareMessages(a: TimMessage, b: TimMessage): number {
  const time = Number(a.message_server_time || a.message_client_time) - Number(b.message_server_time || b.message_client_time);
  if (time !== 0) {
    return time;
  }
  const seq = BigInt(a.message_seq ?? 0) - BigInt(b.message_seq ?? 0);
  return seq < 0n ? -1 : seq > 0n ? 1 : 0;
}

/** A group tip that may change the user's role or the group's notice: any but the pinned-message ones. */
function changesGroup(elem: TimMessage['message_elem_array'][number]): boolean {
  return elem.elem_type === TIMElemType.GroupTips && elem.group_tips_elem_tip_type !== TIMGroupTipType.PinnedMessageAdded && elem.group_tips_elem_tip_type !== TIMGroupTipType.PinnedMessageDeleted;
}

export class ChatController extends Disposable {
  private readonly messages = new Map<string, TimMessage>();
  /**
   * A one-to-one peer has read everything sent up to this server time (MsgReadedReceipt). Kept so that a
   * send whose answer comes after the peer's receipt (the peer read it first) still shows as read.
   */
  private peerReadUpTo = 0;
  private provisional = 0;
  private eventSubscriptions: vscode.Disposable[] = [];
  /** Files being uploaded by sends still under a provisional id: their paths, and TIM's id once known. */
  private readonly uploads = new Map<string, { paths: readonly string[]; messageId?: string }>();
  /** Why this session's failed sends failed, by their (provisional) id: the panel says it under each. */
  private readonly sendFailures = new Map<string, string>();
  private webviewUri: (file: vscode.Uri) => string = (file) => file.toString();
  /** The messages selected in the panel (Ctrl/Shift-click), for the palette's Delete/Forward Selected. */
  selection: readonly string[] = [];
  private readonly mentions: GroupMentions;
  private readonly typingSender = new TypingStatusSender(async (typing) => {
    await this.client.msgSendMessage(this.ref.id, this.ref.type, typingStatusMessage(typing));
  });
  private readonly reactions = new MessageReactions(
    () => this.client,
    () => ({ selfId: this.selfId, you: vscode.l10n.t('You') }),
    (message) => log().warn(message),
    () => this.channel?.notify('chat/info', this.info()),
  );

  private readonly pinned: PinnedMessages;
  /** A group's notice, whether it takes the user's messages, and whether they are muted (chat/info carries them). */
  private readonly group: GroupPanelState;
  /** A one-to-one chat's peer's status message, as last read (chat/info carries it). */
  private peerStatus = '';
  /** The peer's presence when it last changed, so that only a change of theirs re-sends chat/info. */
  private shownPresence: Presence | undefined;
  private readonly receipts = new ReadReceipts(
    () => this.client,
    () => this.selfId,
    (message) => log().warn(message),
  );

  constructor(
    readonly ref: ConversationRef,
    private readonly session: TimSession,
    private readonly store: ConversationStore,
    private readonly presence: PresenceTracker,
    private readonly blocklist: Blocklist,
    private channel: WebviewChannel | undefined,
  ) {
    super();
    this.mentions = new GroupMentions(ref, () => this.client, () => this.selfId);
    this.pinned = new PinnedMessages(ref, () => this.client, () => this.selfId, (message) => log().warn(message));
    this.group = new GroupPanelState(ref.id, () => this.channel?.notify('chat/info', this.info()));
    this.register(session.onDidChangeState(() => this.follow()));
    // Someone's presence changed: the panel hears of it when it is its peer's.
    this.register(
      presence.onDidChange(() => {
        const now = this.peerPresence();
        if (now !== this.shownPresence) {
          this.shownPresence = now;
          this.channel?.notify('chat/info', this.info());
        }
      }),
    );
    this.register(
      blocklist.onDidChange(() => {
        if (this.ref.type === TIMConvType.C2C) {
          this.channel?.notify('chat/info', this.info());
        }
      }),
    );
    this.follow();
  }

  attach(channel: WebviewChannel, webviewUri?: (file: vscode.Uri) => string): void {
    this.channel = channel;
    if (webviewUri) {
      this.webviewUri = webviewUri;
    }
    this.notifyPinned();
  }

  /** A message this panel has shown, by id; undefined when it is not loaded. */
  loaded(id: string): TimMessage | undefined {
    return this.messages.get(id);
  }

  /** Messages were removed elsewhere (a command): drop them from the panel. */
  removed(ids: readonly string[]): void {
    for (const id of ids) {
      this.messages.delete(id);
    }
    this.reactions.forget(ids);
    this.selection = this.selection.filter((id) => !ids.includes(id));
    this.channel?.notify('chat/messagesRemoved', { ids });
    this.channel?.notify('chat/setSelection', { ids: this.selection });
  }

  /** Messages were imported or saved locally: the panel loads its newest page again. */
  reload(): void {
    this.channel?.notify('chat/reload', {});
  }

  private get client(): TimClient {
    return this.session.requireClient();
  }

  private get selfId(): string {
    return this.session.signedInAccount?.userId ?? '';
  }

  private view(given: TimMessage): ChatMessageView {
    const message = this.withPeerRead(given);
    this.messages.set(message.message_msg_id, message);
    const view = toMessageView(message, { selfId: this.selfId, now: Date.now(), displayName: () => undefined, t: vscode.l10n.t });
    const reactions = view.status === 'sent' ? this.reactions.of(message.message_msg_id) : undefined;
    const pinned = this.pinned.isPinned(message.message_msg_id);
    const readReceipt = view.status === 'sent' ? this.receipts.of(message.message_msg_id) : undefined;
    const failure = view.status === 'failed' ? this.sendFailures.get(message.message_msg_id) : undefined;
    return reactions || pinned || readReceipt || failure
      ? { ...view, ...(reactions ? { reactions } : {}), ...(pinned ? { pinned } : {}), ...(readReceipt ? { readReceipt } : {}), ...(failure ? { failure } : {}) }
      : view;
  }

  /** `message` marked read by the peer when it is one of the user's sent one-to-one messages the peer's receipts cover. */
  private withPeerRead(message: TimMessage): TimMessage {
    const serverTime = Number(message.message_server_time ?? 0);
    const covered =
      this.ref.type === TIMConvType.C2C && message.message_is_from_self === true && message.message_is_peer_read !== true &&
      message.message_status === TIMMsgStatus.SendSucc && serverTime > 0 && serverTime <= this.peerReadUpTo;
    return covered ? { ...message, message_is_peer_read: true } : message;
  }

  /** Draws again those of `ids` the panel shows (their reactions, pin or read count changed). */
  private updateShown(ids: Iterable<string>): void {
    for (const id of ids) {
      const message = this.messages.get(id);
      if (message) {
        this.channel?.notify('chat/messageUpdated', { message: this.view(message) });
      }
    }
  }

  private notifyPinned(): void {
    if (this.ref.type === TIMConvType.Group) {
      const messages = pinnedMessageViews(this.pinned.list(), { selfId: this.selfId, displayName: () => undefined, t: vscode.l10n.t });
      this.channel?.notify('chat/pinned', { messages, canPin: this.pinned.canPin });
    }
  }

  /**
   * Reads what a group panel shows of the group again: its pinned messages, its notice, whether it was
   * dismissed, whether the user is still in it and whether they may write now (muted). The user's
   * membership is read once for the pinned bar (owners and admins pin), the membership and the mute.
   */
  private refreshGroup(): void {
    if (this.ref.type !== TIMConvType.Group) {
      return;
    }
    const membership = readOwnMembership(this.client, this.ref.id, this.selfId);
    const ownRole = membership.then((m) => m?.role);
    // Its consumers log a failure; one may not look (a group type without membership): never unhandled.
    ownRole.catch(() => undefined);
    this.refreshPinned(ownRole);
    this.group.read(this.client, membership);
  }

  /** Reads the pinned list again, with the user's role; the panel hears of it when anything changed. */
  private refreshPinned(ownRole: Promise<number | undefined>): void {
    const before = new Set(this.pinned.list().map((m) => m.message_msg_id));
    this.pinned
      .refresh(ownRole)
      .then((changed) => {
        if (!changed) {
          return;
        }
        this.notifyPinned();
        const after = new Set(this.pinned.list().map((m) => m.message_msg_id));
        this.updateShown([...before, ...after].filter((id) => before.has(id) !== after.has(id)));
      })
      .catch((error: unknown) => log().warn(`pinned messages: ${errorMessage(error)}`));
  }

  private isMine(message: { message_conv_id?: string; message_conv_type?: number }): boolean {
    return message.message_conv_id === this.ref.id && message.message_conv_type === this.ref.type;
  }

  /**
   * Reads a one-to-one chat's peer's status message again (TIM pushes no event when someone changes
   * theirs: read when the panel follows a sign-in and each time it is shown). Failures are only logged.
   */
  refreshPeerStatus(): void {
    if (this.ref.type !== TIMConvType.C2C || this.session.state.kind !== 'signedIn') {
      return;
    }
    this.client
      .profileGetUserProfileList({ friendship_getprofilelist_param_identifier_array: [this.ref.id], friendship_getprofilelist_param_force_update: true })
      .then(([profile]) => {
        const status = profile?.user_profile_self_signature ?? '';
        if (status !== this.peerStatus) {
          this.peerStatus = status;
          this.channel?.notify('chat/info', this.info());
        }
      })
      .catch((error: unknown) => log().info(`status of ${this.ref.id} not read: ${errorMessage(error)}`));
  }

  /** Whether a one-to-one chat's peer is online, as the presence tracker knows it (undefined: TIM does not tell). */
  private peerPresence(): Presence | undefined {
    return this.ref.type === TIMConvType.C2C ? this.presence.presenceOf(this.ref.id)?.presence : undefined;
  }

  /** Opening a conversation marked unread reads it: the mark goes, as in Tencent's TUIKit. */
  private clearUnreadMark(): void {
    const key = conversationKey(this.ref);
    if (this.store.get(key)?.markedUnread) {
      markUnread(this.client, key, false).catch((error: unknown) => log().warn(`unread mark of ${key} not cleared: ${errorMessage(error)}`));
    }
  }

  /** Subscribes to the signed-in client's events for this conversation (again after each sign-in). */
  private follow(): void {
    disposeAll(this.eventSubscriptions);
    const state = this.session.state;
    // Another sign-in, perhaps to another TIM app: whether it has reactions, pins and receipts is asked again.
    this.reactions.reset();
    this.pinned.reset();
    this.receipts.reset();
    this.group.reset();
    this.peerStatus = '';
    this.channel?.notify('chat/info', this.info());
    this.notifyPinned();
    if (state.kind !== 'signedIn') {
      return;
    }
    const client = state.client;
    this.refreshGroup();
    this.refreshPeerStatus();
    if (this.ref.type === TIMConvType.C2C) {
      this.presence.watch(this.ref.id);
    }
    this.eventSubscriptions = [
      client.onEvent('RecvNewMsg', (messages) => {
        if (this.ref.type === TIMConvType.Group && messages.some((m) => groupDismissalOf(m)?.groupId === this.ref.id)) {
          this.group.setClosed('dismissed');
        }
        const mine = messages.filter((m) => this.isMine(m) && !this.messages.has(m.message_msg_id) && !this.tookTypingStatus(m));
        if (mine.some((m) => m.message_elem_array.some(changesGroup))) {
          // Someone joined, left, changed roles or the group's profile: the user may have become (or
          // stopped being) an admin or a member, and the notice may be new. (A pin's own tip changes neither: its
          // event has updated the pinned bar already.)
          this.refreshGroup();
        }
        if (mine.some((m) => m.message_sender !== this.selfId)) {
          // The peer wrote: they are active, and whatever they were typing has arrived.
          this.typingSender.peerActive();
          this.channel?.notify('chat/peerTyping', { typing: false });
        }
        if (mine.length) {
          this.channel?.notify('chat/messagesAdded', { messages: [...mine].sort(compareMessages).map((m) => this.view(m)) });
        }
      }),
      // What this window sent to this conversation from elsewhere (sentHere.ts): no RecvNewMsg tells of it.
      onDidSendHere((message) => {
        if (this.isMine(message) && !this.messages.has(message.message_msg_id)) {
          this.channel?.notify('chat/messagesAdded', { messages: [this.view(message)] });
        }
      }),
      client.onEvent('MsgUpdate', (messages) => {
        for (const message of messages.filter((m) => this.isMine(m) && this.messages.has(m.message_msg_id))) {
          this.channel?.notify('chat/messageUpdated', { message: this.view(message) });
        }
      }),
      client.onEvent('MsgReactionsChanged', (changes) => {
        this.updateShown(this.reactions.applyChanges(changes, (shown) => this.messages.has(shown)));
      }),
      client.onEvent('MsgGroupPinnedMessageChanged', (change) => {
        const changed = this.pinned.apply(change);
        if (changed.length > 0) {
          this.notifyPinned();
        }
        this.updateShown(changed);
      }),
      client.onEvent('MsgElemUploadProgress', ({ message, index, cur, total }) => {
        // The event carries the message as it was handed to TIM (no conversation fields): the paths of
        // this panel's uploads, then TIM's message id, tell whose it is.
        const elem = message.message_elem_array[index] as { image_elem_orig_path?: string; file_elem_file_path?: string } | undefined;
        const filePath = elem?.image_elem_orig_path ?? elem?.file_elem_file_path;
        for (const [provisionalId, upload] of this.uploads) {
          if ((upload.messageId === undefined && filePath !== undefined && upload.paths.includes(filePath)) || upload.messageId === message.message_msg_id) {
            upload.messageId = message.message_msg_id;
            this.channel?.notify('chat/uploadProgress', { id: provisionalId, percent: total > 0 ? Math.min(100, Math.round((100 * cur) / total)) : 0 });
            return;
          }
        }
      }),
      client.onEvent('MsgRevoke', (revoked) => {
        for (const locator of revoked) {
          const target = [...this.messages.values()].find(
            (m) => String(m.message_seq) === String(locator.message_locator_seq) && String(m.message_rand) === String(locator.message_locator_rand),
          );
          if (target) {
            this.channel?.notify('chat/messageUpdated', { message: this.view({ ...target, message_status: TIMMsgStatus.Revoked }) });
          }
        }
      }),
      client.onEvent('MsgReadedReceipt', (receipts) => {
        const ours = receipts.filter((r) => r.msg_receipt_conv_id === this.ref.id && r.msg_receipt_conv_type === this.ref.type);
        this.updateShown(this.receipts.apply(ours));
        if (this.ref.type !== TIMConvType.C2C) {
          return;
        }
        for (const receipt of ours) {
          this.peerReadUpTo = Math.max(this.peerReadUpTo, Number(receipt.msg_receipt_time_stamp ?? 0));
        }
        // Messages still sending are marked when their answer comes (view).
        for (const message of [...this.messages.values()]) {
          if (this.withPeerRead(message) !== message) {
            this.channel?.notify('chat/messageUpdated', { message: this.view(message) });
          }
        }
      }),
    ];
  }

  /**
   * A typing status in this chat is never shown as a message; the peer's (of a one-to-one chat) goes to
   * the panel's indicator. True when `message` was one.
   */
  private tookTypingStatus(message: TimMessage): boolean {
    const status = typingStatusOf(message);
    if (status === undefined) {
      return false;
    }
    if (this.ref.type === TIMConvType.C2C && message.message_sender === this.ref.id) {
      this.typingSender.peerActive();
      this.channel?.notify('chat/peerTyping', { typing: status === 'typing' });
    }
    return true;
  }

  /** The composer's typing state (chat/typing): the peer of a one-to-one chat may hear of it. */
  typing(typing: boolean): void {
    if (this.ref.type !== TIMConvType.C2C || this.session.state.kind !== 'signedIn') {
      return;
    }
    this.typingSender.update(typing).catch((error: unknown) => log().info(`typing status not sent: ${errorMessage(error)}`));
  }

  info(): ChatPanelInfo {
    const state = this.session.state;
    const peerPresence = this.peerPresence();
    const summary = this.store.get(`${this.ref.type === TIMConvType.Group ? 'group' : 'c2c'}_${this.ref.id}`);
    return {
      conversationId: this.ref.id,
      conversationType: this.ref.type === TIMConvType.Group ? 'group' : 'c2c',
      title: summary?.name ?? this.ref.id,
      selfId: this.selfId,
      signedIn: state.kind === 'signedIn',
      draft: summary?.draft ?? '',
      unreadCount: summary?.unread ?? 0,
      locale: vscode.env.language,
      reactionsAvailable: this.reactions.available,
      ...(this.ref.type === TIMConvType.Group
        ? this.group.info()
        : { peerStatus: this.peerStatus, peerBlocked: this.blocklist.has(this.ref.id), ...(peerPresence === undefined ? {} : { peerPresence }) }),
      strings: panelStrings(),
    };
  }

  private async page(param: { last?: TimMessage; count: number }): Promise<ChatPage> {
    const count = Math.max(1, Math.min(PAGE_LIMIT, Math.floor(param.count)));
    let list: TimMessage[];
    try {
      list = await this.client.msgGetMsgList(this.ref.id, this.ref.type, {
        msg_getmsglist_param_last_msg: param.last,
        msg_getmsglist_param_count: count,
        msg_getmsglist_param_is_ramble: true,
        msg_getmsglist_param_is_forward: false,
      });
    } catch (error: unknown) {
      if (this.ref.type === TIMConvType.Group && error instanceof TimError && error.code === TimErrorCode.ERR_SVR_GROUP_NOT_FOUND) {
        // A dismissed group whose history this device does not hold (TIM serves a former member what the
        // device kept): an empty page, and the panel says why.
        this.group.setClosed('dismissed');
        return { messages: [], hasMoreBefore: false };
      }
      throw error;
    }
    const sorted = [...list].sort(compareMessages);
    // Before the page is answered, so its rows show their reactions and read counts from the start.
    await Promise.all([this.reactions.load(sorted.filter((m) => m.message_status === TIMMsgStatus.SendSucc)), this.receipts.load(sorted)]);
    return { messages: sorted.map((m) => this.view(m)), hasMoreBefore: list.length >= count };
  }

  /** A message in one line, as a quote, a thread's list or a reminder carries it (names as TIM gives them). */
  private oneLine(message: TimMessage): string {
    return previewText(message, { selfId: this.selfId, displayName: () => undefined, t: vscode.l10n.t });
  }

  /** What a reminder about message `id` keeps: the message, its sender's name and one line of it (reminders.ts). */
  reminderSubject(id: string): { message: TimMessage; sender: string; text: string } {
    const message = this.find(id);
    const view = this.view(message);
    if (view.status !== 'sent' && view.status !== 'local') {
      throw new Error(vscode.l10n.t('Only sent messages can have reminders.'));
    }
    return { message, sender: view.isSelf ? vscode.l10n.t('You') : view.senderName, text: this.oneLine(message) };
  }

  private find(id: string): TimMessage {
    const message = this.messages.get(id);
    if (!message) {
      throw new Error(vscode.l10n.t('That message is no longer loaded. Scroll to it and try again.'));
    }
    return message;
  }

  /**
   * Message `id` of this conversation: a loaded one, or one TIM still has (a reply or an edit kept in the
   * panel across a reload, say, whose message the reloaded panel has not paged back to).
   */
  private async findEvenUnloaded(id: string): Promise<TimMessage | undefined> {
    return this.messages.get(id) ?? (await this.client.msgFindMessages([id])).find((m) => m.message_msg_id === id && this.isMine(m));
  }

  /** The cloud custom data of a reply to message `id` (src/tim/tuikitReply.ts). */
  private async replyDataFor(id: unknown): Promise<string> {
    if (typeof id !== 'string' || id.length === 0) {
      throw new Error(vscode.l10n.t('A reply must name the message it answers.'));
    }
    const original = await this.findEvenUnloaded(id);
    if (!original) {
      throw new Error(vscode.l10n.t('The message this replies to is no longer in this conversation.'));
    }
    const view = this.view(original);
    if (view.status !== 'sent' && view.status !== 'local') {
      // Still sending, failed or recalled: there is nothing (left) for the other side to see quoted.
      throw new Error(vscode.l10n.t('That message cannot be replied to.'));
    }
    return replyCloudData(original, view.senderName, replyAbstractOf(this.oneLine(original)));
  }

  /** Lists the user's sent reply on its thread's root (threadReplies.ts), as TUIKit apps do. */
  private async listInThread(reply: TimMessage): Promise<void> {
    await this.showRootAfter(listReplyOnRoot(this.client, reply, replyAbstractOf(this.oneLine(reply))));
  }

  /** Shows the root as a change to its thread left it, when this panel has it loaded (TIM tells only the others). */
  private async showRootAfter(change: Promise<TimMessage | undefined>): Promise<void> {
    const root = await change.catch((error: unknown) => {
      log().warn(`thread: ${errorMessage(error)}`);
      return undefined;
    });
    if (root !== undefined && this.messages.has(root.message_msg_id)) {
      this.channel?.notify('chat/messageUpdated', { message: this.view(root) });
    }
  }

  private async send(unmarked: TimMessageParam, replacesId?: string): Promise<ChatMessageView> {
    // Group messages ask who read them, unless the user turned that off (a premium Tencent feature: an
    // app without it ignores the flag).
    const askReceipts = this.ref.type === TIMConvType.Group && vscode.workspace.getConfiguration('timChat').get<boolean>('groupReadReceipts', true);
    const param: TimMessageParam = askReceipts ? { ...unmarked, message_need_read_receipt: true } : unmarked;
    const provisionalId = `pending-${++this.provisional}`;
    const now = Math.floor(Date.now() / 1000);
    const pending = this.view({
      ...param,
      message_msg_id: provisionalId,
      message_conv_id: this.ref.id,
      message_conv_type: this.ref.type,
      message_sender: this.selfId,
      message_client_time: now,
      message_server_time: 0,
      message_is_from_self: true,
      message_status: TIMMsgStatus.Sending,
      message_unique_id: 0,
      message_rand: 0,
      message_seq: 0,
      message_elem_array: param.message_elem_array,
    });
    if (replacesId) {
      this.messages.delete(replacesId);
      this.sendFailures.delete(replacesId);
    }
    const paths = param.message_elem_array.flatMap((e) => ('image_elem_orig_path' in e ? [e.image_elem_orig_path] : 'file_elem_file_path' in e ? [e.file_elem_file_path] : []));
    if (paths.length > 0) {
      this.uploads.set(provisionalId, { paths });
    }
    void this.client
      .msgSendMessage(this.ref.id, this.ref.type, param)
      .then(({ message }) => {
        this.uploads.delete(provisionalId);
        this.messages.delete(provisionalId);
        this.channel?.notify('chat/messageUpdated', { message: this.view(message), replacesId: provisionalId });
        if (threadRootOf(message) !== undefined) {
          void this.listInThread(message);
        }
        if (askReceipts) {
          // "Not read yet" from the start, rather than nothing until the first member reads it.
          void this.receipts.load([message]).then(() => this.updateShown([message.message_msg_id]));
        }
      })
      .catch((error: unknown) => {
        this.uploads.delete(provisionalId);
        log().warn(`send failed: ${errorMessage(error)}`);
        this.sendFailures.set(provisionalId, sendFailureText(error));
        const failed = this.messages.get(provisionalId);
        if (failed) {
          this.channel?.notify('chat/messageUpdated', { message: this.view({ ...failed, message_status: TIMMsgStatus.SendFail }) });
        }
      });
    return pending;
  }

  /** Every request of the panel but the ping and Remind Me… (the panel answers those: chatPanel.ts). */
  readonly handlers: { [M in Exclude<keyof HostRequests, 'app/ping' | 'chat/remind'>]: Handler<M> } = {
    ...messageRequestHandlers(this.requestContext()),
    'chat/loadLatest': async ({ count }) => {
      const page = await this.page({ count });
      this.clearUnreadMark();
      return page;
    },
    'chat/loadOlder': ({ beforeId, count }) => this.page({ last: this.find(beforeId), count }),
    'chat/sendText': async ({ text, mentions, replyTo }) => {
      if (typeof text !== 'string' || !text.trim()) {
        throw new Error(vscode.l10n.t('There is nothing to send.'));
      }
      const atUsers = await this.mentions.check(mentions);
      const cloudData = replyTo === undefined ? undefined : await this.replyDataFor(replyTo);
      return this.send({
        message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: text }],
        ...(atUsers.length > 0 ? { message_group_at_user_array: atUsers } : {}),
        ...(cloudData ? { message_cloud_custom_str: cloudData } : {}),
      });
    },
    'chat/members': async () => ({ members: await this.mentions.candidates() }),
    'chat/react': async ({ id, reaction }) => {
      const message = this.find(id);
      if (this.view(message).status !== 'sent') {
        throw new Error(vscode.l10n.t('Only sent messages can have reactions.'));
      }
      await this.reactions.toggle(message, reaction, {
        invalid: () => new Error(vscode.l10n.t('That reaction is not one TIM Chat offers.')),
        tooManyReactions: () => new Error(vscode.l10n.t('This message has as many different reactions as TIM allows. Join one of them instead.')),
        tooManyUsers: () => new Error(vscode.l10n.t('As many people reacted so as TIM allows.')),
        unavailable: () => new Error(vscode.l10n.t('This TIM app has no message reactions (a feature of the paid editions of Tencent Cloud Chat).')),
      });
      return this.view(message);
    },
    'chat/pin': async ({ id, pinned }) => {
      if (this.ref.type !== TIMConvType.Group) {
        throw new Error(vscode.l10n.t('Only group messages can be pinned.'));
      }
      const message = this.messages.get(id) ?? this.pinned.find(id);
      if (!message) {
        throw new Error(vscode.l10n.t('That message is no longer loaded. Scroll to it and try again.'));
      }
      if (message.message_status !== TIMMsgStatus.SendSucc) {
        throw new Error(vscode.l10n.t('Only sent messages can be pinned.'));
      }
      await this.pinned.setPinned(message, pinned === true, {
        tooMany: () => new Error(vscode.l10n.t('This group already has as many pinned messages as TIM allows (10). Unpin one first.')),
        notAllowed: () => new Error(vscode.l10n.t('Only the group owner and admins can pin messages.')),
        unavailable: () => new Error(vscode.l10n.t('This TIM app has no pinned messages (a feature of the premium editions of Tencent Cloud Chat).')),
      });
      this.notifyPinned();
      this.updateShown([id]);
      return { pinned: this.pinned.isPinned(id) };
    },
    'chat/copyLink': async ({ id }) => {
      const { account } = this.session.requireSignedIn();
      const link = messageLinkOf(this.find(id), account.userId, account.sdkAppId);
      await vscode.env.clipboard.writeText(link);
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(link) Link to the message copied'), 4000);
      return { link };
    },
    'chat/whoRead': async ({ id }) => {
      const message = this.find(id);
      if (this.receipts.of(id) === undefined) {
        throw new Error(vscode.l10n.t('This message did not ask who read it.'));
      }
      return { shown: await showWhoRead(await this.receipts.members(message)) };
    },
    'chat/whoReacted': async ({ id }) => {
      const message = this.find(id);
      return { shown: await showWhoReacted(this.reactions.of(id) ?? [], (reaction) => this.reactions.allUsers(message, reaction), this.selfId) };
    },
    'chat/edit': async ({ id, text }) => {
      const showLatest = (latest: TimMessage): void => this.channel?.notify('chat/messageUpdated', { message: this.view(latest) });
      // The answer updates the panel (and TIM's MsgUpdate follows): no notification of its own.
      const message = await this.findEvenUnloaded(id);
      if (!message) {
        throw new Error(vscode.l10n.t('That message is no longer in this conversation.'));
      }
      return this.view(await editMessageText(this.client, message, this.selfId, text, showLatest));
    },
    'chat/retry': async ({ id }) => {
      const failed = this.find(id);
      const elements = failed.message_elem_array.filter((e) => e.elem_type !== TIMElemType.GroupTips && e.elem_type !== TIMElemType.GroupReport);
      return this.send({ message_elem_array: elements as TimMessageParam['message_elem_array'] }, id);
    },
    'chat/cancel': async ({ id }) => {
      const message = this.find(id);
      const uploading = this.uploads.get(id)?.messageId;
      if (uploading) {
        // A file still uploading: TIM named it in its progress events, so it can be cancelled.
        await this.client.msgCancelSend(this.ref.id, this.ref.type, uploading);
        return { cancelled: true };
      }
      if (id.startsWith('pending-') || message.message_status !== TIMMsgStatus.Sending) {
        // The SDK's message id is known only once TIM has taken the message; nothing to cancel before.
        return { cancelled: false };
      }
      await this.client.msgCancelSend(this.ref.id, this.ref.type, id);
      return { cancelled: true };
    },
    'chat/revoke': async ({ id }) => {
      const message = this.find(id);
      await this.client.msgRevoke(this.ref.id, this.ref.type, message);
      this.channel?.notify('chat/messageUpdated', { message: this.view({ ...message, message_status: TIMMsgStatus.Revoked }) });
      if (threadRootOf(message) !== undefined) {
        void this.showRootAfter(unlistReplyFromRoot(this.client, message));
      }
      return { revoked: true };
    },
    'chat/delete': async ({ ids, everywhere }) => {
      const targets = ids.map((id) => this.find(id));
      if (everywhere) {
        if (targets.length > LIST_DELETE_LIMIT) {
          throw new Error(vscode.l10n.t('Delete at most {0} messages at a time everywhere.', LIST_DELETE_LIMIT));
        }
        await this.client.msgListDelete(this.ref.id, this.ref.type, targets);
      } else {
        for (const message of targets) {
          await this.client.msgDelete(this.ref.id, this.ref.type, { msg_delete_param_msg: message, msg_delete_param_is_ramble: false });
        }
      }
      for (const id of ids) {
        this.messages.delete(id);
      }
      this.channel?.notify('chat/messagesRemoved', { ids });
      return { deleted: ids.length };
    },
    'chat/markRead': async () => {
      const newest = [...this.messages.values()].filter((m) => !m.message_msg_id.startsWith('pending-')).sort(compareMessages).pop();
      await this.client.msgReportReaded(this.ref.id, this.ref.type, newest);
      // The user has seen what is loaded: the messages that ask for a receipt get theirs.
      await this.receipts.report([...this.messages.values()]);
      return { unreadCount: 0 };
    },
  };

  /** What messageRequests.ts needs; getters because the handlers are built while fields initialise. */
  private requestContext(): MessageRequestContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return {
      get ref() {
        return self.ref;
      },
      get store() {
        return self.store;
      },
      get storageDir() {
        return self.session.storageDir;
      },
      client: () => self.client,
      selfId: () => self.selfId,
      find: (id) => self.find(id),
      view: (message) => self.view(message),
      send: (param) => self.send(param),
      removed: (ids) => self.removed(ids),
      webviewUri: (file) => self.webviewUri(file),
    };
  }

  /** The composer's draft becomes the conversation draft (shown in the tree, kept across sessions). */
  async saveDraft(text: string): Promise<void> {
    if (this.session.state.kind !== 'signedIn') {
      return;
    }
    if (text.trim()) {
      await this.client.convSetDraft(this.ref.id, this.ref.type, {
        draft_msg: { message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: text.slice(0, 10_000) }] },
        draft_edit_time: Math.floor(Date.now() / 1000),
      });
    } else {
      await this.client.convCancelDraft(this.ref.id, this.ref.type);
    }
  }

  async openLink(url: string): Promise<void> {
    if (parseChatLink(url)) {
      // Opened here, never handed to the OS: it names a message or a group, and TIM Chat is what finds it.
      await vscode.commands.executeCommand('timChat.openLink', url);
      return;
    }
    const safe = openableUrl(url);
    if (!safe) {
      void showWarning(vscode.l10n.t('TIM Chat opens only http, https and mailto links.'));
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(safe, true));
  }

  override dispose(): void {
    disposeAll(this.eventSubscriptions);
    super.dispose();
  }
}
