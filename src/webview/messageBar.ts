/**
 * What the bars above the composer about one message share (the message replied to, the message being
 * edited): Escape in the composer cancels the bar, and it goes when its message is deleted or recalled.
 */
import type { ChatMessageView } from '../shared/chatModel';

export abstract class MessageBar {
  /** The message the bar is about, while it shows. */
  protected target: ChatMessageView | undefined;

  abstract cancel(): void;

  /** Escape in the composer while the bar shows: cancelled, and the key used. */
  handleKey(event: KeyboardEvent): boolean {
    if (event.key !== 'Escape' || this.target === undefined) {
      return false;
    }
    this.cancel();
    return true;
  }

  /** Messages went away (deleted, recalled): so does the bar, when its message is one of them. */
  forget(ids: readonly string[]): void {
    if (this.target && ids.includes(this.target.id)) {
      this.cancel();
    }
  }
}
