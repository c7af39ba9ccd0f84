/**
 * The emoji panel: every emoji of the shortcode table in a grid, for those who do not know the
 * shortcodes; opened by the composer's smiley button (to insert one) and by the reaction picker's "more"
 * button (to react with one). It opens with the focus in its search box, as Slack's and GitHub's do:
 * typing filters the grid by shortcode or Chinese name (emojiCompletion.ts's ranking, the emoji picked
 * last first among equals), Enter picks the first match, Down goes into the grid. In the grid the arrow
 * keys move (Up from its first row goes back to the search box), Home/End go to its ends, Enter, Space
 * or a click picks and closes; Escape, Tab or a click elsewhere closes; the focus returns to where it
 * came from (FocusedPopup). Each emoji's tooltip is its shortcode, so the panel teaches them.
 * Unfiltered, the first row is the emoji picked last (Recently Used, kept by the host for every chat).
 */
import { attrs, el } from './dom';
import { matchEmoji } from './emojiCompletion';
import { FocusedPopup } from './focusedPopup';
import { DISTINCT_EMOJI, showsChineseNames } from '../shared/emojiShortcodes';

/** Emoji per row of the grid. */
export const EMOJI_PANEL_COLUMNS = 10;
const CELL = 30;
/** The grid, the padding and border (border-box), and room for a scrollbar. */
const WIDTH = EMOJI_PANEL_COLUMNS * CELL + 10 + 14;
/** The search box and the space under it. */
const SEARCH_HEIGHT = 30;
const MAX_HEIGHT = 250;

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
  /** The search box's placeholder and label. */
  search(): string;
  /** Shown when nothing matches the search. */
  none(): string;
}

const ENTRY_OF_EMOJI = new Map(DISTINCT_EMOJI.map((entry) => [entry.emoji, entry]));

/** Keys the search box keeps for itself (moving its caret) instead of the grid's navigation. */
const SEARCH_KEYS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'Home', 'End']);

export class EmojiPanel extends FocusedPopup {
  private onPick: ((emoji: string) => void) | undefined;
  private readonly search: HTMLInputElement;
  private readonly grid: HTMLElement;
  /** Every emoji of the table, built once. */
  private readonly allRows: HTMLButtonElement[][] = [];
  /** The rows as shown (Recently Used first when there is one, or the matches of a search): arrow keys move in these. */
  private rows: HTMLButtonElement[][] = [];

  constructor(
    parent: HTMLElement,
    private readonly strings: EmojiPanelStrings,
    private readonly locale: () => string,
    private readonly recent: RecentEmojiSource,
  ) {
    super(parent, attrs(el('div', 'emoji-panel'), { id: 'emoji-panel', role: 'dialog' }));
    this.search = attrs(el('input', 'emoji-search'), { type: 'search', spellcheck: 'false', autocomplete: 'off', 'aria-controls': 'emoji-grid' });
    this.grid = attrs(el('div', 'emoji-grid'), { id: 'emoji-grid', role: 'grid' });
    this.root.append(this.search, this.grid);
    const all = DISTINCT_EMOJI.map((entry) => this.choice(entry.emoji));
    for (let row = 0; row < all.length; row += EMOJI_PANEL_COLUMNS) {
      this.allRows.push(all.slice(row, row + EMOJI_PANEL_COLUMNS));
    }
    this.root.addEventListener('click', (event) => {
      const emoji = (event.target as HTMLElement).closest<HTMLElement>('.emoji-choice')?.dataset.emoji;
      if (emoji) {
        this.pick(emoji);
      }
    });
    this.search.addEventListener('input', () => this.showRows());
    this.search.addEventListener('keydown', (event) => this.onSearchKey(event));
    this.grid.addEventListener('keydown', (event) => this.onGridKey(event));
  }

  /**
   * Opens above `anchor` (below it when there is no room), inside the window, with the focus in the
   * search box. `opener`, when given, is the button that toggles the panel.
   */
  open(anchor: { readonly left: number; readonly top: number; readonly bottom: number }, returnFocus: HTMLElement, onPick: (emoji: string) => void, opener?: HTMLElement): void {
    this.onPick = onPick;
    this.root.setAttribute('aria-label', this.strings.panel());
    this.grid.setAttribute('aria-label', this.strings.panel());
    this.search.placeholder = this.strings.search();
    this.search.setAttribute('aria-label', this.strings.search());
    this.search.value = '';
    this.showRows();
    // Sized for the whole grid, so that filtering does not make the panel jump.
    const gridRows = this.allRows.length + (this.rows.length > this.allRows.length ? 1 : 0);
    const height = Math.min(MAX_HEIGHT, SEARCH_HEIGHT + gridRows * CELL + 15);
    const above = anchor.top - height - 4;
    this.root.style.width = `${WIDTH}px`;
    this.root.style.height = `${height}px`;
    const left = Math.max(4, Math.min(anchor.left, window.innerWidth - WIDTH - 4));
    this.show(left, above >= 4 ? above : Math.min(anchor.bottom + 4, Math.max(4, window.innerHeight - height - 4)), returnFocus, opener);
    this.search.focus();
  }

  protected closed(): void {
    this.onPick = undefined;
  }

  /** A grid: Left and Right along it, Up and Down a row (to the nearest column of a shorter one), stopping at its edges. */
  protected moveFrom(index: number, key: string): number | undefined {
    const last = this.buttons.length - 1;
    if (index < 0) {
      return key.startsWith('Arrow') && last >= 0 ? 0 : undefined;
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

  private pick(emoji: string): void {
    const onPick = this.onPick;
    this.close(true);
    this.recent.used(emoji);
    onPick?.(emoji);
  }

  /** The rows for the search box's text: Recently Used and every emoji, or the matches, best first. */
  private showRows(): void {
    const query = this.search.value.trim().replace(/^[:：]/, '').replace(/[:：]$/, '');
    if (query.length === 0) {
      const recent = this.recent.list.filter((emoji) => ENTRY_OF_EMOJI.has(emoji)).slice(0, EMOJI_PANEL_COLUMNS).map((emoji) => this.choice(emoji));
      this.rows = recent.length > 0 ? [recent, ...this.allRows] : [...this.allRows];
    } else {
      const matches = matchEmoji(query, Number.POSITIVE_INFINITY, this.recent.list).map((entry) => this.choice(entry.emoji));
      this.rows = [];
      for (let row = 0; row < matches.length; row += EMOJI_PANEL_COLUMNS) {
        this.rows.push(matches.slice(row, row + EMOJI_PANEL_COLUMNS));
      }
    }
    this.buttons = this.rows.flat();
    const chinese = showsChineseNames(this.locale());
    for (const button of this.buttons) {
      button.title = chinese ? `:${button.dataset.code}: ${button.dataset.zh}` : `:${button.dataset.code}:`;
      button.setAttribute('aria-label', button.title);
    }
    const hasRecent = query.length === 0 && this.rows.length > this.allRows.length;
    this.grid.replaceChildren(
      ...this.rows.map((buttons, index) => {
        const row = attrs(el('div', index === 0 && hasRecent ? 'emoji-row emoji-row-recent' : 'emoji-row'), { role: 'row' });
        if (index === 0 && hasRecent) {
          row.setAttribute('aria-label', this.strings.recent());
          row.title = this.strings.recent();
        }
        row.append(...buttons);
        return row;
      }),
    );
    if (this.buttons.length === 0) {
      this.grid.append(attrs(el('div', 'emoji-none', this.strings.none()), { role: 'status' }));
    }
    this.grid.scrollTop = 0;
  }

  private onSearchKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      event.stopPropagation();
      this.focusAt(0);
    } else if (event.key === 'Enter') {
      // The first match, as Slack's search picks it.
      event.preventDefault();
      event.stopPropagation();
      const first = this.buttons[0]?.dataset.emoji;
      if (first) {
        this.pick(first);
      }
    } else if (SEARCH_KEYS.has(event.key)) {
      // The caret's, not the grid's.
      event.stopPropagation();
    }
  }

  /** Up from the grid's first row goes back to the search box; a letter typed in the grid goes there too. */
  private onGridKey(event: KeyboardEvent): void {
    const index = this.buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowUp' && index >= 0 && this.cellOf(index).row === 0) {
      event.preventDefault();
      event.stopPropagation();
      this.search.focus();
    } else if (event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      this.search.focus();
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
