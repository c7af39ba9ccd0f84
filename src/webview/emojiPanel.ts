/**
 * The emoji panel: every emoji of the shortcode table in a grid, for those who do not know the
 * shortcodes; opened by the composer's smiley button (to insert one) and by the reaction picker's "more"
 * button (to react with one). Arrow keys move in the grid, Home/End go to its ends, Enter, Space or a
 * click picks and closes; Escape, Tab or a click elsewhere closes; the focus returns to where it came
 * from (FocusedPopup). Each emoji's tooltip is its shortcode, so the panel teaches them. The first row
 * is the emoji picked last (Recently Used, kept by the host for every chat), as in Slack and GitHub.
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

/** What the panel knows of the emoji picked last (recentEmoji.ts). */
export interface RecentEmojiSource {
  readonly list: readonly string[];
  used(emoji: string): void;
}

export interface EmojiPanelStrings {
  /** The panel's label. */
  panel(): string;
  /** The Recently Used row's label. */
  recent(): string;
}

const ENTRY_OF_EMOJI = new Map(DISTINCT_EMOJI.map((entry) => [entry.emoji, entry]));

export class EmojiPanel extends FocusedPopup {
  private onPick: ((emoji: string) => void) | undefined;
  /** Every emoji of the table, built once. */
  private readonly allRows: HTMLButtonElement[][] = [];
  /** The rows as shown (Recently Used first when there is one): arrow keys move in these. */
  private rows: HTMLButtonElement[][] = [];

  constructor(
    parent: HTMLElement,
    private readonly strings: EmojiPanelStrings,
    private readonly locale: () => string,
    private readonly recent: RecentEmojiSource,
  ) {
    super(parent, attrs(el('div', 'emoji-panel'), { id: 'emoji-panel', role: 'grid' }));
    const all = DISTINCT_EMOJI.map((entry) => this.choice(entry.emoji));
    for (let row = 0; row < all.length; row += EMOJI_PANEL_COLUMNS) {
      this.allRows.push(all.slice(row, row + EMOJI_PANEL_COLUMNS));
    }
    this.root.addEventListener('click', (event) => {
      const emoji = (event.target as HTMLElement).closest<HTMLElement>('.emoji-choice')?.dataset.emoji;
      if (emoji) {
        const onPick = this.onPick;
        this.close(true);
        this.recent.used(emoji);
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
    this.root.setAttribute('aria-label', this.strings.panel());
    const recent = this.recent.list.filter((emoji) => ENTRY_OF_EMOJI.has(emoji)).slice(0, EMOJI_PANEL_COLUMNS).map((emoji) => this.choice(emoji));
    this.rows = recent.length > 0 ? [recent, ...this.allRows] : [...this.allRows];
    this.buttons = this.rows.flat();
    const chinese = showsChineseNames(this.locale());
    for (const button of this.buttons) {
      button.title = chinese ? `:${button.dataset.code}: ${button.dataset.zh}` : `:${button.dataset.code}:`;
      button.setAttribute('aria-label', button.title);
    }
    this.root.replaceChildren(
      ...this.rows.map((buttons, index) => {
        const row = attrs(el('div', index === 0 && recent.length > 0 ? 'emoji-row emoji-row-recent' : 'emoji-row'), { role: 'row' });
        if (index === 0 && recent.length > 0) {
          row.setAttribute('aria-label', this.strings.recent());
          row.title = this.strings.recent();
        }
        row.append(...buttons);
        return row;
      }),
    );
    const height = Math.min(MAX_HEIGHT, this.rows.length * CELL + 10 + (recent.length > 0 ? 5 : 0));
    const above = anchor.top - height - 4;
    this.root.style.width = `${WIDTH}px`;
    this.root.style.height = `${height}px`;
    const left = Math.max(4, Math.min(anchor.left, window.innerWidth - WIDTH - 4));
    this.show(left, above >= 4 ? above : Math.min(anchor.bottom + 4, Math.max(4, window.innerHeight - height - 4)), returnFocus, opener);
    this.root.scrollTop = 0;
  }

  protected closed(): void {
    this.onPick = undefined;
  }

  /** A grid: Left and Right along it, Up and Down a row (to the nearest column of a shorter one), stopping at its edges. */
  protected moveFrom(index: number, key: string): number | undefined {
    const last = this.buttons.length - 1;
    if (index < 0) {
      return key.startsWith('Arrow') ? 0 : undefined;
    }
    switch (key) {
      case 'ArrowRight':
        return Math.min(last, index + 1);
      case 'ArrowLeft':
        return Math.max(0, index - 1);
      case 'ArrowDown':
      case 'ArrowUp': {
        const { row, column } = this.cellOf(index);
        const target = this.rows[key === 'ArrowDown' ? row + 1 : row - 1];
        return target === undefined ? index : this.buttons.indexOf(target[Math.min(column, target.length - 1)] as HTMLButtonElement);
      }
      default:
        return undefined;
    }
  }

  private cellOf(index: number): { row: number; column: number } {
    let start = 0;
    for (let row = 0; row < this.rows.length; row++) {
      const length = this.rows[row]?.length ?? 0;
      if (index < start + length) {
        return { row, column: index - start };
      }
      start += length;
    }
    return { row: 0, column: 0 };
  }

  private choice(emoji: string): HTMLButtonElement {
    const entry = ENTRY_OF_EMOJI.get(emoji);
    return attrs(el('button', 'emoji-choice', emoji), { type: 'button', role: 'gridcell', tabindex: '-1', 'data-emoji': emoji, 'data-code': entry?.code ?? '', 'data-zh': entry?.zh ?? '' });
  }
}
