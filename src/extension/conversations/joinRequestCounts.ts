/**
 * How many requests to join wait in each group the user approves, for the Conversations tree: read at
 * sign-in, again when a request arrives (the AddRequest group report) or someone joins a group (another
 * admin may have accepted a request), and after the user decides one (refresh()); the first read of a
 * sign-in also tells how many arrived while the user was away (onDidReadAtSignIn). Reads are serialized:
 * one runs at a time, and a change during a read reads again after it.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../shared/errorMessage';
import type { TimClient } from '../../tim/client';
import { TIMElemType, TIMGroupReportType, TIMGroupTipType } from '../../tim/enums';
import type { TimMessage } from '../../tim/types/message';
import { Disposable } from '../lifecycle';
import { log } from '../log';
import type { TimSession } from '../session/timSession';
import { groupReportOf } from './groupReports';
import { readJoinRequests, waitingJoinRequests } from './joinRequests';

/** Whether a message can change what waits: a request arriving, or a member joining (an accepted request). */
function touchesRequests(message: TimMessage): boolean {
  if (groupReportOf(message)?.type === TIMGroupReportType.AddRequest) {
    return true;
  }
  return (message.message_elem_array ?? []).some((elem) => elem.elem_type === TIMElemType.GroupTips && elem.group_tips_elem_tip_type === TIMGroupTipType.Invite);
}

export class JoinRequestCounts extends Disposable {
  private readonly onDidChangeEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when any group's count changed. */
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly onDidReadAtSignInEmitter = this.register(new vscode.EventEmitter<number>());
  /** Fires once per sign-in, after the first read, with TIM's count of requests unread since the last review. */
  readonly onDidReadAtSignIn = this.onDidReadAtSignInEmitter.event;
  private counts = new Map<string, number>();
  private subscription: vscode.Disposable | undefined;
  private client: TimClient | undefined;
  private reading: Promise<void> | undefined;
  private again = false;
  /** False once TIM refused the first read (a TIM app without it): no more reads this session. */
  private available = true;
  private readOnce = false;

  constructor(private readonly session: TimSession) {
    super();
    this.register(session.onDidChangeState(() => this.follow()));
    this.register({ dispose: () => this.subscription?.dispose() });
    this.follow();
  }

  /** The requests waiting to join `groupId` (0 when none, or when the user approves none there). */
  waitingIn(groupId: string): number {
    return this.counts.get(groupId) ?? 0;
  }

  /** Reads the counts again (after the user decided a request, say). */
  refresh(): Promise<void> {
    if (!this.client || !this.available) {
      return Promise.resolve();
    }
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.read(this.client).finally(() => {
      this.reading = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.reading;
  }

  private follow(): void {
    this.subscription?.dispose();
    this.subscription = undefined;
    this.client = undefined;
    this.available = true;
    this.readOnce = false;
    this.setCounts(new Map());
    const state = this.session.state;
    if (state.kind !== 'signedIn') {
      return;
    }
    this.client = state.client;
    this.subscription = state.client.onEvent('RecvNewMsg', (messages) => {
      if (messages.some(touchesRequests)) {
        void this.refresh();
      }
    });
    void this.refresh();
  }

  private async read(client: TimClient): Promise<void> {
    try {
      const counts = new Map<string, number>();
      const { requests, unread } = await readJoinRequests(client);
      for (const request of waitingJoinRequests(requests)) {
        counts.set(request.group_pendency_group_id, (counts.get(request.group_pendency_group_id) ?? 0) + 1);
      }
      if (client === this.client) {
        const first = !this.readOnce;
        this.readOnce = true;
        this.setCounts(counts);
        if (first) {
          this.onDidReadAtSignInEmitter.fire(unread);
        }
      }
    } catch (error: unknown) {
      if (!this.readOnce) {
        this.available = false;
      }
      log().info(`requests to join not counted: ${errorMessage(error)}`);
    }
  }

  private setCounts(counts: Map<string, number>): void {
    const same = counts.size === this.counts.size && [...counts].every(([group, n]) => this.counts.get(group) === n);
    this.counts = counts;
    if (!same) {
      this.onDidChangeEmitter.fire();
    }
  }
}
