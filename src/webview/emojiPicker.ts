/**
 * Emoji by shortcode in the composer (emojiCompletion.ts): ":ta" lists the emoji whose names match, and
 * Up/Down, Enter or Tab, Escape and the mouse pick or dismiss, as the @-mention list does (it looks the
 * same); a shortcode typed out to its closing colon (":tada:") becomes its emoji at once. In every chat,
 * and while editing a message too. With no match the list stays closed: a colon is ordinary text. The
 * emoji panel's picks go in through here too (insert), so the composer hears of them as of typing.
 */
import type { ChatView } from './chatView';
import { ComposerSuggestions } from './composerSuggestions';
import { attrs, el } from './dom';
import { emojiQueryAt, insertEmoji, matchEmoji, replaceTypedShortcode, type EmojiQuery } from './emojiCompletion';
import { type EmojiShortcode, showsChineseNames } from '../shared/emojiShortcodes';
import type { Translate } from './strings';

export interface EmojiPickerContext {
  readonly view: ChatView;
  t(): Translate;
  /** The panel's display language: in Chinese the list shows each emoji's Chinese name too. */
  locale(): string;
  /** An emoji went in from the list or a typed shortcode (the panel's picks say so themselves). */
  emojiUsed(emoji: string): void;
  /** The emoji picked last, most recent first: they go first among equally good matches. */
  recentEmoji(): readonly string[];
}

export class EmojiPicker extends ComposerSuggestions {
  private query: EmojiQuery | undefined;
  private matches: EmojiShortcode[] = [];

  constructor(private readonly c: EmojiPickerContext) {
    super(c.view, 'emoji-list');
  }

  /** A shortcode typed out to its closing colon becomes its emoji; anything else may open the list. */
  protected override onInput(event: Event): void {
    if (!(event as InputEvent).isComposing && this.replaceTyped()) {
      this.close();
      return;
    }
    this.update();
  }

  override close(): void {
    this.query = undefined;
    this.matches = [];
    super.close();
  }

  protected get matchCount(): number {
    return this.matches.length;
  }

  protected update(): void {
    const caret = this.caret();
    this.query = caret === undefined ? undefined : emojiQueryAt(this.c.view.input.value ?? '', caret);
    this.matches = this.query ? matchEmoji(this.query.query, undefined, this.c.recentEmoji()) : [];
    if (this.matches.length === 0) {
      this.close();
      return;
    }
    this.show();
  }

  protected render(): void {
    const t = this.c.t();
    this.element.setAttribute('aria-label', t('emoji.label'));
    this.element.replaceChildren();
    const chinese = showsChineseNames(this.c.locale());
    this.matches.forEach((entry, index) => {
      const option = attrs(el('div', 'emoji-option'), { role: 'option', id: `emoji-option-${index}`, 'aria-selected': String(index === this.active), 'data-index': String(index) });
      option.append(el('span', 'emoji-glyph', entry.emoji), el('span', 'emoji-code', `:${entry.code}:`));
      if (chinese) {
        option.append(el('span', 'emoji-zh', entry.zh));
      }
      this.element.append(option);
    });
    const current = this.matches[this.active];
    if (current !== undefined) {
      this.announcer.textContent = t('emoji.position', `${current.emoji} ${current.code}`, this.active + 1, this.matches.length);
    }
    this.element.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }

  /** Puts `emoji` where the caret is (in place of the selection), as typing it would. */
  async insert(emoji: string): Promise<void> {
    const textarea = this.c.view.input.wrappedElement;
    const text = this.c.view.input.value ?? '';
    const start = textarea?.selectionStart ?? text.length;
    const end = textarea?.selectionEnd ?? text.length;
    await this.setText({ text: text.slice(0, start) + emoji + text.slice(end), caret: start + emoji.length });
  }

  protected async pick(index: number): Promise<void> {
    const entry = this.matches[index];
    const query = this.query;
    if (!entry || !query) {
      return;
    }
    this.close();
    this.c.emojiUsed(entry.emoji);
    await this.setText(insertEmoji(this.c.view.input.value ?? '', query, entry.emoji));
  }

  /** A shortcode typed out to its closing colon becomes its emoji; true when one did. */
  private replaceTyped(): boolean {
    const caret = this.caret();
    const replaced = caret === undefined ? undefined : replaceTypedShortcode(this.c.view.input.value ?? '', caret);
    if (replaced) {
      this.c.emojiUsed(replaced.emoji);
      void this.setText(replaced);
    }
    return replaced !== undefined;
  }

  /**
   * Puts the emoji in, then tells the composer's listeners as typing would (an input event: the draft or
   * the edit under way is saved, the peer sees typing), once the caret is where it belongs.
   */
  private async setText({ text, caret }: { text: string; caret: number }): Promise<void> {
    const input = this.c.view.input;
    input.value = text;
    await input.updateComplete;
    input.wrappedElement?.setSelectionRange(caret, caret);
    input.dispatchEvent(new Event('input'));
    input.focus();
  }
}
