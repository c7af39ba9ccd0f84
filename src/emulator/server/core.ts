/**
 * The emulator without its network side: app identity, database, event hub, group-commit queue and the
 * services handlers use. startEmulator puts a WebSocket server in front of it; `tim-emulator seed` uses
 * it directly.
 */
import type { Database as Db } from 'better-sqlite3';
import { join } from 'node:path';
import { Access } from './access';
import { type AppConfig, loadOrCreateAppConfig } from './appConfig';
import { Blocklists } from './blocklistStore';
import { CommitQueue } from './commitQueue';
import type { Emulator, EmulatorOptions, InFlightSend } from './context';
import { RecentOnlineSends } from './messages/onlineSend';
import { Conversations } from './conversations';
import { Delivery } from './delivery';
import { EventHub } from './eventHub';
import { FriendStore } from './friendStore';
import { FtsIndexer } from './ftsIndexer';
import { GroupMutes } from './groupMuteStore';
import type { IndexUndoLog } from './indexUndoLog';
import { RateLimiter } from './limits';
import { MessageModel } from './messageModel';
import { type Durability, openDatabase } from './schema';
import { UserStatuses } from './userStatus';

export interface CoreOptions {
  readonly appId?: number;
  readonly revokeTimeLimitSeconds?: number;
  readonly uploadChunkDelayMs?: number;
  /** 'full' (default): fsync at every commit; 'normal': survives a killed process, not a crashed machine. */
  readonly durability?: Durability;
  /** Where the server's own problems are reported (the full-text indexer failing, say). */
  readonly warn?: (line: string) => void;
}

export interface EmulatorCore {
  readonly emu: Emulator;
  readonly app: AppConfig;
  readonly queue: CommitQueue;
  readonly db: Db;
}

export function openEmulator(dataDir: string, options: CoreOptions = {}): EmulatorCore {
  const app = loadOrCreateAppConfig(dataDir, options.appId);
  const db = openDatabase(dataDir, options.durability ?? 'full');
  const hub = new EventHub(db);
  const model = new MessageModel(db);
  const access = new Access(db);
  const convs = new Conversations(db, model, access);
  const delivery = new Delivery(db, model, hub);
  const queue = new CommitQueue(db, hub);
  const statuses = new UserStatuses(db, hub);
  const blocklists = new Blocklists(db);
  const groupMutes = new GroupMutes(db);
  const fts = new FtsIndexer(
    db,
    (fn) => queue.whenDurable(fn),
    options.warn ?? ((line) => console.warn(line)),
    (change) => queue.enqueue(change),
  );
  const emuOptions: EmulatorOptions = {
    revokeTimeLimitSeconds: options.revokeTimeLimitSeconds ?? 120,
    uploadChunkDelayMs: options.uploadChunkDelayMs ?? 0,
    blobDir: join(dataDir, 'blobs'),
    baseUrl: '',
    localPaths: true,
  };
  const emu: Emulator = {
    db,
    queue,
    hub,
    app,
    options: emuOptions,
    limiter: new RateLimiter(),
    model,
    access,
    delivery,
    convs,
    fts,
    inFlight: new Map<string, InFlightSend>(),
    recentOnline: new RecentOnlineSends(),
    statuses,
    blocklists,
    groupMutes,
    friends: new FriendStore(db),
    serverTime: () => Math.floor(Date.now() / 1000),
  };
  hub.setSource({
    viewMessage: (id, userId, deviceId, fresh) => model.viewTextById(id, userId, deviceId, fresh),
    viewConversation: (userId, convType, convId) => convs.view(userId, convType, convId),
    totalUnread: (userId) => convs.totalUnread(userId),
  });
  queue.onCommitted = () => model.endCommit();
  // Counters first: their flush before a non-send operation must precede anything that operation does.
  queue.operationHooks.push(delivery.counters, delivery);
  // The send path's in-memory indexes follow their rows: a rolled-back change is undone in memory too.
  followRollbacks(queue, blocklists);
  followRollbacks(queue, groupMutes);
  queue.beforeCommit.push(() => delivery.counters.flush());
  queue.beforeCommit.push(() => delivery.flushSeqs());
  queue.onFailed.push(() => delivery.resetSeqs());
  queue.onFailed.push(() => delivery.counters.discard());
  // Rows the rolled-back transaction inserted are gone: forget what was cached about them.
  queue.onFailed.push(() => delivery.forgetConversations());
  queue.onFailed.push(() => model.forgetBodies());
  // A status change whose events rolled back was never told (userStatus.ts).
  queue.onFailed.push(() => statuses.failed());
  queue.afterCommit.push(() => statuses.committed());
  // The full-text index follows the commits in its worker (ftsIndexer.ts).
  queue.afterCommit.push(() => fts.committed());
  queue.onClose.push(() => void fts.stop());
  return { emu, app, queue, db };
}

/** Wires an in-memory index to the commits of the rows it mirrors (indexUndoLog.ts). */
function followRollbacks(queue: CommitQueue, index: IndexUndoLog): void {
  queue.operationHooks.push(index);
  queue.onFailed.push(() => index.failed());
  queue.afterCommit.push(() => index.committed());
}
