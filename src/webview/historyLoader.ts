/**
 * Paging through history: the newest page (on open, and for "Jump to latest"), older pages as the user
 * nears the top, and the status shown above the list while it happens. Failures become a short error
 * line with Try Again; nothing is retried in a loop.
 */
import { errorMessage } from '../shared/errorMessage';
import type { ChatView } from './chatView';
import type { HostChannel } from './hostChannel';
import type { MessageStore, Splice } from './messageStore';
import type { Translate } from './strings';
import type { VirtualList } from './virtualList';

/** Messages per request. */
export const PAGE_SIZE = 50;

export interface HistoryContext {
  readonly channel: HostChannel;
  readonly store: MessageStore;
  readonly list: VirtualList;
  readonly view: ChatView;
  t(): Translate;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** A page arrived (before the list is told): the unread marker may be placeable now. */
  onPage(): void;
  applySplices(splices: readonly Splice[]): void;
  publishCounts(): void;
}

export class HistoryLoader {
  private loadingLatest = false;
  private loadingOlder = false;
  private olderFailed = false;

  constructor(private readonly c: HistoryContext) {}

  get isLoadingLatest(): boolean {
    return this.loadingLatest;
  }

  get isLoadingOlder(): boolean {
    return this.loadingOlder;
  }

  async loadLatest(): Promise<void> {
    if (this.loadingLatest) {
      return;
    }
    this.loadingLatest = true;
    document.body.dataset.loadState = 'loading';
    if (this.c.store.count === 0) {
      this.c.view.setTopStatus(this.c.t()('list.loading'), true);
    }
    try {
      const page = await this.c.channel.request('chat/loadLatest', { count: PAGE_SIZE });
      this.c.store.reset(page);
      this.c.onPage();
      this.c.list.reset();
      this.olderFailed = false;
      this.c.view.setError('');
      document.body.dataset.loadState = 'loaded';
      if (document.body.dataset.firstPaintMs === undefined) {
        // For benchmarks: ms since the page started until the first page of messages is on screen.
        requestAnimationFrame(() => {
          document.body.dataset.firstPaintMs = String(Math.round(performance.now()));
        });
      }
    } catch (error: unknown) {
      document.body.dataset.loadState = 'error';
      this.c.view.setError(this.c.t()('list.loadFailed', errorMessage(error)), { label: this.c.t()('list.retryLoad'), run: () => void this.loadLatest() });
      this.c.log('warn', `chat/loadLatest failed: ${errorMessage(error)}`);
    } finally {
      this.loadingLatest = false;
      this.updateTopStatus();
      this.c.publishCounts();
    }
  }

  async loadOlder(count = PAGE_SIZE): Promise<boolean> {
    const oldest = this.c.store.oldest;
    if (this.loadingOlder || this.loadingLatest || this.olderFailed || !this.c.store.hasMoreBefore || !oldest) {
      return false;
    }
    this.loadingOlder = true;
    this.updateTopStatus();
    try {
      const page = await this.c.channel.request('chat/loadOlder', { beforeId: oldest.id, count });
      if (this.c.store.oldest?.id !== oldest.id) {
        return false;
      }
      const splice = this.c.store.prepend(page);
      if (splice.inserted === 0) {
        // A page with nothing new would be asked for again and again.
        this.c.store.hasMoreBefore = false;
      }
      this.c.onPage();
      this.c.applySplices([splice]);
      return splice.inserted > 0;
    } catch (error: unknown) {
      // No automatic retry (the list asks on every frame near the top): the user retries.
      this.olderFailed = true;
      this.c.view.setError(this.c.t()('list.loadFailed', errorMessage(error)), { label: this.c.t()('list.retryLoad'), run: () => {
        this.olderFailed = false;
        this.c.view.setError('');
        void this.loadOlder();
      } });
      this.c.log('warn', `chat/loadOlder failed: ${errorMessage(error)}`);
      return false;
    } finally {
      this.loadingOlder = false;
      this.updateTopStatus();
      this.c.publishCounts();
    }
  }

  updateTopStatus(): void {
    if (this.loadingOlder) {
      this.c.view.setTopStatus(this.c.t()('list.loadingOlder'), true);
    } else if (this.loadingLatest && this.c.store.count === 0) {
      this.c.view.setTopStatus(this.c.t()('list.loading'), true);
    } else if (this.c.store.loaded && this.c.store.count === 0) {
      this.c.view.setTopStatus(this.c.t()('list.empty'), false);
    } else if (this.c.store.loaded && !this.c.store.hasMoreBefore && this.c.list.renderedRange.start === 0 && this.c.view.scroller.scrollTop < 8) {
      this.c.view.setTopStatus(this.c.t()('list.start'), false);
    } else {
      this.c.view.setTopStatus('', false);
    }
  }
}
