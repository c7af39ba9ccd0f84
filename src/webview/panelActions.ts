/**
 * The panel's buttons for the rest of the message API: attach a file or an image (the host shows its
 * open dialog and sends), image thumbnails fetched from the host once, and the selection bar (count,
 * Forward…, Delete…, Clear Selection) that follows MessageExtras' selection.
 */
import type { ChatView } from './chatView';
import type { HostChannel } from './hostChannel';
import type { MessageExtras } from './messageExtras';
import type { MessageStore, Splice } from './messageStore';
import type { Translate } from './strings';
import type { VirtualList } from './virtualList';

export interface PanelActionContext {
  readonly channel: HostChannel;
  readonly store: MessageStore;
  readonly list: VirtualList;
  readonly view: ChatView;
  readonly extras: MessageExtras;
  t(): Translate;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  applySplices(splices: readonly Splice[]): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class PanelActions {
  constructor(private readonly c: PanelActionContext) {
    const { view } = c;
    view.attachFile.addEventListener('click', (event) => {
      event.preventDefault();
      void this.attach('file');
    });
    view.attachImage.addEventListener('click', (event) => {
      event.preventDefault();
      void this.attach('image');
    });
    view.selectionForward.addEventListener('click', () => void this.actOnSelection('chat/forward'));
    view.selectionDelete.addEventListener('click', () => void this.actOnSelection('chat/deleteSelected'));
    view.selectionClear.addEventListener('click', () => c.extras.setSelection([]));
  }

  async attach(kind: 'image' | 'file'): Promise<void> {
    const { channel, view, store, list } = this.c;
    try {
      const { messages } = await channel.request('chat/attach', { kind });
      view.setError('');
      if (messages.length > 0) {
        this.c.applySplices(store.add(messages).splices);
        list.scrollToBottom();
      }
    } catch (error: unknown) {
      view.setError(this.c.t()('composer.attachFailed', messageOf(error)));
      this.c.log('warn', `chat/attach failed: ${messageOf(error)}`);
    }
  }

  /** Asks the host once for an image's webview URI; the row is redrawn when the state changes. */
  async loadMedia(id: string, elemIndex: number): Promise<void> {
    const { extras } = this.c;
    if (extras.mediaOf(id, elemIndex)) {
      return;
    }
    extras.setMedia(id, elemIndex, { state: 'loading' });
    try {
      const { uri } = await this.c.channel.request('chat/mediaUri', { id, elemIndex });
      extras.setMedia(id, elemIndex, { state: 'ready', uri });
    } catch (error: unknown) {
      extras.setMedia(id, elemIndex, { state: 'failed' });
      this.c.log('warn', `chat/mediaUri failed: ${messageOf(error)}`);
    }
  }

  /** The host keeps the selection for the palette's commands; the bar shows it. */
  selectionChanged(ids: readonly string[]): void {
    const { view } = this.c;
    this.c.channel.command('chat/selectionChanged', { ids });
    view.selectionBar.hidden = ids.length === 0;
    view.selectionCount.textContent = this.c.t()('selection.count', ids.length);
    document.body.dataset.selected = String(ids.length);
  }

  private async actOnSelection(method: 'chat/forward' | 'chat/deleteSelected'): Promise<void> {
    const ids = this.c.extras.selection;
    if (ids.length === 0) {
      return;
    }
    const t = this.c.t();
    try {
      if (method === 'chat/forward') {
        await this.c.channel.request('chat/forward', { ids });
      } else {
        await this.c.channel.request('chat/deleteSelected', { ids });
      }
      this.c.view.setError('');
    } catch (error: unknown) {
      this.c.view.setError(t('action.failed', method === 'chat/forward' ? t('selection.forward') : t('selection.delete'), messageOf(error)));
      this.c.log('warn', `${method} failed: ${messageOf(error)}`);
    }
  }
}
