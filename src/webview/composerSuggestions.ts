/**
 * What the composer's suggestion lists (the @-mention list, the emoji list) share, as VS Code's suggest
 * widget behaves: the list element above the composer and its live announcer, looking again at the text
 * when the caret moves (typing, a click, the arrow keys), closing when the composer loses the focus,
 * Up/Down, Enter or Tab and Escape while it is open, and picking with the mouse without taking the focus
 * from the composer. A subclass says what it lists (matchCount, render) and what a pick does.
 */
import type { ChatView } from './chatView';
import { attrs, el } from './dom';

export abstract class ComposerSuggestions {
  readonly element: HTMLElement;
  protected readonly announcer: HTMLElement;
  /** The index of the highlighted row. */
  protected active = 0;

  constructor(
    protected readonly view: ChatView,
    className: string,
  ) {
    this.element = attrs(el('div', className), { id: className, role: 'listbox', hidden: '' });
    this.announcer = attrs(el('div', 'visually-hidden'), { 'aria-live': 'polite' });
    view.composerForm.prepend(this.element, this.announcer);
    const input = view.input;
    input.addEventListener('input', (event) => this.onInput(event));
    input.addEventListener('click', () => this.update());
    input.addEventListener('keyup', (event) => {
      if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) {
        this.update();
      }
    });
    input.addEventListener('blur', () => this.close());
    // mousedown, not click: the textarea keeps the focus (a blur would close the list first).
    this.element.addEventListener('mousedown', (event) => {
      event.preventDefault();
      const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
      if (option?.dataset.index !== undefined) {
        void this.pick(Number(option.dataset.index));
      }
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** A key in the composer while the list is open; true when the list used it (Enter then picks, not sends). */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.isOpen || event.isComposing) {
      return false;
    }
    const count = this.matchCount;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (count === 0) {
          return false;
        }
        this.active = (this.active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
        this.render();
        return true;
      case 'Enter':
      case 'Tab':
        if (count === 0 || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) {
          return false;
        }
        void this.pick(this.active);
        return true;
      case 'Escape':
        this.close();
        event.stopPropagation();
        return true;
      default:
        return false;
    }
  }

  close(): void {
    this.element.hidden = true;
    this.view.input.removeAttribute('aria-expanded');
  }

  /** Shows the list from its first row. */
  protected show(): void {
    this.active = 0;
    this.element.hidden = false;
    this.view.input.setAttribute('aria-expanded', 'true');
    this.render();
  }

  /** The composer's text changed. */
  protected onInput(_event: Event): void {
    this.update();
  }

  /** The caret's position in the composer when nothing is selected. */
  protected caret(): number | undefined {
    const textarea = this.view.input.wrappedElement;
    return textarea && textarea.selectionStart === textarea.selectionEnd ? textarea.selectionStart : undefined;
  }

  /** How many rows can be picked. */
  protected abstract get matchCount(): number;
  /** Looks at the text before the caret: opens, narrows or closes the list. */
  protected abstract update(): void;
  protected abstract render(): void;
  protected abstract pick(index: number): Promise<void>;
}
