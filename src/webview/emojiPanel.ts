/**
 * The emoji panel: every emoji of the shortcode table in a grid, for those who do not know the
 * shortcodes; opened by the composer's smiley button (to insert one) and by the reaction picker's "more"
 * button (to react with one). Arrow keys move in the grid, Home/End go to its ends, Enter,
 * Space or a click picks it and closes; Escape, Tab or a click elsewhere closes;
 * focus returns to where it came from. Each emoji's tooltip is its shortcode, so the panel teaches them.
 */
import { attrs, el } from './dom';
import { DISTINCT_EMOJI } from '../shared/emojiShortcodes';

/** Emoji per row of the grid. */
export const EMOJI_PANEL_COLUMNS = 10;
const CELL = 30;
/** The grid, the padding and border (border-box), and room for a scrollbar. */
const WIDTH = EMOJI_PANEL_COLUMNS * CELL + 10 + 14;
const MAX_HEIGHT = 220;

export class EmojiPanel {
  readonly root: HTMLElement;
  private readonly buttons: HTMLButtonElement[];
  private onPick: ((emoji: string) => void) | undefined;
  private returnFocus: HTMLElement | undefined;
  /** The button that opened the panel: a click on it toggles, so its mousedown does not close first. */
  private opener: HTMLElement | undefined;

  constructor(
    parent: HTMLElement,
    private readonly label: () => string,
    private readonly locale: () => string,
  ) {
    this.root = attrs(el('div', 'emoji-panel'), { id: 'emoji-panel', role: 'grid', hidden: '' });
    this.buttons = DISTINCT_EMOJI.map((entry) => attrs(el('button', 'emoji-choice', entry.emoji), { type: 'button', role: 'gridcell', tabindex: '-1', 'data-emoji': entry.emoji, 'data-code': entry.code, 'data-zh': entry.zh }));
    for (let row = 0; row < this.buttons.length; row += EMOJI_PANEL_COLUMNS) {
      const rowElement = attrs(el('div', 'emoji-row'), { role: 'row' });
      rowElement.append(...this.buttons.slice(row, row + EMOJI_PANEL_COLUMNS));
      this.root.append(rowElement);
    }
    this.root.addEventListener('click', (event) => {
      const emoji = (event.target as HTMLElement).closest<HTMLElement>('.emoji-choice')?.dataset.emoji;
      if (emoji) {
        this.pick(emoji);
      }
    });
    this.root.addEventListener('keydown', (event) => this.onKeyDown(event));
    document.addEventListener('mousedown', (event) => {
      const path = event.composedPath();
      if (this.isOpen && !path.includes(this.root) && (this.opener === undefined || !path.includes(this.opener))) {
        this.close(false);
      }
    });
    parent.append(this.root);
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  /**
   * Opens above `anchor` (below it when there is no room), inside the window; the first emoji focused.
   * `opener`, when given, is the button that toggles the panel.
   */
  open(anchor: { readonly left: number; readonly top: number; readonly bottom: number }, returnFocus: HTMLElement, onPick: (emoji: string) => void, opener?: HTMLElement): void {
    this.onPick = onPick;
    this.returnFocus = returnFocus;
    this.opener = opener;
    this.root.setAttribute('aria-label', this.label());
    const chinese = this.locale().toLowerCase().startsWith('zh');
    for (const button of this.buttons) {
      button.title = chinese ? `:${button.dataset.code}: ${button.dataset.zh}` : `:${button.dataset.code}:`;
      button.setAttribute('aria-label', button.title);
    }
    // CSSOM styles are allowed by the CSP, style attributes are not.
    const height = Math.min(MAX_HEIGHT, Math.ceil(this.buttons.length / EMOJI_PANEL_COLUMNS) * CELL + 10);
    const above = anchor.top - height - 4;
    this.root.style.width = `${WIDTH}px`;
    this.root.style.height = `${height}px`;
    this.root.style.left = `${Math.max(4, Math.min(anchor.left, window.innerWidth - WIDTH - 4))}px`;
    this.root.style.top = `${above >= 4 ? above : Math.min(anchor.bottom + 4, Math.max(4, window.innerHeight - height - 4))}px`;
    this.root.hidden = false;
    this.focusAt(0);
  }

  close(restoreFocus: boolean): void {
    if (!this.isOpen) {
      return;
    }
    this.root.hidden = true;
    const target = this.returnFocus;
    this.onPick = undefined;
    this.returnFocus = undefined;
    this.opener = undefined;
    if (restoreFocus) {
      target?.focus({ preventScroll: true });
    }
  }

  private pick(emoji: string): void {
    const onPick = this.onPick;
    this.close(true);
    onPick?.(emoji);
  }

  private focusAt(index: number): void {
    const button = this.buttons[index];
    button?.focus();
    button?.scrollIntoView({ block: 'nearest' });
  }

  private onKeyDown(event: KeyboardEvent): void {
    const index = this.buttons.indexOf(document.activeElement as HTMLButtonElement);
    const last = this.buttons.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: Math.min(last, index + 1),
      ArrowLeft: Math.max(0, index - 1),
      ArrowDown: index + EMOJI_PANEL_COLUMNS <= last ? index + EMOJI_PANEL_COLUMNS : index,
      ArrowUp: index - EMOJI_PANEL_COLUMNS >= 0 ? index - EMOJI_PANEL_COLUMNS : index,
      Home: 0,
      End: last,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.focusAt(moves[event.key] ?? 0);
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    }
    // Enter and Space click the focused button, which picks it.
  }
}
