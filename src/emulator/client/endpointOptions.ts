/**
 * The options of the emulator endpoint, their defaults, and their validation, kept apart from the
 * endpoint's behaviour so the defaults are read in one place.
 */
import type { BackoffOptions } from './backoff';
import { defaultWebSocketImpl } from './webSocketLike';
import type { WebSocketConstructor } from './webSocketLike';

export interface EmulatorEndpointOptions {
  /** `ws://127.0.0.1:<port>` of a running tim-emulator. */
  readonly url: string;
  /** Reconnect schedule; default 200 ms doubling up to 5 s, with jitter. */
  readonly reconnect?: BackoffOptions;
  /**
   * Timeout of calls that do not pass their own `timeoutMs` (0: none), and of each step of the session
   * replay; default 30 s.
   */
  readonly defaultTimeoutMs?: number;
  /** A WebSocket implementation; default `ws`. */
  readonly WebSocketImpl?: WebSocketConstructor;
  /** Ping period that detects a peer that stopped answering; default 10 s, 0 disables it. */
  readonly heartbeatMs?: number;
  /** An attempt whose WebSocket handshake has not completed after this long is abandoned; default 10 s. */
  readonly openTimeoutMs?: number;
  /** Where protocol trouble is reported (bad frames, listener exceptions); default: nowhere. */
  readonly log?: (line: string) => void;
  /** Jitter source for the backoff, uniform in [0, 1); for tests. */
  readonly random?: () => number;
}

export interface EmulatorConnectOptions extends EmulatorEndpointOptions {
  /** How long `EmulatorEndpoint.connect` waits for the first connection; default `defaultTimeoutMs`. */
  readonly connectTimeoutMs?: number;
}

export interface ResolvedEndpointOptions {
  readonly url: string;
  readonly reconnect: BackoffOptions;
  readonly defaultTimeoutMs: number;
  readonly WebSocketImpl: WebSocketConstructor;
  readonly heartbeatMs: number;
  readonly openTimeoutMs: number;
  readonly log: (line: string) => void;
  readonly random: () => number;
}

export function resolveEndpointOptions(options: EmulatorEndpointOptions): ResolvedEndpointOptions {
  return {
    url: checkUrl(options.url),
    reconnect: options.reconnect ?? { initialDelayMs: 200, maxDelayMs: 5000 },
    defaultTimeoutMs: options.defaultTimeoutMs ?? 30_000,
    WebSocketImpl: options.WebSocketImpl ?? defaultWebSocketImpl,
    heartbeatMs: options.heartbeatMs ?? 10_000,
    // The ws handshake on loopback takes milliseconds; a peer silent this long is not a tim-emulator.
    openTimeoutMs: options.openTimeoutMs ?? 10_000,
    log: options.log ?? (() => undefined),
    random: options.random ?? Math.random,
  };
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`EmulatorEndpoint: not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new TypeError(`EmulatorEndpoint: expected a ws:// or wss:// URL, got ${JSON.stringify(url)}`);
  }
  return url;
}
