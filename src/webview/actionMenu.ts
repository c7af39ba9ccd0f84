/**
 * The one actions menu shared by all messages (a vscode-context-menu): opened from a message's "…"
 * button, by right click, or with Enter on a focused message; focus returns to the message on close.
 */
import type { MessageAction, MessageActionId } from './messageActions';

export class ActionMenu {
  private onPick: ((id: MessageActionId) => void) | undefined;
  private returnFocus: HTMLElement | undefined;

  constructor(private readonly menu: HTMLElementTagNameMap['vscode-context-menu']) {
    menu.addEventListener('vsc-context-menu-select', (event) => {
      const pick = this.onPick;
      this.finish();
      const value = event.detail.value as MessageActionId;
      if (pick && value) {
        pick(value);
      }
    });
    menu.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' || event.key === 'Tab') {
        this.menu.show = false;
        this.finish();
      }
    });
    // Clicks outside close the menu inside the component; notice it to restore focus.
    document.addEventListener('mousedown', (event) => {
      if (this.menu.show && !event.composedPath().includes(this.menu)) {
        this.menu.show = false;
        this.onPick = undefined;
        this.returnFocus = undefined;
      }
    });
  }

  get isOpen(): boolean {
    return this.menu.show;
  }

  open(actions: readonly MessageAction[], at: { readonly x: number; readonly y: number }, returnFocus: HTMLElement, onPick: (id: MessageActionId) => void): void {
    if (actions.length === 0) {
      return;
    }
    this.onPick = onPick;
    this.returnFocus = returnFocus;
    this.menu.data = actions.map((a) => ({ label: a.label, value: a.id }));
    // Keep it inside the window; CSSOM styles are allowed by the CSP, style attributes are not.
    const width = 240;
    const height = actions.length * 26 + 12;
    this.menu.style.left = `${Math.max(4, Math.min(at.x, window.innerWidth - width - 4))}px`;
    this.menu.style.top = `${Math.max(4, Math.min(at.y, window.innerHeight - height - 4))}px`;
    this.menu.show = true;
  }

  private finish(): void {
    const target = this.returnFocus;
    this.onPick = undefined;
    this.returnFocus = undefined;
    target?.focus({ preventScroll: true });
  }
}
