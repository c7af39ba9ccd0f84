/**
 * TimClient: the one typed, Promise-based TIM client the extension and the tests use, on either engine.
 * Every C function it calls is a method named after it (TIMMsgSendMessage -> msgSendMessage), defined
 * in the API classes it inherits from (managerApi, messageApi, messageOptionApi, conversationApi,
 * groupApi, userStatusApi, friendshipApi); this file adds typed events. Disposing the client does not dispose its endpoint.
 */
import type { TimClientOptions } from './callCore';
import type { TimDisposable, TimEndpoint, TimEvent, TimEventName } from './endpoint';
import { decodeTimEvent, type TimEventListener, type TimEventPayloads } from './events';
import { TimFriendshipApi } from './friendshipApi';

type AnyListener = (payload: TimEventPayloads[TimEventName]) => void;

export class TimClient extends TimFriendshipApi implements TimDisposable {
  private readonly listeners = new Map<TimEventName, Set<AnyListener>>();
  private subscription: TimDisposable | undefined;
  private disposed = false;

  constructor(endpoint: TimEndpoint, options: TimClientOptions = {}) {
    super(endpoint, options);
  }

  /** Which engine the client runs on. */
  get kind(): TimEndpoint['kind'] {
    return this.endpoint.kind;
  }

  /**
   * Listens to one pushed event, decoded (JSON parsed, uint64 exact). Listeners run in registration
   * order; one that throws is reported to `onListenerError` and does not stop the others.
   */
  onEvent<Name extends TimEventName>(name: Name, listener: TimEventListener<Name>): TimDisposable {
    if (this.disposed) {
      return { dispose: () => undefined };
    }
    let set = this.listeners.get(name);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(name, set);
    }
    // Each entry is its own wrapper so that one listener registered twice is called (and removed) twice.
    const entry: AnyListener = (payload) => (listener as AnyListener)(payload);
    set.add(entry);
    this.subscription ??= this.endpoint.onEvent((event) => this.dispatch(event));
    return {
      dispose: () => {
        const current = this.listeners.get(name);
        current?.delete(entry);
        if (current?.size === 0) {
          this.listeners.delete(name);
        }
      },
    };
  }

  /** Stops every listener and unsubscribes from the endpoint (which stays usable by its owner). */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.subscription?.dispose();
    this.subscription = undefined;
  }

  private dispatch(event: TimEvent): void {
    const set = this.listeners.get(event.name);
    if (set === undefined || set.size === 0) {
      return;
    }
    let payload: TimEventPayloads[TimEventName];
    try {
      payload = decodeTimEvent(event);
    } catch (error) {
      this.reportListenerError(error, event.name);
      return;
    }
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (error) {
        this.reportListenerError(error, event.name);
      }
    }
  }

  private reportListenerError(error: unknown, eventName: TimEventName): void {
    const report = this.options.onListenerError;
    if (report !== undefined) {
      try {
        report(error, eventName);
      } catch {
        // Nothing may escape into the endpoint: on the native engine this runs inside an SDK callback.
      }
      return;
    }
    console.error(`TimClient: ${eventName} listener failed`, error);
  }
}
