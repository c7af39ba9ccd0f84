/** Message views for webview unit tests. */
import type { ChatMessageView } from '../../src/shared/chatModel';

export function message(id: string, overrides: Partial<ChatMessageView> = {}): ChatMessageView {
  return {
    id,
    seq: overrides.seq ?? id.replace(/\D/g, '') ?? '1',
    time: 1_700_000_000,
    sender: 'alice',
    senderName: 'Alice Liddell',
    isSelf: false,
    status: 'sent',
    isPeerRead: false,
    revocableUntil: 0,
    mentionsMe: false,
    elements: [{ kind: 'text', text: `text of ${id}` }],
    ...overrides,
  };
}

/** A hand-driven clock for Debouncer and friends. */
export class ManualTimers {
  now = 0;
  private next = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= this.now && this.timers.has(id)) {
        this.timers.delete(id);
        timer.callback();
      }
    }
  }

  get pending(): number {
    return this.timers.size;
  }
}
