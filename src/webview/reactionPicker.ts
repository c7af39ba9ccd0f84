/**
 * The reaction picker: a row of TIM Chat's reactions (src/shared/reactions.ts) opened from a message's
 * "Add Reaction…" action or the add button beside its reactions, and a last button for more (the emoji
 * panel, emojiPanel.ts). Left/Right/Home/End move, Enter, Space or a click picks, Escape, Tab or a click
 * elsewhere closes; focus returns to where it came from.
 */
import { QUICK_REACTIONS } from '../shared/reactions';
import { attrs, codicon, el } from './dom';
import { FocusedPopup } from './focusedPopup';

const WIDTH = (QUICK_REACTIONS.length + 1) * 34 + 10;
const HEIGHT = 44;

export class ReactionPicker extends FocusedPopup {
  private readonly more: HTMLButtonElement;
  private onPick: ((reaction: string) => void) | undefined;
  private onMore: (() => void) | undefined;

  constructor(
    parent: HTMLElement,
    private readonly label: () => string,
    private readonly moreLabel: () => string,
  ) {
    super(parent, attrs(el('div', 'reaction-picker'), { role: 'menu' }));
    this.buttons = QUICK_REACTIONS.map((reaction) => attrs(el('button', 'reaction-choice', reaction), { type: 'button', role: 'menuitem', tabindex: '-1', 'data-reaction': reaction }));
    this.more = attrs(el('button', 'reaction-choice reaction-more'), { type: 'button', role: 'menuitem', tabindex: '-1' });
    this.more.append(codicon('add'));
    this.buttons.push(this.more);
    this.root.append(...this.buttons);
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
  }

  /**
   * Opens below `anchor` (above it when there is no room), inside the window; the first reaction focused.
   * `onMore` runs when the user asks for more emoji than the row has.
   */
  open(anchor: { readonly left: number; readonly top: number; readonly bottom: number }, returnFocus: HTMLElement, onPick: (reaction: string) => void, onMore: () => void): void {
    this.onPick = onPick;
    this.onMore = onMore;
    this.root.setAttribute('aria-label', this.label());
    this.more.title = this.moreLabel();
    this.more.setAttribute('aria-label', this.more.title);
    const below = anchor.bottom + 4;
    const left = Math.max(4, Math.min(anchor.left, window.innerWidth - WIDTH - 4));
    this.show(left, below + HEIGHT <= window.innerHeight ? below : Math.max(4, anchor.top - HEIGHT - 4), returnFocus);
  }

  protected closed(): void {
    this.onPick = undefined;
    this.onMore = undefined;
  }

  /** One row: Left and Right, wrapping around. */
  protected moveFrom(index: number, key: string): number | undefined {
    const count = this.buttons.length;
    if (key === 'ArrowRight') {
      return (index + 1) % count;
    }
    return key === 'ArrowLeft' ? (index <= 0 ? count : index) - 1 : undefined;
  }
}
