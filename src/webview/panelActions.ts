/**
 * The panel's buttons for the rest of the message API: attach a file or an image (the host shows its
 * open dialog and sends), images pasted into the composer (sent as image messages), files dropped on the
 * panel (their URIs to the host, which confirms and sends), image thumbnails fetched from the host once, and the selection bar (count, Forward…, Delete…, Clear Selection) that
 * follows MessageExtras' selection.
 */
import type { ChatMessageView } from '../shared/chatModel';
import { errorMessage } from '../shared/errorMessage';
import type { InnerMessageRef } from '../shared/protocol';
import { droppedUris } from '../shared/uriList';
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

/** TIM's image limit (the host checks again): a bigger paste is refused before it is copied over. */
const MAX_PASTED_IMAGE_BYTES = 28 * 1024 * 1024;

async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with millions of arguments would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
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
    // A pasted screenshot is sent as an image; pasted text is left to the composer.
    view.input.addEventListener('paste', (event) => {
      const images = [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith('image/'));
      if (images.length > 0) {
        event.preventDefault();
        void this.pasteImages(images);
      }
    });
    this.acceptDrops();
    view.selectionForward.addEventListener('click', () => void this.actOnSelection('chat/forward'));
    view.selectionDelete.addEventListener('click', () => void this.actOnSelection('chat/deleteSelected'));
    view.selectionClear.addEventListener('click', () => c.extras.setSelection([]));
  }

  /**
   * Files dropped anywhere on the panel: from VS Code's Explorer or an editor tab (VS Code hands webviews
   * a drop while Shift is held) they arrive as URIs, which the host checks, confirms and sends; images
   * from elsewhere (the browser's or the system's) are sent as pasted ones. Dropped text is left to the
   * composer.
   */
  private acceptDrops(): void {
    const carriesFiles = (data: DataTransfer | null): boolean =>
      // Types as the browser lists them: lower-cased, except its own 'Files'.
      data !== null && [...data.types].some((type) => type === 'Files' || type === 'resourceurls' || type.endsWith('uri-list'));
    document.addEventListener('dragover', (event) => {
      if (carriesFiles(event.dataTransfer)) {
        event.preventDefault();
        (event.dataTransfer as DataTransfer).dropEffect = 'copy';
        document.body.dataset.dropping = 'true';
      }
    });
    document.addEventListener('dragleave', (event) => {
      // Leaving the panel, not moving between its elements.
      if (event.relatedTarget === null) {
        delete document.body.dataset.dropping;
      }
    });
    document.addEventListener('drop', (event) => {
      delete document.body.dataset.dropping;
      const data = event.dataTransfer;
      if (!carriesFiles(data) || data === null) {
        return;
      }
      event.preventDefault();
      const uris = droppedUris((type) => data.getData(type));
      if (uris.length > 0) {
        void this.dropUris(uris);
        return;
      }
      const images = [...data.files].filter((file) => file.type.startsWith('image/'));
      if (images.length > 0) {
        void this.pasteImages(images);
      } else {
        this.c.view.setError(this.c.t()('composer.dropUnsupported'));
      }
    });
  }

  dropUris(uris: readonly string[]): Promise<void> {
    return this.sendFiles('chat/dropFiles', () => this.c.channel.request('chat/dropFiles', { uris }));
  }

  attach(kind: 'image' | 'file'): Promise<void> {
    return this.sendFiles('chat/attach', () => this.c.channel.request('chat/attach', { kind }));
  }

  /** Runs a request that sends files, and shows the messages it sent (or why it failed). */
  private async sendFiles(method: string, request: () => Promise<{ messages: readonly ChatMessageView[] }>): Promise<void> {
    const { view, store, list } = this.c;
    try {
      const { messages } = await request();
      view.setError('');
      if (messages.length > 0) {
        this.c.applySplices(store.add(messages).splices);
        list.scrollToBottom();
      }
    } catch (error: unknown) {
      view.setError(this.c.t()('composer.attachFailed', errorMessage(error)));
      this.c.log('warn', `${method} failed: ${errorMessage(error)}`);
    }
  }

  async pasteImages(images: readonly File[]): Promise<void> {
    const { channel, view, store, list } = this.c;
    for (const image of images) {
      try {
        if (image.size > MAX_PASTED_IMAGE_BYTES) {
          throw new Error(this.c.t()('composer.pasteTooLarge', 28));
        }
        const message = await channel.request('chat/pasteImage', { mime: image.type, data: await base64Of(image) });
        view.setError('');
        this.c.applySplices(store.add([message]).splices);
        list.scrollToBottom();
      } catch (error: unknown) {
        view.setError(this.c.t()('composer.pasteFailed', errorMessage(error)));
        this.c.log('warn', `chat/pasteImage failed: ${errorMessage(error)}`);
      }
    }
  }

  /**
   * Asks the host once for an image's webview URI (`inner`: of a message inside the merged message `id`);
   * the row is redrawn when the state changes.
   */
  async loadMedia(id: string, elemIndex: number, inner?: InnerMessageRef): Promise<void> {
    const { extras } = this.c;
    if (extras.mediaOf(id, elemIndex, inner)) {
      return;
    }
    extras.setMedia(id, elemIndex, { state: 'loading' }, inner);
    try {
      const { uri } = await this.c.channel.request('chat/mediaUri', inner === undefined ? { id, elemIndex } : { id, elemIndex, inner });
      extras.setMedia(id, elemIndex, { state: 'ready', uri }, inner);
    } catch (error: unknown) {
      extras.setMedia(id, elemIndex, { state: 'failed' }, inner);
      this.c.log('warn', `chat/mediaUri failed: ${errorMessage(error)}`);
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
      this.c.view.setError(t('action.failed', method === 'chat/forward' ? t('selection.forward') : t('selection.delete'), errorMessage(error)));
      this.c.log('warn', `${method} failed: ${errorMessage(error)}`);
    }
  }
}
