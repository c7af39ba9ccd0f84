/**
 * The table of calls waiting for their result frame: request ids, a timer per call, and what becomes of
 * each call when its connection drops. A request leaves the table exactly once (result, timeout,
 * rejection), so a duplicate or late result for it finds nothing and is ignored.
 *
 * Entries are kept in request-id order (a Map keeps insertion order and ids only grow), which is the
 * order they are (re)sent in after a reconnect.
 */
import type { TimCallOptions } from '../../tim/endpoint';
import { TimCode, TimError } from '../../tim/errors';
import type { CallFrame, ResultFrame } from '../protocol';
import type { InFlightPolicy } from './callPolicy';

export interface PendingRequest {
  readonly frame: CallFrame;
  /** The frame as written on the wire, encoded once when the call was made. */
  readonly text: string;
  readonly policy: InFlightPolicy;
  /** Issued by the endpoint itself (session replay), not by a caller. */
  readonly internal: boolean;
  /** The caller's progress listener (the frame then has `progress: true`). */
  readonly onProgress?: TimCallOptions['onProgress'];
  /** Written to the current socket (and so possibly seen by the server). */
  sent: boolean;
}

interface Entry extends PendingRequest {
  readonly resolve: (result: ResultFrame) => void;
  readonly reject: (error: TimError) => void;
  readonly timer: NodeJS.Timeout | undefined;
}

export class PendingRequests {
  private readonly entries = new Map<number, Entry>();
  private nextId = 1;

  /** Allocates the id for a new call frame. Ids are never reused for the life of the endpoint. */
  allocateId(): number {
    return this.nextId++;
  }

  /**
   * Registers a call; the promise settles with its result frame, or rejects with TIMEOUT after
   * `timeoutMs` (0 or less: never) or with whatever `reject`/`rejectAll` give it.
   */
  add(request: Omit<PendingRequest, 'sent'>, timeoutMs: number): Promise<ResultFrame> {
    const { frame } = request;
    return new Promise<ResultFrame>((resolve, reject) => {
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              this.reject(frame.id, new TimError(TimCode.TIMEOUT, `no answer from tim-emulator within ${timeoutMs} ms`, frame.api));
            }, timeoutMs)
          : undefined;
      this.entries.set(frame.id, { ...request, sent: false, resolve, reject, timer });
    });
  }

  get(id: number): PendingRequest | undefined {
    return this.entries.get(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Settles a call with its result; false when the id is unknown (duplicate, late or invented). */
  resolve(id: number, result: ResultFrame): boolean {
    const entry = this.take(id);
    if (!entry) {
      return false;
    }
    entry.resolve(result);
    return true;
  }

  reject(id: number, error: TimError): boolean {
    const entry = this.take(id);
    if (!entry) {
      return false;
    }
    entry.reject(error);
    return true;
  }

  /** The calls still to be written to a socket, oldest first. */
  unsent(): PendingRequest[] {
    return [...this.entries.values()].filter((entry) => !entry.sent);
  }

  /**
   * The connection carrying every sent request is gone: rejects those the policy says cannot be
   * repeated, and marks the rest to be sent again on the next connection.
   */
  connectionLost(reason: string): void {
    for (const entry of [...this.entries.values()]) {
      if (!entry.sent) {
        continue;
      }
      if (entry.policy === 'reject') {
        this.reject(
          entry.frame.id,
          new TimError(
            TimCode.ENDPOINT_CLOSED,
            `connection to tim-emulator lost (${reason}) while ${entry.frame.api} was in flight; it may or may not have taken effect`,
            entry.frame.api,
          ),
        );
      } else {
        entry.sent = false;
      }
    }
  }

  /** Rejects every call (dispose). */
  rejectAll(makeError: (api: string) => TimError): void {
    for (const entry of [...this.entries.values()]) {
      this.reject(entry.frame.id, makeError(entry.frame.api));
    }
  }

  private take(id: number): Entry | undefined {
    const entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id);
      clearTimeout(entry.timer);
    }
    return entry;
  }
}
