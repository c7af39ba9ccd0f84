/**
 * The emoji panel: every emoji of the shortcode table in a grid, for those who do not know the
 * shortcodes; opened by the composer's smiley button (to insert one) and by the reaction picker's "more"
 * button (to react with one). Arrow keys move in the grid, Home/End go to its ends, Enter, Space or a
 * click picks and closes; Escape, Tab or a click elsewhere closes; the focus returns to where it came
 * from (FocusedPopup). Each emoji's tooltip is its shortcode, so the panel teaches them.
 */
import { attrs, el } from './dom';
import { FocusedPopup } from './focusedPopup';
import { DISTINCT_EMOJI, showsChineseNames } from '../shared/emojiShortcodes';

/** Emoji per row of the grid. */
export const EMOJI_PANEL_COLUMNS = 10;
const CELL = 30;
/** The grid, the padding and border (border-box), and room for a scrollbar. */
const WIDTH = EMOJI_PANEL_COLUMNS * CELL + 10 + 14;
const MAX_HEIGHT = 220;

export class EmojiPanel extends FocusedPopup {
  private onPick: ((emoji: string) => void) | undefined;

  constructor(
    parent: HTMLElement,
    private readonly label: () => string,
    private readonly locale: () => string,
  ) {
    super(parent, attrs(el('div', 'emoji-panel'), { id: 'emoji-panel', role: 'grid' }));
    this.buttons = DISTINCT_EMOJI.map((entry) => attrs(el('button', 'emoji-choice', entry.emoji), { type: 'button', role: 'gridcell', tabindex: '-1', 'data-emoji': entry.emoji, 'data-code': entry.code, 'data-zh': entry.zh }));
    for (let row = 0; row < this.buttons.length; row += EMOJI_PANEL_COLUMNS) {
      const rowElement = attrs(el('div', 'emoji-row'), { role: 'row' });
      rowElement.append(...this.buttons.slice(row, row + EMOJI_PANEL_COLUMNS));
      this.root.append(rowElement);
    }
    this.root.addEventListener('click', (event) => {
      const emoji = (event.target as HTMLElement).closest<HTMLElement>('.emoji-choice')?.dataset.emoji;
      if (emoji) {
        const onPick = this.onPick;
        this.close(true);
        onPick?.(emoji);
      }
    });
  }

  /**
   * Opens above `anchor` (below it when there is no room), inside the window; the first emoji focused.
   * `opener`, when given, is the button that toggles the panel.
   */
  open(anchor: { readonly left: number; readonly top: number; readonly bottom: number }, returnFocus: HTMLElement, onPick: (emoji: string) => void, opener?: HTMLElement): void {
    this.onPick = onPick;
    this.root.setAttribute('aria-label', this.label());
    const chinese = showsChineseNames(this.locale());
    for (const button of this.buttons) {
      button.title = chinese ? `:${button.dataset.code}: ${button.dataset.zh}` : `:${button.dataset.code}:`;
      button.setAttribute('aria-label', button.title);
    }
    const height = Math.min(MAX_HEIGHT, Math.ceil(this.buttons.length / EMOJI_PANEL_COLUMNS) * CELL + 10);
    const above = anchor.top - height - 4;
    this.root.style.width = `${WIDTH}px`;
    this.root.style.height = `${height}px`;
    const left = Math.max(4, Math.min(anchor.left, window.innerWidth - WIDTH - 4));
    this.show(left, above >= 4 ? above : Math.min(anchor.bottom + 4, Math.max(4, window.innerHeight - height - 4)), returnFocus, opener);
  }

  protected closed(): void {
    this.onPick = undefined;
  }

  /** A grid: Left and Right along it, Up and Down a row, stopping at its edges. */
  protected moveFrom(index: number, key: string): number | undefined {
    const last = this.buttons.length - 1;
    switch (key) {
      case 'ArrowRight':
        return Math.min(last, index + 1);
      case 'ArrowLeft':
        return Math.max(0, index - 1);
      case 'ArrowDown':
        return index + EMOJI_PANEL_COLUMNS <= last ? index + EMOJI_PANEL_COLUMNS : index;
      case 'ArrowUp':
        return index - EMOJI_PANEL_COLUMNS >= 0 ? index - EMOJI_PANEL_COLUMNS : index;
      default:
        return undefined;
    }
  }
}
