/**
 * The pinned bar of a group chat: one of the group's pinned messages (the latest pinned first) under
 * the header. Its text shows that message in the history (paging back to it); with more than one,
 * "next" steps through them; the group's owner and admins get "Unpin". Hidden when nothing is pinned.
 * Everything it shows is message data, set as text.
 */
import type { PinnedMessageView } from '../shared/chatModel';
import { attrs, codicon, el } from './dom';
import type { Translate } from './strings';

export interface PinnedBarContext {
  t(): Translate;
  /** Scrolls to the message (paging back to it): 'missing' or 'far' when it cannot be shown. */
  reveal(id: string): Promise<'shown' | 'missing' | 'far'>;
  unpin(id: string): Promise<void>;
  setError(text: string): void;
}

export class PinnedBar {
  readonly element: HTMLElement;
  private readonly text: HTMLButtonElement;
  private readonly position: HTMLElement;
  private readonly nextButton: HTMLButtonElement;
  private readonly unpinButton: HTMLButtonElement;
  private messages: readonly PinnedMessageView[] = [];
  private canPin = false;
  /** Index into `messages` of the one shown. */
  private current = 0;

  constructor(private readonly c: PinnedBarContext) {
    this.element = attrs(el('div', 'pinned-bar'), { id: 'pinned-bar', role: 'region', hidden: '' });
    this.text = attrs(el('button', 'pinned-bar-text'), { type: 'button', id: 'pinned-show' });
    this.position = attrs(el('span', 'pinned-bar-position'), { id: 'pinned-position' });
    this.nextButton = attrs(el('button', 'pinned-bar-button'), { type: 'button', id: 'pinned-next' });
    this.nextButton.append(codicon('chevron-down'));
    this.unpinButton = attrs(el('button', 'pinned-bar-button'), { type: 'button', id: 'pinned-unpin' });
    this.unpinButton.append(codicon('pinned-dirty'));
    this.element.append(codicon('pinned'), this.text, this.position, this.nextButton, this.unpinButton);
    this.text.addEventListener('click', () => void this.show());
    this.nextButton.addEventListener('click', () => {
      this.current = (this.current + 1) % Math.max(1, this.messages.length);
      this.refresh();
    });
    this.unpinButton.addEventListener('click', () => void this.unpinCurrent());
  }

  /** The host's chat/pinned: the list (latest pinned first) and whether the user may unpin. */
  update(messages: readonly PinnedMessageView[], canPin: boolean): void {
    const shownId = this.messages[this.current]?.id;
    const newlyPinned = messages[0] !== undefined && !this.messages.some((m) => m.id === messages[0]?.id);
    this.messages = messages;
    this.canPin = canPin;
    // A message just pinned shows; otherwise the same one while it is still pinned, else the latest.
    const kept = messages.findIndex((m) => m.id === shownId);
    this.current = newlyPinned || kept < 0 ? 0 : kept;
    this.refresh();
  }

  /** Draws the bar again (new list, or new strings). */
  refresh(): void {
    const shown = this.messages[this.current];
    this.element.hidden = shown === undefined;
    if (!shown) {
      return;
    }
    const t = this.c.t();
    const count = this.messages.length;
    this.element.setAttribute('aria-label', t('pinned.region'));
    this.text.textContent = t('pinned.text', shown.senderName, shown.text);
    this.text.title = t('pinned.show', shown.pinnedBy);
    this.position.textContent = count > 1 ? t('pinned.position', this.current + 1, count) : '';
    this.position.hidden = count <= 1;
    this.nextButton.hidden = count <= 1;
    this.nextButton.title = t('pinned.next');
    this.nextButton.setAttribute('aria-label', t('pinned.next'));
    this.unpinButton.hidden = !this.canPin;
    this.unpinButton.title = t('pinned.unpin');
    this.unpinButton.setAttribute('aria-label', t('pinned.unpin'));
  }

  private async show(): Promise<void> {
    const shown = this.messages[this.current];
    if (!shown) {
      return;
    }
    const result = await this.c.reveal(shown.id);
    if (result !== 'shown') {
      this.c.setError(this.c.t()(result === 'far' ? 'pinned.tooFar' : 'pinned.notFound'));
    }
  }

  private async unpinCurrent(): Promise<void> {
    const shown = this.messages[this.current];
    if (shown) {
      await this.c.unpin(shown.id);
    }
  }
}
