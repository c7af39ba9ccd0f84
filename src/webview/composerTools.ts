/**
 * What the composer does besides typing and plain sending: @-mentions in groups, emoji by shortcode,
 * replying to a message, editing a sent one and the typing status of one-to-one chats. It owns the
 * mention and emoji lists, the two bars above the composer and the typing line, gets every composer key
 * first (the lists' keys, Escape for a bar, Up in an empty composer to edit the newest own message), and
 * turns the composer's text into the right request: chat/sendText with its mentions and the quoted
 * message, or chat/edit.
 */
import type { ChatMessageView, MentionCandidate } from '../shared/chatModel';
import type { ChatView } from './chatView';
import type { Composer } from './composer';
import type { HostChannel } from './hostChannel';
import type { EmojiPanel } from './emojiPanel';
import { EmojiPicker } from './emojiPicker';
import { MentionPicker } from './mentionPicker';
import { editableTextOf, MessageEditor } from './messageEditor';
import type { MessageStore } from './messageStore';
import { ReplyBar } from './replyBar';
import type { Translate } from './strings';
import { TypingStatus } from './typingStatus';

/** How far back Up in an empty composer looks for a message of the user's to edit. */
const EDIT_LAST_LOOKBACK = 50;

export interface ComposerToolsContext {
  readonly view: ChatView;
  readonly channel: HostChannel;
  readonly store: MessageStore;
  /** The composer (built after the tools, which it asks about every key). */
  composer(): Composer;
  t(): Translate;
  isGroup(): boolean;
  /** The panel's display language (VS Code's). */
  locale(): string;
  /** The emoji panel (shared with the reaction picker), opened by the composer's smiley button. */
  readonly emojiPanel: EmojiPanel;
  /** An emoji went into the composer from the shortcode list or a typed shortcode. */
  emojiUsed(emoji: string): void;
  /** The emoji picked last, most recent first (the shortcode list ranks them first among equals). */
  recentEmoji(): readonly string[];
  /** The composer's text changed by a pick in the mention list (saved as the draft, as typing is). */
  draftChanged(text: string): void;
  /** A message the host returned changed (an edit). */
  updated(message: ChatMessageView): void;
  /** A reply started or ended: the panel keeps it in its state, so a reload does not lose it. */
  replyChanged(message: ChatMessageView | undefined): void;
  /** Members were picked to mention: kept in the panel's state with the draft that names them. */
  mentionsChanged(picked: readonly MentionCandidate[]): void;
  /** An edit began or ended. */
  editChanged(): void;
  setError(text: string): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export class ComposerTools {
  private readonly mentions: MentionPicker;
  private readonly emoji: EmojiPicker;
  private readonly replyBar: ReplyBar;
  private readonly editor: MessageEditor;
  private readonly typing: TypingStatus;

  constructor(private readonly c: ComposerToolsContext) {
    const { view } = c;
    this.mentions = new MentionPicker({ view, channel: c.channel, t: c.t, isGroup: c.isGroup, changed: c.draftChanged, pickedChanged: c.mentionsChanged });
    this.emoji = new EmojiPicker({ view, t: c.t, locale: c.locale, emojiUsed: (emoji) => c.emojiUsed(emoji), recentEmoji: () => c.recentEmoji() });
    view.insertEmoji.addEventListener('click', (event) => {
      event.preventDefault();
      const panel = c.emojiPanel;
      if (panel.isOpen) {
        panel.close(true);
        return;
      }
      panel.open(view.insertEmoji.getBoundingClientRect(), view.input, (emoji) => void this.emoji.insert(emoji), view.insertEmoji);
    });
    this.replyBar = new ReplyBar(c.t, () => c.composer().focus(), () => c.replyChanged(this.replyBar.message));
    this.editor = new MessageEditor({
      channel: c.channel,
      t: c.t,
      getText: () => c.composer().value,
      setText: (text) => {
        c.composer().value = text;
      },
      focusComposer: () => c.composer().focus(),
      edited: c.updated,
      changed: c.editChanged,
      setError: c.setError,
      log: c.log,
    });
    this.typing = new TypingStatus({ view, channel: c.channel, t: c.t, isGroup: c.isGroup, isEditing: () => this.editor.isEditing });
    view.composerForm.insertBefore(this.replyBar.element, view.input.parentElement);
    view.composerForm.insertBefore(this.editor.element, view.input.parentElement);
  }

  /** An edit is in the composer: its text is not the draft. */
  get isEditing(): boolean {
    return this.editor.isEditing;
  }

  /** The edit under way (its message, and the draft kept aside meanwhile), for the webview state. */
  get editUnderWay(): { readonly message: ChatMessageView; readonly draft: string } | undefined {
    return this.editor.underWay;
  }

  /** An edit kept from before a reload: its text back in the composer, without taking the focus. */
  restoreEdit(message: ChatMessageView, text: string): void {
    this.replyBar.cancel();
    this.editor.restore(message, text);
  }

  /** A composer key: true when one of the tools used it. */
  handleKey(event: KeyboardEvent): boolean {
    return this.mentions.handleKey(event) || this.emoji.handleKey(event) || this.editor.handleKey(event) || this.replyBar.handleKey(event) || this.editLastOnArrowUp(event);
  }

  reply(message: ChatMessageView): void {
    this.editor.cancel();
    this.replyBar.start(message);
    this.c.composer().focus();
  }

  /** Members picked before a reload: the restored draft's mentions are sent as mentions again. */
  restoreMentions(picked: readonly MentionCandidate[]): void {
    this.mentions.restorePicked(picked);
  }

  /** A reply kept from before a reload: shown again, without taking the focus. */
  restoreReply(message: ChatMessageView): void {
    if (!this.editor.isEditing) {
      this.replyBar.start(message);
    }
  }

  edit(message: ChatMessageView): void {
    this.replyBar.cancel();
    this.editor.start(message);
  }

  /** Messages went away (deleted, recalled): a reply to one of them or its edit ends. */
  forget(ids: readonly string[]): void {
    this.replyBar.forget(ids);
    this.editor.forget(ids);
  }

  /**
   * Sends the composer's text: the edit when one is under way (undefined: nothing new to show), else a
   * message with its mentions, as a reply when one is under way. A failed send throws; the reply stays.
   */
  async submit(text: string): Promise<ChatMessageView | undefined> {
    if (this.editor.isEditing) {
      await this.editor.submit(text);
      return undefined;
    }
    // The composer was just emptied without an input event: nothing for the list to complete, and
    // the peer may stop showing "typing".
    this.mentions.close();
    this.emoji.close();
    this.typing.stopped();
    const mentions = this.mentions.mentionsIn(text);
    const replyTo = this.replyBar.replyTo;
    const message = await this.c.channel.request('chat/sendText', {
      text,
      ...(mentions.length > 0 ? { mentions } : {}),
      ...(replyTo !== undefined ? { replyTo } : {}),
    });
    if (this.replyBar.replyTo === replyTo) {
      this.replyBar.cancel();
    }
    return message;
  }

  /** Up in an empty composer edits the user's newest editable message (as in Slack). */
  private editLastOnArrowUp(event: KeyboardEvent): boolean {
    if (event.key !== 'ArrowUp' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || this.c.composer().value !== '' || this.editor.isEditing) {
      return false;
    }
    const messages = this.c.store.messages;
    for (let i = messages.length - 1; i >= Math.max(0, messages.length - EDIT_LAST_LOOKBACK); i--) {
      if (editableTextOf(messages[i]) !== undefined) {
        this.edit(messages[i]);
        return true;
      }
    }
    return false;
  }
}
