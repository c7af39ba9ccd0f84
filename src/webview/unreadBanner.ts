/**
 * "N new messages · Jump": a bar above the list while the messages that were unread when the panel
 * opened start above what the user has seen. The panel opens at the newest message, so with more
 * unread than a screen (or a page) the "New messages" line is out of sight, possibly pages back; Jump
 * loads older pages until that line is there and scrolls it to the top. Once the line has been on
 * screen, or the bar is dismissed, it stays away for this panel.
 */
import { attrs, codicon, el } from './dom';
import type { Translate } from './strings';

/** Messages per request while jumping: the host's largest page. */
export const JUMP_PAGE_SIZE = 100;
/** Pages a jump loads at most (10,000 messages) before it stops at the oldest it has. */
const JUMP_MAX_PAGES = 100;

export interface UnreadBannerContext {
  readonly scroller: HTMLElement;
  t(): Translate;
  /** The newest page has arrived (before it, nothing is known about what is on screen). */
  loaded(): boolean;
  /** How many were unread when the panel opened (undefined before chat/info). */
  unreadAtOpen(): number | undefined;
  /** The first unread message's id, once enough history is loaded to know it. */
  firstUnreadId(): string | undefined;
  /** Loads one older page of `count`; false when there was nothing more (or it failed). */
  loadOlder(count: number): Promise<boolean>;
  /** Whether an older page is being loaded already (the list asks on its own near the top). */
  loadingOlder(): boolean;
  /** Scrolls the message to the top of the list. */
  scrollToTop(id: string): void;
}

export class UnreadBanner {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly jumpButton: HTMLButtonElement;
  private readonly dismissButton: HTMLButtonElement;
  /** The "New messages" line has been on screen, or the user dismissed the bar. */
  private done = false;
  private jumping = false;

  constructor(private readonly c: UnreadBannerContext) {
    this.element = attrs(el('div', 'unread-banner'), { id: 'unread-banner', role: 'status', hidden: '' });
    this.text = el('span', 'unread-banner-text');
    this.jumpButton = attrs(el('button', 'unread-banner-button'), { type: 'button', id: 'unread-jump' });
    this.dismissButton = attrs(el('button', 'unread-banner-button unread-banner-dismiss'), { type: 'button', id: 'unread-dismiss' });
    this.dismissButton.append(codicon('close'));
    this.element.append(codicon('arrow-up'), this.text, this.jumpButton, this.dismissButton);
    this.jumpButton.addEventListener('click', () => void this.jump());
    this.dismissButton.addEventListener('click', () => this.finish());
  }

  /** After a scroll, a page or new strings: whether the bar should show, and what it says. */
  refresh(): void {
    if (!this.done && this.markerSeen()) {
      this.done = true;
    }
    const unread = this.c.unreadAtOpen() ?? 0;
    const show = !this.done && unread > 0 && this.c.loaded();
    this.element.hidden = !show;
    this.element.parentElement?.toggleAttribute('data-unread-banner', show);
    if (!show) {
      return;
    }
    const t = this.c.t();
    this.text.textContent = unread === 1 ? t('unread.bannerOne') : t('unread.banner', unread.toLocaleString());
    this.jumpButton.textContent = this.jumping ? t('unread.jumping') : t('unread.jump');
    this.jumpButton.disabled = this.jumping;
    this.dismissButton.title = t('unread.dismiss');
    this.dismissButton.setAttribute('aria-label', t('unread.dismiss'));
  }

  /** Loads older pages until the first unread message is there, then shows it at the top. */
  async jump(): Promise<void> {
    if (this.jumping) {
      return;
    }
    this.jumping = true;
    this.refresh();
    try {
      for (let page = 0; this.c.firstUnreadId() === undefined && page < JUMP_MAX_PAGES; page++) {
        if (!(await this.c.loadOlder(JUMP_PAGE_SIZE))) {
          if (!this.c.loadingOlder()) {
            break;
          }
          // The list's own request is under way: wait for it rather than stop.
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    } finally {
      this.jumping = false;
    }
    const id = this.c.firstUnreadId();
    if (id !== undefined) {
      this.c.scrollToTop(id);
      this.finish();
    } else {
      this.refresh();
    }
  }

  private finish(): void {
    this.done = true;
    this.refresh();
  }

  /** The "New messages" line is rendered and not above the top of the viewport. */
  private markerSeen(): boolean {
    const marker = this.c.scroller.querySelector('.unread-marker');
    if (!marker) {
      return false;
    }
    const box = this.c.scroller.getBoundingClientRect();
    const line = marker.getBoundingClientRect();
    return line.bottom > box.top && line.top < box.bottom;
  }
}
