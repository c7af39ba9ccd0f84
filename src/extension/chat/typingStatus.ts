/**
 * When to tell the peer of a one-to-one chat that the user is typing (src/tim/tuikitTyping.ts has the
 * message). As TUIKit does, only while the peer is active in the chat (they wrote, or were typing, in
 * the last 30 s), so a composer left open does not send anything to someone who is not looking; then at
 * most one "typing" every 4 s while the user types, and one "stopped" after the last "typing".
 */

/** The peer counts as active for this long after their last message or typing status (TUIKit: 30 s). */
export const PEER_ACTIVE_MS = 30_000;
/** "Typing" is sent again after this long while the user keeps typing (receivers hide it after 6 s). */
export const TYPING_RESEND_MS = 4_000;

export class TypingStatusSender {
  private peerActiveAt = Number.NEGATIVE_INFINITY;
  private lastTypingAt = Number.NEGATIVE_INFINITY;
  /** A "typing" went out and no "stopped" since. */
  private announced = false;

  constructor(
    private readonly send: (typing: boolean) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The peer wrote or typed just now. */
  peerActive(): void {
    this.peerActiveAt = this.now();
  }

  /** The composer changed: `typing` while it holds text, false once it is empty, sent or left. */
  update(typing: boolean): Promise<void> {
    const now = this.now();
    if (typing) {
      if (now - this.peerActiveAt > PEER_ACTIVE_MS || now - this.lastTypingAt < TYPING_RESEND_MS) {
        return Promise.resolve();
      }
      this.lastTypingAt = now;
      this.announced = true;
      return this.send(true);
    }
    if (!this.announced) {
      return Promise.resolve();
    }
    this.announced = false;
    this.lastTypingAt = Number.NEGATIVE_INFINITY;
    return this.send(false);
  }
}
