/**
 * The signed-in user's conversations, kept current from TIM's conversation events and total-unread
 * changes. Fires one change per event so the tree can refresh only what changed. A list read (sign-in,
 * reload) answers with what was true when TIM read it: an event that arrives while the read is under way
 * is newer, so the read's answer does not undo it (a conversation that a message created during the
 * sign-in stayed out of the tree until its next message).
 */
import * as vscode from 'vscode';
import { TIMConvEvent } from '../../tim/enums';
import type { TimClient } from '../../tim/client';
import type { TimConvInfo } from '../../tim/types/conversation';
import { Disposable, disposeAll } from '../lifecycle';
import { log } from '../log';
import { conversationKey } from './conversationKey';
import { compareSummaries, convRefOf, summarize, type ConversationSummary } from './conversationSummary';

/** A ConvInfo's conversation key (as summarize gives it). */
function keyOf(conv: TimConvInfo): string {
  return conversationKey(convRefOf(conv));
}

export class ConversationStore extends Disposable {
  private readonly onDidChangeEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires after the list or any conversation in it changed. */
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly onDidChangeTotalUnreadEmitter = this.register(new vscode.EventEmitter<number>());
  readonly onDidChangeTotalUnread = this.onDidChangeTotalUnreadEmitter.event;
  private readonly byKey = new Map<string, ConversationSummary>();
  /** When each conversation's last message last changed, by a counter: orders ties within a second. */
  private readonly recency = new Map<string, number>();
  private clock = 0;
  private totalUnreadCount = 0;
  /** Counts events: what each conversation's (and the total's) last event was, for list reads under way. */
  private eventClock = 0;
  private readonly eventStamps = new Map<string, number>();
  private totalStamp = 0;
  private subscriptions: vscode.Disposable[] = [];
  private selfId = '';

  get totalUnread(): number {
    return this.totalUnreadCount;
  }

  /** Sorted: pinned first, then newest. */
  list(): ConversationSummary[] {
    const recency = (key: string): number => this.recency.get(key) ?? 0;
    return [...this.byKey.values()].sort((a, b) => compareSummaries(a, b, recency));
  }

  /** Whether any conversation matches, in no particular order (no sort, unlike list()). */
  some(predicate: (summary: ConversationSummary) => boolean): boolean {
    for (const summary of this.byKey.values()) {
      if (predicate(summary)) {
        return true;
      }
    }
    return false;
  }

  get(key: string): ConversationSummary | undefined {
    return this.byKey.get(key);
  }

  /** Starts following `client` (or stops, with undefined) and loads the list. */
  async attach(client: TimClient | undefined, selfId: string): Promise<void> {
    disposeAll(this.subscriptions);
    this.byKey.clear();
    this.recency.clear();
    this.eventStamps.clear();
    this.totalStamp = 0;
    this.selfId = selfId;
    this.setTotal(0);
    if (!client) {
      this.onDidChangeEmitter.fire();
      return;
    }
    this.subscriptions = [
      client.onEvent('ConvEvent', ({ event, conversations }) => this.apply(event, conversations)),
      client.onEvent('ConvTotalUnreadMessageCountChanged', ({ total }) => {
        this.totalStamp = ++this.eventClock;
        this.setTotal(total);
      }),
    ];
    await this.reload(client);
  }

  async reload(client: TimClient): Promise<void> {
    const started = this.eventClock;
    const changedSince = (key: string): boolean => (this.eventStamps.get(key) ?? 0) > started;
    try {
      const [conversations, total] = await Promise.all([client.convGetConvList(), client.convGetTotalUnreadMessageCount()]);
      // Keep what is known of unchanged conversations (their recency); the server lists newest first,
      // so new or changed ones are added oldest first to get increasing recency. What an event changed
      // while the read was under way stays as the event left it (added, changed or deleted).
      const keep = new Set<string>();
      this.upsert([...conversations].reverse().filter((conv) => !changedSince(keyOf(conv))), keep);
      for (const key of [...this.byKey.keys()]) {
        if (!keep.has(key) && !changedSince(key)) {
          this.byKey.delete(key);
          this.recency.delete(key);
        }
      }
      if (this.totalStamp <= started) {
        this.setTotal(total);
      }
      this.onDidChangeEmitter.fire();
    } catch (error: unknown) {
      log().error(`loading conversations failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  private apply(event: number, conversations: readonly TimConvInfo[]): void {
    if (event === TIMConvEvent.Add || event === TIMConvEvent.Update || event === TIMConvEvent.Del) {
      for (const conv of conversations) {
        this.eventStamps.set(keyOf(conv), ++this.eventClock);
      }
    }
    if (event === TIMConvEvent.Add || event === TIMConvEvent.Update) {
      this.upsert(conversations);
    } else if (event === TIMConvEvent.Del) {
      for (const conv of conversations) {
        const key = keyOf(conv);
        this.byKey.delete(key);
        this.recency.delete(key);
      }
    } else {
      return;
    }
    this.onDidChangeEmitter.fire();
  }

  private upsert(conversations: readonly TimConvInfo[], seen?: Set<string>): void {
    for (const conv of conversations) {
      const summary = summarize(conv, this.selfId, vscode.l10n.t);
      seen?.add(summary.key);
      const previous = this.byKey.get(summary.key);
      if (!previous || previous.lastTime !== summary.lastTime || previous.preview !== summary.preview) {
        this.recency.set(summary.key, ++this.clock);
      }
      this.byKey.set(summary.key, summary);
    }
  }

  private setTotal(total: number): void {
    if (total !== this.totalUnreadCount) {
      this.totalUnreadCount = total;
      this.onDidChangeTotalUnreadEmitter.fire(total);
    }
  }

  override dispose(): void {
    disposeAll(this.subscriptions);
    super.dispose();
  }
}
