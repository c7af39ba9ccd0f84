/**
 * The @-mention list above the composer in a group chat: typing '@' (at the start or after a space)
 * lists the group's members, the letters after it narrow the list, and Up/Down, Enter or Tab, Escape
 * and the mouse pick or dismiss, as in VS Code's own suggest widget. A picked member becomes "@name " in
 * the text and is sent as a mention while that text stays in the message (mentions.ts).
 */
import { errorMessage } from '../shared/errorMessage';
import type { MentionCandidate } from '../shared/chatModel';
import type { ChatView } from './chatView';
import { ComposerSuggestions } from './composerSuggestions';
import { attrs, codicon, el } from './dom';
import type { HostChannel } from './hostChannel';
import { insertMention, matchCandidates, mentionedIds, mentionQueryAt, type MentionQuery } from './mentions';
import type { Translate } from './strings';

export interface MentionPickerContext {
  readonly view: ChatView;
  readonly channel: HostChannel;
  t(): Translate;
  isGroup(): boolean;
  /** The composer's text changed by a pick (the draft is saved as if typed). */
  changed(text: string): void;
  /** The members picked changed (the panel keeps them across reloads, with the draft). */
  pickedChanged?(picked: readonly MentionCandidate[]): void;
}

/** Members kept across a reload at most: the newest picks. */
export const MAX_KEPT_MENTIONS = 50;

export class MentionPicker extends ComposerSuggestions {
  private members: readonly MentionCandidate[] | undefined;
  private loading = false;
  private loadError = '';
  private query: MentionQuery | undefined;
  private matches: MentionCandidate[] = [];
  /** Members picked in this panel; a send mentions those whose "@name" is in its text. */
  private readonly picked: MentionCandidate[] = [];

  constructor(private readonly c: MentionPickerContext) {
    super(c.view, 'mention-list');
  }

  /** Members picked before a reload (the webview state's): a restored draft's "@name" mentions them again. */
  restorePicked(kept: readonly MentionCandidate[]): void {
    for (const member of kept.slice(-MAX_KEPT_MENTIONS)) {
      if (typeof member?.userId === 'string' && typeof member.name === 'string' && !this.picked.some((p) => p.userId === member.userId && p.name === member.name)) {
        this.picked.push({ userId: member.userId, name: member.name, ...(member.everyone === true ? { everyone: true } : {}) });
      }
    }
  }

  /** The user ids `text` mentions (of the members picked in this panel). */
  mentionsIn(text: string): string[] {
    return this.c.isGroup() ? mentionedIds(text, this.picked) : [];
  }

  override close(): void {
    this.query = undefined;
    this.loadError = '';
    super.close();
  }

  protected get matchCount(): number {
    return this.matches.length;
  }

  protected update(): void {
    const caret = this.caret();
    this.query = caret === undefined || !this.c.isGroup() ? undefined : mentionQueryAt(this.c.view.input.value ?? '', caret);
    if (!this.query) {
      this.close();
      return;
    }
    if (this.members === undefined && !this.loading && !this.loadError) {
      void this.load();
    }
    this.showMatches();
  }

  private showMatches(): void {
    this.matches = this.members && this.query ? matchCandidates(this.members, this.query.query) : [];
    this.show();
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      this.members = (await this.c.channel.request('chat/members', {})).members;
    } catch (error: unknown) {
      // Shown until the list closes; the next '@' asks again.
      this.loadError = this.c.t()('mention.failed', errorMessage(error));
    } finally {
      this.loading = false;
    }
    if (this.isOpen) {
      this.showMatches();
    }
  }

  protected render(): void {
    const t = this.c.t();
    this.element.setAttribute('aria-label', t('mention.label'));
    this.element.replaceChildren();
    const note = (text: string, kind: string): void => {
      this.element.append(el('div', `mention-note mention-${kind}`, text));
    };
    if (this.members === undefined) {
      note(this.loadError || t('mention.loading'), this.loadError ? 'error' : 'loading');
      return;
    }
    if (this.matches.length === 0) {
      note(t('mention.none', this.query?.query ?? ''), 'none');
      return;
    }
    this.matches.forEach((member, index) => {
      const option = attrs(el('div', 'mention-option'), { role: 'option', id: `mention-option-${index}`, 'aria-selected': String(index === this.active), 'data-index': String(index) });
      option.append(codicon(member.everyone ? 'organization' : 'account'), el('span', 'mention-name', member.name));
      if (!member.everyone && member.userId !== member.name) {
        option.append(el('span', 'mention-id', member.userId));
      }
      this.element.append(option);
    });
    const current = this.matches[this.active];
    this.announcer.textContent = t('mention.position', current.name, this.active + 1, this.matches.length);
    this.element.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }

  protected async pick(index: number): Promise<void> {
    const member = this.matches[index];
    const query = this.query;
    if (!member || !query) {
      return;
    }
    const input = this.c.view.input;
    const { text, caret } = insertMention(input.value ?? '', query, member.name);
    if (!this.picked.some((p) => p.userId === member.userId && p.name === member.name)) {
      this.picked.push(member);
      this.c.pickedChanged?.(this.picked.slice(-MAX_KEPT_MENTIONS));
    }
    this.close();
    input.value = text;
    this.c.changed(text);
    await input.updateComplete;
    input.wrappedElement?.setSelectionRange(caret, caret);
    input.focus();
  }
}
