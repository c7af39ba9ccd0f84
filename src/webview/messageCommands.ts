/**
 * What the user can do to a message: the actions menu (retry, cancel, recall, delete, copy, open a
 * link) and the clicks on a message's own buttons (a code block's Copy among them) and links. Links are
 * never followed inside the webview: they go to the host as `chat/openLink`.
 */
import { errorMessage } from '../shared/errorMessage';
import type { ChatMessageView } from '../shared/chatModel';
import type { ActionMenu } from './actionMenu';
import type { ChatView } from './chatView';
import { askDelete } from './deleteDialog';
import { codicon } from './dom';
import { plainTextOf } from './elementText';
import type { HostChannel } from './hostChannel';
import { pathOfButton } from './mergerList';
import { actionsFor, type MessageActionId } from './messageActions';
import type { MessageExtras } from './messageExtras';
import type { MessageRowRenderer } from './messageRow';
import type { MessageStore, Splice } from './messageStore';
import type { EmojiPanel } from './emojiPanel';
import { ReactionPicker } from './reactionPicker';
import type { Translate } from './strings';
import type { VirtualList } from './virtualList';

/** How long a code block's Copy button shows that it copied. */
const COPIED_FOR_MS = 1500;

export interface MessageCommandContext {
  readonly channel: HostChannel;
  readonly store: MessageStore;
  readonly list: VirtualList;
  readonly view: ChatView;
  readonly menu: ActionMenu;
  readonly extras: MessageExtras;
  /** The emoji panel (shared with the composer): the reaction picker's "more". */
  readonly emojiPanel: EmojiPanel;
  /** The current translations and renderer (both change when chat/info arrives). */
  t(): Translate;
  renderer(): MessageRowRenderer;
  applySplices(splices: readonly Splice[]): void;
  focusComposer(): void;
  /** Starts a reply to the message in the composer. */
  reply(message: ChatMessageView): void;
  /** Puts the message's text in the composer to edit it. */
  edit(message: ChatMessageView): void;
  /** Scrolls to a message, paging back to it: 'missing' when the history has none, 'far' when it is too far back. */
  reveal(id: string): Promise<'shown' | 'missing' | 'far'>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export class MessageCommands {
  private readonly picker: ReactionPicker;

  /** False when the host said the TIM app has no reactions (ChatPanelInfo.reactionsAvailable). */
  private reactionsAvailable = true;
  /** The user is the group's owner or an admin (chat/pinned). */
  private canPin = false;

  constructor(private readonly c: MessageCommandContext) {
    this.picker = new ReactionPicker(c.view.root, () => c.t()('reaction.picker'), () => c.t()('reaction.more'));
    c.channel.on('chat/info', (info) => {
      this.reactionsAvailable = info.reactionsAvailable !== false;
    });
    c.channel.on('chat/pinned', ({ canPin }) => {
      this.canPin = canPin;
    });
    this.wireList();
  }

  /** Opens the reaction picker for a message, below `anchor`. */
  private pickReaction(id: string, anchor: { readonly left: number; readonly top: number; readonly bottom: number }, returnFocus: HTMLElement): void {
    const react = (reaction: string): void => void this.react(id, reaction);
    this.picker.open(anchor, returnFocus, react, () => this.c.emojiPanel.open(anchor, returnFocus, react));
  }

  /** Adds the user's reaction, or takes it back when it is already theirs (the host decides which). */
  async react(id: string, reaction: string): Promise<void> {
    try {
      const updated = await this.c.channel.request('chat/react', { id, reaction });
      if (this.c.store.update(updated) !== undefined) {
        this.c.list.invalidate();
      }
    } catch (error: unknown) {
      this.c.view.setError(this.c.t()('reaction.failed', errorMessage(error)));
      this.c.log('warn', `chat/react failed: ${errorMessage(error)}`);
    }
  }

  /** Pins a message for the whole group, or unpins it; the host then sends the new list. */
  async setPinned(id: string, pinned: boolean): Promise<void> {
    try {
      await this.c.channel.request('chat/pin', { id, pinned });
    } catch (error: unknown) {
      this.c.view.setError(this.c.t()('pinned.failed', errorMessage(error)));
      this.c.log('warn', `chat/pin failed: ${errorMessage(error)}`);
    }
  }

  openMenu(id: string, at: { readonly left: number; readonly bottom: number }): void {
    const index = this.c.store.indexOf(id);
    const message = index === undefined ? undefined : this.c.store.at(index);
    const row = index === undefined ? undefined : this.c.list.elementAt(index)?.querySelector<HTMLElement>('.message');
    if (!message || !row) {
      return;
    }
    const links = this.c.renderer().linksOf(message);
    const t = this.c.t();
    const actions = actionsFor(message, Date.now(), links, {
      retry: t('action.retry'),
      cancel: t('action.cancel'),
      revoke: t('action.revoke'),
      delete: t('action.delete'),
      copy: t('action.copy'),
      link: (url) => t('message.linkTitle', url),
      more: {
        reply: t('action.reply'),
        ...(this.reactionsAvailable ? { react: t('action.react'), whoReacted: t('action.whoReacted') } : {}),
        ...(this.canPin ? { pin: t('action.pin'), unpin: t('action.unpin') } : {}),
        whoRead: t('action.whoRead'),
        edit: t('action.edit'),
        star: t('action.star'),
        unstar: t('action.unstar'),
        remind: t('action.remind'),
        forward: t('action.forward'),
        copyLink: t('action.copyLink'),
        select: t('action.select'),
        deselect: t('action.deselect'),
        download: t('action.download'),
        selected: this.c.extras.isSelected(message.id),
      },
    }, message.elements.some((e) => e.kind === 'text'));
    this.c.menu.open(actions, { x: at.left, y: at.bottom }, row, (action) => void this.perform(message.id, action, links));
  }

  async perform(id: string, action: MessageActionId, links: readonly string[] = []): Promise<void> {
    const message = this.c.store.at(this.c.store.indexOf(id) ?? -1);
    if (!message) {
      return;
    }
    const t = this.c.t();
    const labelOf: Record<string, string> = { retry: t('action.retry'), cancel: t('action.cancel'), revoke: t('action.revoke'), delete: t('action.delete'), copy: t('action.copy'), star: t('action.star'), unstar: t('action.unstar'), forward: t('action.forward'), copyLink: t('action.copyLink'), whoRead: t('action.whoRead') };
    try {
      if (action.startsWith('download:')) {
        await this.c.channel.request('chat/download', { id, elemIndex: Number(action.slice('download:'.length)) });
        return;
      }
      if (action.startsWith('link:')) {
        const url = links[Number(action.slice(5))];
        if (url) {
          this.c.channel.command('chat/openLink', { url });
        }
        return;
      }
      switch (action) {
        case 'reply':
          this.c.reply(message);
          return;
        case 'edit':
          this.c.edit(message);
          return;
        case 'react': {
          const row = this.c.list.elementAt(this.c.store.indexOf(id) ?? -1)?.querySelector<HTMLElement>('.message');
          if (row) {
            const body = row.querySelector('.message-body')?.getBoundingClientRect() ?? row.getBoundingClientRect();
            this.pickReaction(id, { left: body.left, top: body.top, bottom: body.bottom }, row);
          }
          return;
        }
        case 'whoReacted':
          await this.c.channel.request('chat/whoReacted', { id });
          return;
        case 'whoRead':
          await this.c.channel.request('chat/whoRead', { id });
          return;
        case 'pin':
        case 'unpin':
          await this.setPinned(id, action === 'pin');
          return;
        case 'retry': {
          const updated = await this.c.channel.request('chat/retry', { id });
          if (this.c.store.update(updated) !== undefined) {
            this.c.list.invalidate();
          }
          return;
        }
        case 'cancel':
          await this.c.channel.request('chat/cancel', { id });
          return;
        case 'revoke': {
          const { revoked } = await this.c.channel.request('chat/revoke', { id });
          if (revoked && this.c.store.update({ ...message, status: 'revoked', revocableUntil: 0 }) !== undefined) {
            this.c.list.invalidate();
          }
          return;
        }
        case 'delete': {
          const choice = await askDelete(this.c.t());
          if (!choice) {
            return;
          }
          await this.c.channel.request('chat/delete', { ids: [id], everywhere: choice === 'everywhere' });
          this.c.applySplices(this.c.store.remove([id]));
          this.c.focusComposer();
          return;
        }
        case 'copy':
          await navigator.clipboard.writeText(plainTextOf(message.elements, this.c.t()));
          return;
        case 'remind':
          // The host asks when, keeps the reminder and says so in the status bar.
          await this.c.channel.request('chat/remind', { id });
          return;
        case 'star':
        case 'unstar': {
          const updated = await this.c.channel.request('chat/star', { id, starred: action === 'star' });
          if (this.c.store.update(updated) !== undefined) {
            this.c.list.invalidate();
          }
          return;
        }
        case 'forward': {
          const selection = this.c.extras.selection;
          await this.c.channel.request('chat/forward', { ids: selection.includes(id) ? selection : [id] });
          return;
        }
        case 'copyLink':
          // The host writes the clipboard: the link carries the app and user only it knows.
          await this.c.channel.request('chat/copyLink', { id });
          return;
        case 'select':
        case 'deselect':
          this.c.extras.toggle(id);
          return;
      }
    } catch (error: unknown) {
      this.c.view.setError(this.c.t()('action.failed', labelOf[action] ?? action, errorMessage(error)));
      this.c.log('warn', `${action} failed: ${errorMessage(error)}`);
    }
  }

  /**
   * Shows or hides the messages inside a merged message, or (with `path`) inside a merged message
   * nested in its expanded list; each list is fetched from the host when opened.
   */
  async toggleMerger(id: string, path: readonly number[] = []): Promise<void> {
    if (this.c.extras.expansionOf(id, path)) {
      this.c.extras.setExpansion(id, undefined, path);
      return;
    }
    const loading = { state: 'loading' } as const;
    this.c.extras.setExpansion(id, loading, path);
    // Hidden (this level or one around it) while the host was fetching: the answer has nowhere to go.
    const stillWanted = (): boolean => this.c.extras.expansionOf(id, path) === loading;
    try {
      const { messages } = await this.c.channel.request('chat/expandMerger', path.length > 0 ? { id, path } : { id });
      if (stillWanted()) {
        this.c.extras.setExpansion(id, { state: 'open', messages }, path);
      }
    } catch (error: unknown) {
      if (stillWanted()) {
        this.c.extras.setExpansion(id, { state: 'failed', error: errorMessage(error) }, path);
      }
      this.c.log('warn', `chat/expandMerger failed: ${errorMessage(error)}`);
    }
  }

  /** A reply's quote was clicked: the quoted message, paged back to, or a line saying it is gone. */
  private async showQuoted(replyId: string): Promise<void> {
    const quoted = this.c.store.at(this.c.store.indexOf(replyId) ?? -1)?.replyTo;
    const result = quoted ? await this.c.reveal(quoted.id) : 'shown';
    if (result !== 'shown') {
      this.c.view.setError(this.c.t()(result === 'far' ? 'reply.tooFar' : 'reply.notFound'));
    }
  }

  /** Goes to a reply listed in a thread (its root lists it; the reply itself may be far newer, or recalled since). */
  private async showThreadReply(replyId: string): Promise<void> {
    const result = await this.c.reveal(replyId);
    if (result !== 'shown') {
      this.c.view.setError(this.c.t()(result === 'far' ? 'thread.tooFar' : 'thread.notFound'));
    }
  }

  /** Saves a file or image of a message inside an expanded merged message (its button names it). */
  private async downloadInner(id: string, button: HTMLElement): Promise<void> {
    const index = Number(button.dataset.index);
    const elemIndex = Number(button.dataset.elem);
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(elemIndex)) {
      return;
    }
    try {
      await this.c.channel.request('chat/download', { id, elemIndex, inner: { path: pathOfButton(button), index } });
    } catch (error: unknown) {
      this.c.view.setError(this.c.t()('action.failed', this.c.t()('media.download').replace(/(…|\.\.\.)$/, ''), errorMessage(error)));
    }
  }

  /** Copies a fenced code block's code (the text of its `code`, without the button), and says so on the button for a moment. */
  private async copyCode(button: HTMLElement): Promise<void> {
    const code = button.closest('.md-pre-wrap')?.querySelector('code')?.textContent ?? '';
    try {
      await navigator.clipboard.writeText(code);
    } catch (error: unknown) {
      this.c.view.setError(this.c.t()('code.copyFailed', errorMessage(error)));
      return;
    }
    const t = this.c.t();
    button.classList.add('copied');
    button.title = t('code.copied');
    button.replaceChildren(codicon('check'));
    setTimeout(() => {
      button.classList.remove('copied');
      button.title = t('code.copy');
      button.replaceChildren(codicon('copy'));
    }, COPIED_FOR_MS);
  }

  private wireList(): void {
    const { scroller } = this.c.view;
    scroller.addEventListener('click', (event) => {
      const target = event.target as HTMLElement;
      const link = target.closest<HTMLAnchorElement>('a.md-link');
      if (link) {
        event.preventDefault();
        const url = link.dataset.href;
        if (url) {
          this.c.channel.command('chat/openLink', { url });
        }
        return;
      }
      const button = target.closest<HTMLElement>('button[data-action]');
      const id = target.closest<HTMLElement>('.message')?.dataset.id;
      if (!button && id && (event.ctrlKey || event.metaKey || event.shiftKey)) {
        // Ctrl/Cmd-click adds or removes one message; Shift-click selects a range.
        event.preventDefault();
        if (event.shiftKey) {
          this.c.extras.extendTo(id, this.c.store.messages.map((m) => m.id));
        } else {
          this.c.extras.toggle(id);
        }
        return;
      }
      const sender = target.closest<HTMLElement>('.message')?.dataset.sender;
      if (sender && (button?.dataset.action === 'profile' || target.closest('.avatar'))) {
        event.preventDefault();
        this.c.channel.command('chat/showProfile', { userId: sender });
        return;
      }
      if (!button || !id) {
        return;
      }
      event.preventDefault();
      const action = button.dataset.action;
      if (action === 'download') {
        void this.perform(id, `download:${Number(button.dataset.elem ?? 0)}`);
        return;
      }
      if (action === 'expand') {
        void this.toggleMerger(id, pathOfButton(button));
        return;
      }
      if (action === 'downloadInner') {
        void this.downloadInner(id, button);
        return;
      }
      if (action === 'thread') {
        this.c.extras.toggleThread(id);
        return;
      }
      if (action === 'replyInThread') {
        const message = this.c.store.at(this.c.store.indexOf(id) ?? -1);
        if (message) {
          this.c.reply(message);
        }
        return;
      }
      if (action === 'threadReply' && button.dataset.reply) {
        void this.showThreadReply(button.dataset.reply);
        return;
      }
      if (action === 'quote') {
        void this.showQuoted(id);
        return;
      }
      if (action === 'copyCode') {
        void this.copyCode(button);
        return;
      }
      if (action === 'react' && button.dataset.reaction) {
        void this.react(id, button.dataset.reaction);
        return;
      }
      if (action === 'addReaction') {
        this.pickReaction(id, button.getBoundingClientRect(), button);
        return;
      }
      if (action === 'menu') {
        this.openMenu(id, button.getBoundingClientRect());
      } else if (action === 'retry' || action === 'cancel' || action === 'whoRead') {
        void this.perform(id, action);
      }
    });
    // Middle click would open a link in a new webview window: never navigate.
    scroller.addEventListener('auxclick', (event) => {
      if ((event.target as HTMLElement).closest('a')) {
        event.preventDefault();
      }
    });
    scroller.addEventListener('contextmenu', (event) => {
      const message = (event.target as HTMLElement).closest<HTMLElement>('.message');
      if (message?.dataset.id) {
        event.preventDefault();
        this.openMenu(message.dataset.id, { left: event.clientX, bottom: event.clientY });
      }
    });
  }
}
