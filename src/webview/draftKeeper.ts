/**
 * The composer's draft: kept in the webview state at once (it survives a reload even when the host has
 * not heard of it yet) and sent to the host as the conversation draft after typing pauses.
 */
import { Debouncer, realTimers, type Timers } from './debounce';

export const DRAFT_DEBOUNCE_MS = 600;

export class DraftKeeper {
  private readonly saver: Debouncer<string>;
  private lastSaved: string | undefined;

  constructor(
    private readonly saveToHost: (text: string) => void,
    private readonly persistLocally: (text: string) => void,
    delayMs = DRAFT_DEBOUNCE_MS,
    timers: Timers = realTimers,
  ) {
    this.saver = new Debouncer((text) => this.save(text), delayMs, timers);
  }

  /** Which draft to show when the panel opens: the webview state's (newest) over the host's. */
  static initialDraft(hostDraft: string, stateDraft: string | undefined): string {
    return stateDraft ?? hostDraft;
  }

  /** The host's draft is what it already has: no need to send it back. */
  knownToHost(text: string): void {
    this.lastSaved = text;
  }

  changed(text: string): void {
    this.persistLocally(text);
    this.saver.schedule(text);
  }

  /** The message was sent: the draft is empty now, on both sides. */
  sent(): void {
    this.saver.cancel();
    this.persistLocally('');
    this.save('');
  }

  /** The page is going away or hidden: send what is pending. */
  flush(): void {
    this.saver.flush();
  }

  private save(text: string): void {
    if (text !== this.lastSaved) {
      this.lastSaved = text;
      this.saveToHost(text);
    }
  }
}
