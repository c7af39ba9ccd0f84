/**
 * The reaction picker: a row of TIM Chat's reactions (src/shared/reactions.ts) opened from a message's
 * "Add Reaction…" action or the add button beside its reactions, and a last button for more (the emoji
 * panel, emojiPanel.ts). Left/Right/Home/End move, Enter, Space or a click picks, Escape, Tab or a click
 * elsewhere closes; focus returns to where it came from.
 */
import { QUICK_REACTIONS } from '../shared/reactions';
import { attrs, codicon, el } from './dom';

const WIDTH = (QUICK_REACTIONS.length + 1) * 34 + 10;
const HEIGHT = 44;

export class ReactionPicker {
  readonly root: HTMLElement;
  private readonly buttons: HTMLButtonElement[];
  private readonly more: HTMLButtonElement;
  private onPick: ((reaction: string) => void) | undefined;
  private onMore: (() => void) | undefined;
  private returnFocus: HTMLElement | undefined;

  constructor(
    parent: HTMLElement,
    private readonly label: () => string,
    private readonly moreLabel: () => string,
  ) {
    this.root = attrs(el('div', 'reaction-picker'), { role: 'menu', hidden: '' });
    this.buttons = QUICK_REACTIONS.map((reaction) => {
      const button = attrs(el('button', 'reaction-choice', reaction), { type: 'button', role: 'menuitem', tabindex: '-1', 'data-reaction': reaction });
      this.root.append(button);
      return button;
    });
    this.more = attrs(el('button', 'reaction-choice reaction-more'), { type: 'button', role: 'menuitem', tabindex: '-1' });
    this.more.append(codicon('add'));
    this.root.append(this.more);
    this.buttons.push(this.more);
    this.root.addEventListener('click', (event) => {
      const choice = (event.target as HTMLElement).closest<HTMLElement>('.reaction-choice');
      if (choice === this.more) {
        const more = this.onMore;
        // The emoji panel takes over where the picker was; it returns the focus itself.
        this.close(false);
        more?.();
        return;
      }
      const reaction = choice?.dataset.reaction;
      if (reaction) {
        const pick = this.onPick;
        this.close(true);
        pick?.(reaction);
      }
    });
    this.root.addEventListener('keydown', (event) => this.onKeyDown(event));
    document.addEventListener('mousedown', (event) => {
      if (this.isOpen && !event.composedPath().includes(this.root)) {
        this.close(false);
      }
    });
    parent.append(this.root);
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  /**
   * Opens below `anchor` (above it when there is no room), inside the window; the first reaction focused.
   * `onMore` runs when the user asks for more emoji than the row has.
   */
  open(anchor: { readonly left: number; readonly top: number; readonly bottom: number }, returnFocus: HTMLElement, onPick: (reaction: string) => void, onMore: () => void): void {
    this.onPick = onPick;
    this.onMore = onMore;
    this.returnFocus = returnFocus;
    this.root.setAttribute('aria-label', this.label());
    this.more.title = this.moreLabel();
    this.more.setAttribute('aria-label', this.more.title);
    // CSSOM styles are allowed by the CSP, style attributes are not.
    const below = anchor.bottom + 4;
    this.root.style.left = `${Math.max(4, Math.min(anchor.left, window.innerWidth - WIDTH - 4))}px`;
    this.root.style.top = `${below + HEIGHT <= window.innerHeight ? below : Math.max(4, anchor.top - HEIGHT - 4)}px`;
    this.root.hidden = false;
    this.buttons[0]?.focus();
  }

  close(restoreFocus: boolean): void {
    if (!this.isOpen) {
      return;
    }
    this.root.hidden = true;
    const target = this.returnFocus;
    this.onPick = undefined;
    this.onMore = undefined;
    this.returnFocus = undefined;
    if (restoreFocus) {
      target?.focus({ preventScroll: true });
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    const index = this.buttons.indexOf(document.activeElement as HTMLButtonElement);
    const last = this.buttons.length - 1;
    const moves: Record<string, number> = { ArrowRight: index + 1 > last ? 0 : index + 1, ArrowLeft: index - 1 < 0 ? last : index - 1, Home: 0, End: last };
    if (event.key in moves) {
      event.preventDefault();
      this.buttons[moves[event.key]]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    }
  }
}
