/**
 * "Typing…" both ways in a one-to-one chat. Out: `chat/typing` while the composer holds text (at most
 * once a second; the host decides what reaches the peer, src/extension/chat/typingStatus.ts) and once
 * more, false, when it empties, is sent or loses focus. In: "<peer> is typing…" above the composer on
 * `chat/peerTyping`, gone when they stop, when their message arrives (the host says so) or after 6 s
 * without news (a peer that went away sends no "stopped").
 */
import type { ChatView } from './chatView';
import { attrs, el } from './dom';
import type { HostChannel } from './hostChannel';
import type { Translate } from './strings';

const REPORT_EVERY_MS = 1_000;
export const PEER_TYPING_TIMEOUT_MS = 6_000;

export interface TypingStatusContext {
  readonly view: ChatView;
  readonly channel: HostChannel;
  t(): Translate;
  isGroup(): boolean;
  /** An edit of a sent message is in the composer: not news for the peer. */
  isEditing(): boolean;
}

export class TypingStatus {
  readonly element: HTMLElement;
  private reported = false;
  private lastReportAt = Number.NEGATIVE_INFINITY;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly c: TypingStatusContext) {
    this.element = attrs(el('div', 'typing-line'), { id: 'typing-line', 'aria-live': 'polite', hidden: '' });
    c.view.composerForm.before(this.element);
    c.channel.on('chat/peerTyping', ({ typing }) => this.showPeer(typing === true));
    c.view.input.addEventListener('input', () => this.changed());
    c.view.input.addEventListener('blur', () => this.stopped());
  }

  /** The user stopped: sent the text, emptied the composer or left it. */
  stopped(): void {
    if (!this.reported) {
      return;
    }
    this.reported = false;
    this.lastReportAt = Number.NEGATIVE_INFINITY;
    this.c.channel.command('chat/typing', { typing: false });
  }

  private changed(): void {
    if (this.c.isGroup() || this.c.isEditing()) {
      return;
    }
    if ((this.c.view.input.value ?? '').trim() === '') {
      this.stopped();
      return;
    }
    const now = Date.now();
    if (now - this.lastReportAt < REPORT_EVERY_MS) {
      return;
    }
    this.lastReportAt = now;
    this.reported = true;
    this.c.channel.command('chat/typing', { typing: true });
  }

  private showPeer(typing: boolean): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = undefined;
    if (!typing) {
      this.element.hidden = true;
      this.element.textContent = '';
      return;
    }
    this.element.textContent = this.c.t()('typing.peer', this.c.view.title.textContent ?? '');
    this.element.hidden = false;
    this.hideTimer = setTimeout(() => this.showPeer(false), PEER_TYPING_TIMEOUT_MS);
  }
}
