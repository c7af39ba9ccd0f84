/**
 * What every handler works with: the database, the group-commit queue, the event hub, the app identity
 * and options, and the calling connection's session (a device once TIMInit and TIMLogin succeeded).
 */
import type { Database as Db } from 'better-sqlite3';
import type { AppConfig } from './appConfig';
import type { CommitQueue } from './commitQueue';
import type { EventHub, EventSink } from './eventHub';
import { ApiError, Err } from './apiError';
import type { Args } from './args';
import type { RateLimiter } from './limits';
import type { Access } from './access';
import type { Blocklists } from './blocklistStore';
import type { Conversations } from './conversations';
import type { FriendStore } from './friendStore';
import type { FtsIndexer } from './ftsIndexer';
import type { GroupMutes } from './groupMuteStore';
import type { Delivery } from './delivery';
import type { MessageModel } from './messageModel';
import type { RecentOnlineSends } from './messages/onlineSend';
import type { UserStatuses } from './userStatus';

export interface EmulatorOptions {
  /** Seconds after sending within which the sender may revoke (TIM's default is 120). */
  readonly revokeTimeLimitSeconds: number;
  /** Test hook: delay between upload chunks, so a send stays cancellable long enough to test. */
  readonly uploadChunkDelayMs: number;
  /** Where uploaded payloads are kept. */
  readonly blobDir: string;
  /** http://host:port, the base of element download URLs. */
  baseUrl: string;
  /**
   * Whether element payloads may be read from, and downloads written to, paths on this machine. Off
   * when the emulator listens beyond loopback: a remote client could otherwise read or write any file
   * the emulator can.
   */
  localPaths: boolean;
}

export interface Session {
  initialized: boolean;
  sdkAppId: number;
  configPath: string;
  /** 1 logged in, 2 logging in, 3 logged out, 4 logging out (TIMLoginStatus). */
  loginStatus: number;
  userId: string;
  deviceId: number;
  /** From the hello frame: events after this are replayed once the device is known. */
  lastEventSeq: number;
  /**
   * From the hello frame: the client reconnects to a session it had, so even with lastEventSeq 0 (no
   * event seen yet) everything the device got while it was away is replayed.
   */
  resume: boolean;
  readonly sink: EventSink;
  /** Closes the connection (kicked offline). */
  kick(): void;
  /** Fires when the UserSig of the login runs out (auth.ts watchUserSigExpiry). */
  userSigTimer?: NodeJS.Timeout;
  /** Set once the connection closed: a login that completes after it leaves the device unconnected. */
  closed?: boolean;
}

export interface Emulator {
  readonly db: Db;
  readonly queue: CommitQueue;
  readonly hub: EventHub;
  readonly app: AppConfig;
  readonly options: EmulatorOptions;
  readonly limiter: RateLimiter;
  readonly model: MessageModel;
  readonly access: Access;
  readonly delivery: Delivery;
  readonly convs: Conversations;
  /** The full-text index, kept by a worker thread (ftsIndexer.ts). */
  readonly fts: FtsIndexer;
  /** Sends in flight (uploading or queued) by message id: cancel and resend look here. */
  readonly inFlight: Map<string, InFlightSend>;
  /** Recent online sends by client message id: a resend is answered, not delivered again (onlineSend.ts). */
  readonly recentOnline: RecentOnlineSends;
  /** Users' online and custom status, and subscriptions to them (userStatus.ts). */
  readonly statuses: UserStatuses;
  /** Every user's blocklist, indexed in memory for the C2C send path (blocklistStore.ts). */
  readonly blocklists: Blocklists;
  /** Muted group members, indexed in memory for the group send path (groupMuteStore.ts). */
  readonly groupMutes: GroupMutes;
  /** Friend lists, friend requests and their read marks (friendStore.ts). */
  readonly friends: FriendStore;
  serverTime(): number;
}

export interface InFlightSend {
  readonly userId: string;
  cancelled: boolean;
  /** Set once the send is under way; a resend of the same id waits for it. */
  done: Promise<unknown>;
}

export interface Ctx {
  readonly emu: Emulator;
  readonly session: Session;
  readonly api: string;
  /** TIMMsgSendMessage: the message id the client chose. */
  readonly messageId?: string;
  /**
   * Set when the call asked for progress (CallFrame.progress): sends a ProgressFrame with a callback's
   * desc and json to the calling socket, ahead of the result.
   */
  readonly progress?: (desc: string, json: string) => void;
}

/** The logged-in user and device, or the SDK's 6013 / 6014. */
export function requireLogin(ctx: Ctx): { userId: string; deviceId: number } {
  if (!ctx.session.initialized) {
    throw new ApiError(Err.NOT_INITIALIZED, 'sdk not initialized');
  }
  if (ctx.session.loginStatus !== 1 || ctx.session.deviceId === 0) {
    throw new ApiError(Err.NOT_LOGGED_IN, 'not login');
  }
  return { userId: ctx.session.userId, deviceId: ctx.session.deviceId };
}

/** What a handler answers: the callback's code/desc/json, plus the extras of some calls. */
export interface Outcome {
  readonly code?: number;
  readonly desc?: string;
  readonly json?: string;
  readonly messageId?: string;
  /** Synchronous calls: the C return value. */
  readonly value?: string | number | bigint;
  /** TIMLogin: the device's latest event seq when the login completed. */
  readonly eventSeq?: number;
}

export type Handler = (ctx: Ctx, args: Args) => Outcome | Promise<Outcome>;
