/**
 * The SDK's listeners, registered once per endpoint and turned into the TimEvent union of endpoint.ts.
 *
 * Listeners of the same C shape share one registered koffi callback and are told apart by the
 * `user_data` they were registered with (one slot per shape, as for requests). Inside the callback
 * the event is only recorded; listeners run later from a setImmediate, in arrival order, because the
 * SDK thread is blocked for as long as the callback runs.
 */
import type { TimDisposable, TimEvent } from '../tim/endpoint';
import type { BoundFunctions } from './bindings';
import type { CallbackBridge } from './bridge';

// user_data tags of the listeners that share a shape.
const JSON_EVENTS = ['RecvNewMsg', 'MsgUpdate', 'MsgRevoke', 'MsgReadedReceipt', 'MsgReactionsChanged', 'SelfInfoUpdated', 'UserStatusChanged', 'FriendBlackListAdded', 'FriendBlackListDeleted', 'OnAddFriend', 'OnDeleteFriend', 'UpdateFriendProfile', 'FriendAddRequest', 'FriendApplicationListDeleted'] as const;
const SIGNAL_EVENTS = ['KickedOffline', 'UserSigExpired', 'FriendApplicationListRead'] as const;

// The SDK keeps one listener per setter for the whole process. The hub attached last owns the setters;
// when it detaches, the previous live hub gets them back, so one endpoint's dispose never silences
// another. (RecvNewMsg is additive in the SDK: every hub adds and removes its own pointer.)
const attachedHubs: EventHub[] = [];

interface Pointers {
  readonly json: bigint;
  readonly progress: bigint;
  readonly convEvent: bigint;
  readonly count: bigint;
  readonly network: bigint;
  readonly signal: bigint;
  readonly groupPinned: bigint;
}

/**
 * TIMUninit forgets every listener (measured: after TIMUninit + TIMInit no event arrives until the
 * setters are called again), so the endpoint calls this after each TIMUninit.
 */
export function reinstallListeners(): void {
  for (const hub of attachedHubs) {
    hub.readdRecvNewMsg();
  }
  attachedHubs.at(-1)?.installSetters();
}

export class EventHub {
  private readonly listeners = new Set<(event: TimEvent) => void>();
  private queue: TimEvent[] = [];
  private flushScheduled = false;
  private attached = false;
  private pointers: Pointers | undefined;

  constructor(
    private readonly fns: BoundFunctions,
    private readonly bridge: CallbackBridge,
    private readonly onInternalError: (error: unknown) => void,
  ) {}

  /** Registers every listener with the SDK. Idempotent. */
  attach(): void {
    if (this.attached) {
      return;
    }
    this.attached = true;
    const push = (event: TimEvent): void => this.enqueue(event);
    const json = this.bridge.register('json', (text: string | null, tag: number) => {
      const name = JSON_EVENTS[tag];
      if (name) {
        push({ name, json: text ?? '' });
      }
    });
    const progress = this.bridge.register('uploadProgress', (text: string | null, index: number, cur: number, total: number) => {
      push({ name: 'MsgElemUploadProgress', json: text ?? '', index, cur, total });
    });
    const convEvent = this.bridge.register('convEvent', (event: number, text: string | null) => {
      push({ name: 'ConvEvent', event, json: text ?? '' });
    });
    const count = this.bridge.register('count', (total: number) => {
      push({ name: 'ConvTotalUnreadMessageCountChanged', total });
    });
    const network = this.bridge.register('networkStatus', (status: number, code: number, desc: string | null) => {
      push({ name: 'NetworkStatusListener', status, code, desc: desc ?? '' });
    });
    const signal = this.bridge.register('signal', (tag: number) => {
      const name = SIGNAL_EVENTS[tag];
      if (name) {
        push({ name });
      }
    });
    const groupPinned = this.bridge.register(
      'groupPinned',
      (groupId: string | null, text: string | null, isPinned: boolean, opUser: string | null) => {
        push({ name: 'MsgGroupPinnedMessageChanged', groupId: groupId ?? '', json: text ?? '', isPinned, opUser: opUser ?? '' });
      },
    );
    this.pointers = { json, progress, convEvent, count, network, signal, groupPinned };
    this.fns.TIMAddRecvNewMsgCallback(json, 0);
    attachedHubs.push(this);
    this.installSetters();
  }

  /** Remove-then-add, so it is right whether or not the SDK still had the pointer. */
  readdRecvNewMsg(): void {
    if (this.pointers) {
      this.fns.TIMRemoveRecvNewMsgCallback(this.pointers.json);
      this.fns.TIMAddRecvNewMsgCallback(this.pointers.json, 0);
    }
  }

  installSetters(): void {
    const p = this.pointers;
    if (!p) {
      return;
    }
    this.fns.TIMSetMsgUpdateCallback(p.json, 1);
    this.fns.TIMSetMsgRevokeCallback(p.json, 2);
    this.fns.TIMSetMsgReadedReceiptCallback(p.json, 3);
    this.fns.TIMSetMsgReactionsChangedCallback(p.json, 4);
    this.fns.TIMSetSelfInfoUpdatedCallback(p.json, 5);
    this.fns.TIMSetUserStatusChangedCallback(p.json, 6);
    this.fns.TIMSetFriendBlackListAddedCallback(p.json, 7);
    this.fns.TIMSetFriendBlackListDeletedCallback(p.json, 8);
    this.fns.TIMSetOnAddFriendCallback(p.json, 9);
    this.fns.TIMSetOnDeleteFriendCallback(p.json, 10);
    this.fns.TIMSetUpdateFriendProfileCallback(p.json, 11);
    this.fns.TIMSetFriendAddRequestCallback(p.json, 12);
    this.fns.TIMSetFriendApplicationListDeletedCallback(p.json, 13);
    this.fns.TIMSetFriendApplicationListReadCallback(p.signal, 2);
    this.fns.TIMSetMsgGroupPinnedMessageChangedCallback(p.groupPinned, 0);
    this.fns.TIMSetMsgElemUploadProgressCallback(p.progress, 0);
    this.fns.TIMSetConvEventCallback(p.convEvent, 0);
    this.fns.TIMSetConvTotalUnreadMessageCountChangedCallback(p.count, 0);
    this.fns.TIMSetNetworkStatusListenerCallback(p.network, 0);
    this.fns.TIMSetKickedOfflineCallback(p.signal, 0);
    this.fns.TIMSetUserSigExpiredCallback(p.signal, 1);
  }

  /** Unregisters every listener from the SDK (the koffi slots stay: see CallbackBridge.register). */
  detach(): void {
    if (!this.attached) {
      return;
    }
    this.attached = false;
    if (this.pointers) {
      // Remove needs the very pointer that was added (tim-sdk.md).
      this.fns.TIMRemoveRecvNewMsgCallback(this.pointers.json);
    }
    this.listeners.clear();
    this.queue = [];
    const index = attachedHubs.indexOf(this);
    const wasOwner = index === attachedHubs.length - 1;
    attachedHubs.splice(index, 1);
    if (!wasOwner) {
      return;
    }
    const previous = attachedHubs.at(-1);
    if (previous) {
      previous.installSetters();
      return;
    }
    this.fns.TIMSetMsgUpdateCallback(null, 0);
    this.fns.TIMSetMsgRevokeCallback(null, 0);
    this.fns.TIMSetMsgReadedReceiptCallback(null, 0);
    this.fns.TIMSetMsgReactionsChangedCallback(null, 0);
    this.fns.TIMSetSelfInfoUpdatedCallback(null, 0);
    this.fns.TIMSetUserStatusChangedCallback(null, 0);
    this.fns.TIMSetFriendBlackListAddedCallback(null, 0);
    this.fns.TIMSetFriendBlackListDeletedCallback(null, 0);
    this.fns.TIMSetOnAddFriendCallback(null, 0);
    this.fns.TIMSetOnDeleteFriendCallback(null, 0);
    this.fns.TIMSetUpdateFriendProfileCallback(null, 0);
    this.fns.TIMSetFriendAddRequestCallback(null, 0);
    this.fns.TIMSetFriendApplicationListDeletedCallback(null, 0);
    this.fns.TIMSetFriendApplicationListReadCallback(null, 0);
    this.fns.TIMSetMsgGroupPinnedMessageChangedCallback(null, 0);
    this.fns.TIMSetMsgElemUploadProgressCallback(null, 0);
    this.fns.TIMSetConvEventCallback(null, 0);
    this.fns.TIMSetConvTotalUnreadMessageCountChangedCallback(null, 0);
    this.fns.TIMSetNetworkStatusListenerCallback(null, 0);
    this.fns.TIMSetKickedOfflineCallback(null, 0);
    this.fns.TIMSetUserSigExpiredCallback(null, 0);
  }

  subscribe(listener: (event: TimEvent) => void): TimDisposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  private enqueue(event: TimEvent): void {
    if (!this.attached) {
      return;
    }
    this.queue.push(event);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    for (const event of batch) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.onInternalError(error);
        }
      }
    }
  };
}
