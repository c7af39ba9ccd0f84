/**
 * "Replying to Bob: …" above the composer while the next message is a reply: it names the message
 * being answered, and its close button (or Escape in the composer) makes the message an ordinary one
 * again. The host turns the id into the quote other clients show (src/extension/chat/messageReply.ts).
 */
import type { ChatMessageView } from '../shared/chatModel';
import { attrs, codicon, el } from './dom';
import { plainTextOf } from './elementText';
import type { Translate } from './strings';

export class ReplyBar {
  readonly element: HTMLElement;
  private readonly label: HTMLElement;
  private readonly quote: HTMLElement;
  private readonly close: HTMLButtonElement;
  private target: ChatMessageView | undefined;

  constructor(private readonly t: () => Translate, private readonly onCancel: () => void) {
    this.element = attrs(el('div', 'reply-bar'), { id: 'reply-bar', hidden: '' });
    this.label = el('span', 'reply-bar-label');
    this.quote = el('span', 'reply-bar-quote');
    this.close = attrs(el('button', 'reply-bar-close'), { type: 'button', id: 'reply-cancel' });
    this.close.append(codicon('close'));
    this.close.addEventListener('click', () => {
      this.cancel();
      this.onCancel();
    });
    this.element.append(codicon('reply'), this.label, this.quote, this.close);
  }

  /** The id of the message the next send answers. */
  get replyTo(): string | undefined {
    return this.target?.id;
  }

  start(message: ChatMessageView): void {
    this.target = message;
    const t = this.t();
    const name = message.isSelf ? t('message.you') : message.senderName || message.sender;
    this.label.textContent = t('reply.to', name);
    this.quote.textContent = plainTextOf(message.elements, t).replace(/\s+/g, ' ').slice(0, 200);
    this.close.title = t('reply.cancel');
    this.close.setAttribute('aria-label', t('reply.cancel'));
    this.element.hidden = false;
  }

  cancel(): void {
    this.target = undefined;
    this.element.hidden = true;
  }

  /** Escape in the composer while replying: the reply is cancelled and the key used. */
  handleKey(event: KeyboardEvent): boolean {
    if (event.key !== 'Escape' || this.target === undefined) {
      return false;
    }
    this.cancel();
    return true;
  }

  /** The message being answered went away (deleted, recalled): so does the reply. */
  forget(ids: readonly string[]): void {
    if (this.target && ids.includes(this.target.id)) {
      this.cancel();
    }
  }
}
