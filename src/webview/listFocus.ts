/**
 * Roving focus in the message list: exactly one message is a Tab stop (tabindex 0, with its action
 * buttons after it), arrow keys and Home/End/Page keys move between messages, Enter opens the actions,
 * Escape goes back to the composer. The Tab stop follows the viewport when the user scrolls away.
 */
import { isTypingKey, listKeyAction } from './keyboard';
import type { MessageStore } from './messageStore';
import type { VirtualList } from './virtualList';

const MOVE_KEYS: ReadonlySet<string> = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

export interface ListFocusEvents {
  openActions(id: string, anchor: HTMLElement): void;
  focusComposer(): void;
}

export class ListFocus {
  private activeId: string | undefined;
  private focusInside = false;

  constructor(
    private readonly list: VirtualList,
    private readonly store: MessageStore,
    private readonly events: ListFocusEvents,
  ) {
    list.scroller.addEventListener('keydown', (event) => this.onKeyDown(event));
    list.scroller.addEventListener('focusin', (event) => {
      const message = (event.target as HTMLElement).closest<HTMLElement>('.message');
      this.focusInside = true;
      if (message?.dataset.id) {
        this.activeId = message.dataset.id;
        this.apply();
      }
    });
    list.scroller.addEventListener('focusout', (event) => {
      const next = event.relatedTarget as Node | null;
      // null: the window lost focus, or the focused row was unmounted; both keep the list's claim.
      if (next && !list.scroller.contains(next)) {
        this.focusInside = false;
      }
    });
    // The list itself is focusable only as a fallback (no messages rendered); forward to a message.
    list.scroller.addEventListener('focus', () => this.focusActive());
  }

  get active(): string | undefined {
    return this.activeId;
  }

  /** Focuses a message (scrolling it into view). */
  focusId(id: string): void {
    const index = this.store.indexOf(id);
    if (index === undefined) {
      return;
    }
    this.activeId = id;
    this.list.scrollToIndex(index, 'nearest');
    this.focusActive();
  }

  /** After each render: keep the Tab stop on a rendered message and focus where it was. */
  apply(): void {
    const rows = this.list.renderedRows();
    const ids = new Set(rows.map((r) => this.store.at(r.index)?.id));
    if (!this.activeId || !ids.has(this.activeId)) {
      this.activeId = this.firstVisibleId();
    }
    for (const { element } of rows) {
      const message = element.querySelector<HTMLElement>('.message');
      if (!message) {
        continue;
      }
      const isActive = message.dataset.id === this.activeId;
      message.tabIndex = isActive ? 0 : -1;
      for (const button of message.querySelectorAll<HTMLElement>('button')) {
        button.tabIndex = isActive ? 0 : -1;
      }
    }
    this.list.scroller.tabIndex = this.activeId ? -1 : 0;
    // The focused message scrolled out and was unmounted: focus moves to the new Tab stop.
    if (this.focusInside && !this.list.scroller.contains(document.activeElement)) {
      this.focusActive();
    }
  }

  private focusActive(): void {
    const element = this.activeId ? this.messageElement(this.activeId) : undefined;
    element?.focus({ preventScroll: true });
  }

  private messageElement(id: string): HTMLElement | undefined {
    const index = this.store.indexOf(id);
    const row = index === undefined ? undefined : this.list.elementAt(index);
    return row?.querySelector<HTMLElement>('.message') ?? undefined;
  }

  private firstVisibleId(): string | undefined {
    const top = this.list.scroller.getBoundingClientRect().top;
    for (const { index, element } of this.list.renderedRows()) {
      if (element.getBoundingClientRect().bottom > top + 4) {
        return this.store.at(index)?.id;
      }
    }
    return undefined;
  }

  private onKeyDown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    const onMessage = target.classList.contains('message');
    // A message's own buttons (Download…, Show Messages) have no use for arrows: they move in the list.
    const fromButton = !onMessage && target.closest('.message') !== null && MOVE_KEYS.has(event.key);
    if (!onMessage && !fromButton && event.key !== 'Escape') {
      return;
    }
    if (onMessage && isTypingKey(event)) {
      // Typing on a message writes in the composer: moving focus now lets this very key land there.
      this.events.focusComposer();
      return;
    }
    const current = this.activeId !== undefined ? (this.store.indexOf(this.activeId) ?? 0) : 0;
    const pageRows = Math.max(1, this.list.renderedCount - 2);
    const action = listKeyAction(event.key, current, this.store.count, Math.round(pageRows / 2));
    switch (action.kind) {
      case 'move': {
        event.preventDefault();
        const id = this.store.at(action.index)?.id;
        if (id) {
          this.focusId(id);
        }
        return;
      }
      case 'open':
        if (this.activeId) {
          event.preventDefault();
          this.events.openActions(this.activeId, target);
        }
        return;
      case 'composer':
        event.preventDefault();
        this.events.focusComposer();
        return;
      case 'none':
        return;
    }
  }
}
