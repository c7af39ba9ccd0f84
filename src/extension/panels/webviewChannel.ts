/**
 * The host end of the typed webview protocol (src/shared/protocol.ts): validates every incoming message
 * (webview content is untrusted), dispatches requests to typed handlers and answers each exactly once,
 * and queues notifications until the webview says `ready`.
 */
import type * as vscode from 'vscode';
import {
  isWebviewToHostMessage,
  type HostCommandMethod,
  type HostCommands,
  type HostRequests,
  type SnippetRequests,
  type HostToWebviewMessage,
  type WebviewNotificationMethod,
  type WebviewNotifications,
} from '../../shared/protocol';
import { isTimError } from '../../tim/errors';
import { Disposable } from '../lifecycle';
import { log } from '../log';

/** Every request the webview may make: the chat's own and the snippet cards'. */
type AllRequests = HostRequests & SnippetRequests;

export type RequestHandlers = {
  [M in keyof AllRequests]: (params: AllRequests[M]['params']) => Promise<AllRequests[M]['result']> | AllRequests[M]['result'];
};

export type CommandHandlers = {
  [M in HostCommandMethod]: (params: HostCommands[M]) => void;
};

export class WebviewChannel extends Disposable {
  private ready = false;
  private readonly queue: HostToWebviewMessage[] = [];
  private readonly onDidBecomeReadyListeners: Array<() => void> = [];

  constructor(
    private readonly webview: vscode.Webview,
    private readonly requests: RequestHandlers,
    private readonly commands: CommandHandlers,
  ) {
    super();
    this.register(webview.onDidReceiveMessage((message: unknown) => this.receive(message)));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Runs `listener` each time the webview (re)loads and says ready. */
  onDidBecomeReady(listener: () => void): void {
    this.onDidBecomeReadyListeners.push(listener);
  }

  notify<M extends WebviewNotificationMethod>(method: M, params: WebviewNotifications[M]): void {
    this.post({ kind: 'notification', method, params } as HostToWebviewMessage);
  }

  private post(message: HostToWebviewMessage): void {
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    void this.webview.postMessage(message);
  }

  private receive(message: unknown): void {
    if (!isWebviewToHostMessage(message)) {
      log().warn('webview sent a malformed message; ignored');
      return;
    }
    switch (message.kind) {
      case 'ready': {
        this.ready = true;
        for (const queued of this.queue.splice(0)) {
          void this.webview.postMessage(queued);
        }
        for (const listener of this.onDidBecomeReadyListeners) {
          listener();
        }
        return;
      }
      case 'command': {
        const handler = this.commands[message.method as HostCommandMethod] as ((params: unknown) => void) | undefined;
        if (!handler) {
          log().warn(`webview sent an unknown command ${String(message.method)}`);
          return;
        }
        handler(message.params);
        return;
      }
      case 'request':
        void this.answer(message.id, message.method, message.params);
        return;
    }
  }

  private async answer(id: number, method: string, params: unknown): Promise<void> {
    const handler = (this.requests as Record<string, ((params: unknown) => unknown) | undefined>)[method];
    if (!handler) {
      this.post({ kind: 'response', id, error: { message: `Unknown request ${method}` } });
      return;
    }
    try {
      const result = await handler(params);
      this.post({ kind: 'response', id, result });
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      log().error(`webview request ${method} failed: ${message}`);
      this.post({ kind: 'response', id, error: { message, code: isTimError(error) ? error.code : undefined } });
    }
  }
}
