/**
 * The webview end of the typed protocol (src/shared/protocol.ts): requests with ids and timeouts,
 * fire-and-forget commands, typed notification listeners, and the `ready` handshake.
 */
import { PendingRequests, RequestFailedError } from '../shared/pendingRequests';
import {
  REQUEST_TIMEOUT_MS,
  isHostToWebviewMessage,
  type HostCommandMethod,
  type HostCommands,
  type HostRequests,
  type SnippetRequests,
  type WebviewNotificationMethod,
  type WebviewNotifications,
  type WebviewToHostMessage,
} from '../shared/protocol';

interface Poster {
  postMessage(message: unknown): void;
}

/** Every request the webview may make: the panel's, and those behind a shared code snippet's card. */
export type WebviewRequests = HostRequests & SnippetRequests;
export type WebviewRequestMethod = keyof WebviewRequests;

type NotificationListener<M extends WebviewNotificationMethod> = (params: WebviewNotifications[M]) => void;

export class HostChannel {
  private readonly pending = new PendingRequests();
  private readonly listeners = new Map<string, Array<(params: unknown) => void>>();

  constructor(
    private readonly poster: Poster,
    target: Pick<Window, 'addEventListener'>,
  ) {
    target.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
  }

  /** Tells the host the page is listening; it then sends what it queued. */
  ready(): void {
    this.post({ kind: 'ready' });
  }

  request<M extends WebviewRequestMethod>(method: M, params: WebviewRequests[M]['params'], timeoutMs = REQUEST_TIMEOUT_MS): Promise<WebviewRequests[M]['result']> {
    const { id, promise } = this.pending.create(method, timeoutMs);
    this.post({ kind: 'request', id, method, params } as unknown as WebviewToHostMessage);
    return promise as Promise<WebviewRequests[M]['result']>;
  }

  command<M extends HostCommandMethod>(method: M, params: HostCommands[M]): void {
    this.post({ kind: 'command', method, params } as WebviewToHostMessage);
  }

  on<M extends WebviewNotificationMethod>(method: M, listener: NotificationListener<M>): void {
    const list = this.listeners.get(method) ?? [];
    list.push(listener as (params: unknown) => void);
    this.listeners.set(method, list);
  }

  private post(message: WebviewToHostMessage): void {
    this.poster.postMessage(message);
  }

  private receive(data: unknown): void {
    if (!isHostToWebviewMessage(data)) {
      return;
    }
    if (data.kind === 'response') {
      if (data.error) {
        this.pending.reject(data.id, new RequestFailedError(data.error.message, data.error.code));
      } else {
        this.pending.resolve(data.id, data.result);
      }
      return;
    }
    for (const listener of this.listeners.get(data.method) ?? []) {
      listener(data.params);
    }
  }
}
