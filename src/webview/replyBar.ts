/**
 * "Replying to Bob: …" above the composer while the next message is a reply: it names the message
 * being answered, and its close button (or Escape in the composer) makes the message an ordinary one
 * again. The host turns the id into the quote other clients show (src/extension/chat/messageReply.ts).
 */
import type { ChatMessageView } from '../shared/chatModel';
import { attrs, codicon, el } from './dom';
import { plainTextOf } from './elementText';
import { MessageBar } from './messageBar';
import type { Translate } from './strings';

export class ReplyBar extends MessageBar {
  readonly element: HTMLElement;
  private readonly label: HTMLElement;
  private readonly quote: HTMLElement;
  private readonly close: HTMLButtonElement;

  constructor(
    private readonly t: () => Translate,
    private readonly onCancel: () => void,
    /** The reply started or ended (the panel keeps it across reloads). */
    private readonly changed: () => void = () => undefined,
  ) {
    super();
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

  /** The message the next send answers, as the panel showed it. */
  get message(): ChatMessageView | undefined {
    return this.target;
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
    this.changed();
  }

  cancel(): void {
    const had = this.target !== undefined;
    this.target = undefined;
    this.element.hidden = true;
    if (had) {
      this.changed();
    }
  }
}
