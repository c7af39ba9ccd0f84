/**
 * A popup of buttons that holds the focus while it is open (the reaction picker, the emoji panel): it
 * opens at a place inside the window with its first button focused, the arrow keys move among its
 * buttons (the subclass says where to), Escape or Tab close it, a click outside closes it (but not one on
 * the button that toggles it), and the focus goes back to where it came from.
 */
export abstract class FocusedPopup {
  /** The buttons, in the order the keys move through them. */
  protected buttons: HTMLButtonElement[] = [];
  private returnFocus: HTMLElement | undefined;
  private opener: HTMLElement | undefined;

  constructor(
    parent: HTMLElement,
    readonly root: HTMLElement,
  ) {
    root.hidden = true;
    root.addEventListener('keydown', (event) => this.onKeyDown(event));
    document.addEventListener('mousedown', (event) => {
      const path = event.composedPath();
      if (this.isOpen && !path.includes(root) && (this.opener === undefined || !path.includes(this.opener))) {
        this.close(false);
      }
    });
    parent.append(root);
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  close(restoreFocus: boolean): void {
    if (!this.isOpen) {
      return;
    }
    this.root.hidden = true;
    const target = this.returnFocus;
    this.returnFocus = undefined;
    this.opener = undefined;
    this.closed();
    if (restoreFocus) {
      target?.focus({ preventScroll: true });
    }
  }

  /**
   * Shows the popup at `left`, `top` (CSSOM styles are allowed by the CSP, style attributes are not),
   * its first button focused. `opener` is the button that toggles it, if one does.
   */
  protected show(left: number, top: number, returnFocus: HTMLElement, opener?: HTMLElement): void {
    this.returnFocus = returnFocus;
    this.opener = opener;
    this.root.style.left = `${left}px`;
    this.root.style.top = `${top}px`;
    this.root.hidden = false;
    this.focusAt(0);
  }

  protected focusAt(index: number): void {
    const button = this.buttons[index];
    button?.focus();
    button?.scrollIntoView({ block: 'nearest' });
  }

  /** The popup closed: forget what it was opened for. */
  protected abstract closed(): void;

  /** Where `key` moves the focus from the button at `index` (-1: none focused); undefined for a key that does not move. */
  protected abstract moveFrom(index: number, key: string): number | undefined;

  private onKeyDown(event: KeyboardEvent): void {
    const index = this.buttons.indexOf(document.activeElement as HTMLButtonElement);
    const last = this.buttons.length - 1;
    const target = event.key === 'Home' ? 0 : event.key === 'End' ? last : this.moveFrom(index, event.key);
    if (target !== undefined) {
      event.preventDefault();
      this.focusAt(target);
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    }
    // Enter and Space click the focused button.
  }
}
