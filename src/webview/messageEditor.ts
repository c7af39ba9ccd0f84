/**
 * Editing one of the user's sent messages in the composer: Edit in a message's menu (or Up in an empty
 * composer, for the newest one) puts its text in the composer under an "Editing message" bar; Enter
 * saves it through the host (chat/edit), Escape or the bar's close button cancel. The draft that was in
 * the composer is kept aside meanwhile (not saved over) and comes back afterwards. An edit under way
 * survives a reload of the panel (kept in the webview state with the draft aside, see restore).
 */
import { errorMessage } from '../shared/errorMessage';
import type { ChatMessageView } from '../shared/chatModel';
import { attrs, codicon, el } from './dom';
import type { HostChannel } from './hostChannel';
import { MessageBar } from './messageBar';
import type { Translate } from './strings';

export interface MessageEditorContext {
  readonly channel: HostChannel;
  t(): Translate;
  /** The composer's text, and setting it without it counting as typing. */
  getText(): string;
  setText(text: string): void;
  focusComposer(): void;
  /** The host answered with the edited message. */
  edited(message: ChatMessageView): void;
  /** An edit began or ended (the webview state keeps the one under way). */
  changed(): void;
  setError(text: string): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/** The text of a message the user may edit: their own, sent, one text element; undefined otherwise. */
export function editableTextOf(message: ChatMessageView): string | undefined {
  const [only, ...rest] = message.elements;
  return message.isSelf && message.status === 'sent' && rest.length === 0 && only?.kind === 'text' ? only.text : undefined;
}

export class MessageEditor extends MessageBar {
  readonly element: HTMLElement;
  private readonly label: HTMLElement;
  private readonly close: HTMLButtonElement;
  private savedDraft = '';
  private saving = false;

  constructor(private readonly c: MessageEditorContext) {
    super();
    this.element = attrs(el('div', 'edit-bar'), { id: 'edit-bar', hidden: '' });
    this.label = el('span', 'edit-bar-label');
    this.close = attrs(el('button', 'reply-bar-close'), { type: 'button', id: 'edit-cancel' });
    this.close.append(codicon('close'));
    this.close.addEventListener('click', () => {
      this.cancel();
      this.c.focusComposer();
    });
    this.element.append(codicon('edit'), this.label, this.close);
  }

  get isEditing(): boolean {
    return this.target !== undefined;
  }

  /** The edit under way: its message and the draft kept aside. */
  get underWay(): { readonly message: ChatMessageView; readonly draft: string } | undefined {
    return this.target === undefined ? undefined : { message: this.target, draft: this.savedDraft };
  }

  start(message: ChatMessageView): void {
    this.begin(message, editableTextOf(message));
    this.c.focusComposer();
  }

  /**
   * An edit kept from before a reload: `text` (as far as it had got) in the composer again, whose text
   * now is the draft to put back afterwards. The focus stays where it is.
   */
  restore(message: ChatMessageView, text: string): void {
    if (editableTextOf(message) !== undefined) {
      this.begin(message, text);
    }
  }

  private begin(message: ChatMessageView, text: string | undefined): void {
    if (text === undefined) {
      return;
    }
    if (this.target === undefined) {
      this.savedDraft = this.c.getText();
    }
    this.target = message;
    const t = this.c.t();
    this.label.textContent = `${t('edit.bar')} · ${t('edit.hint')}`;
    this.close.title = t('edit.cancel');
    this.close.setAttribute('aria-label', t('edit.cancel'));
    this.element.hidden = false;
    this.c.setText(text);
    this.c.changed();
  }

  cancel(): void {
    if (this.target === undefined) {
      return;
    }
    this.target = undefined;
    this.element.hidden = true;
    this.c.setText(this.savedDraft);
    this.savedDraft = '';
    this.c.changed();
  }

  /** Enter in the composer while editing: saves the text (an unchanged text just ends the edit). */
  async submit(text: string): Promise<void> {
    const target = this.target;
    if (target === undefined || this.saving) {
      return;
    }
    if (text === editableTextOf(target)) {
      this.cancel();
      return;
    }
    this.saving = true;
    try {
      const message = await this.c.channel.request('chat/edit', { id: target.id, text });
      this.c.setError('');
      this.c.edited(message);
      if (this.target === target) {
        this.cancel();
      }
    } catch (error: unknown) {
      // Still editing: the text stays in the composer to try again or cancel.
      this.c.setError(this.c.t()('edit.failed', errorMessage(error)));
      this.c.log('warn', `chat/edit failed: ${errorMessage(error)}`);
    } finally {
      this.saving = false;
    }
  }
}
