/**
 * The loaded part of the conversation, oldest first: pages prepended as the user scrolls back, new
 * messages inserted in time order, updates in place, removals. Every change is reported as a splice
 * (`at`, `removed`, `inserted`) so the virtual list can keep its heights and scroll anchor in step.
 */
import type { ChatMessageView, ChatPage } from '../shared/chatModel';

export interface Splice {
  readonly at: number;
  readonly removed: number;
  readonly inserted: number;
}

export class MessageStore {
  private list: ChatMessageView[] = [];
  private readonly indexById = new Map<string, number>();
  /** Bumped on every change of a message, so rendered rows know when they are stale. */
  private readonly revisions = new Map<string, number>();
  hasMoreBefore = false;
  /** Set once a page has been loaded (an empty conversation is loaded too). */
  loaded = false;

  get messages(): readonly ChatMessageView[] {
    return this.list;
  }

  get count(): number {
    return this.list.length;
  }

  at(index: number): ChatMessageView | undefined {
    return this.list[index];
  }

  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  revisionOf(id: string): number {
    return this.revisions.get(id) ?? 0;
  }

  get oldest(): ChatMessageView | undefined {
    return this.list[0];
  }

  /** Replaces everything by the newest page. */
  reset(page: ChatPage): Splice {
    const removed = this.list.length;
    this.list = dedupe(page.messages);
    this.hasMoreBefore = page.hasMoreBefore;
    this.loaded = true;
    this.reindex(0);
    return { at: 0, removed, inserted: this.list.length };
  }

  /** Adds an older page before the first loaded message (duplicates dropped). */
  prepend(page: ChatPage): Splice {
    this.hasMoreBefore = page.hasMoreBefore;
    const older = dedupe(page.messages).filter((m) => !this.indexById.has(m.id));
    if (older.length === 0) {
      return { at: 0, removed: 0, inserted: 0 };
    }
    this.list = older.concat(this.list);
    this.reindex(0);
    return { at: 0, removed: 0, inserted: older.length };
  }

  /**
   * Adds new messages (or updates ones already there) in time order; returns one splice per insertion,
   * in the order applied, and the indexes of updated messages.
   */
  add(messages: readonly ChatMessageView[]): { splices: Splice[]; updated: number[] } {
    const splices: Splice[] = [];
    const updated: number[] = [];
    for (const message of messages) {
      const existing = this.indexById.get(message.id);
      if (existing !== undefined) {
        this.replaceAt(existing, message);
        updated.push(existing);
        continue;
      }
      const at = this.insertionIndex(message);
      this.list.splice(at, 0, message);
      this.reindex(at);
      splices.push({ at, removed: 0, inserted: 1 });
    }
    return { splices, updated };
  }

  /** Updates a loaded message; undefined when it is not loaded. */
  update(message: ChatMessageView): number | undefined {
    const index = this.indexById.get(message.id);
    if (index !== undefined) {
      this.replaceAt(index, message);
    }
    return index;
  }

  /**
   * A message shown under a provisional id while sending got its real id: the row takes the new id in
   * place. Returns the splices applied (none, or the removal of a duplicate), or undefined when the
   * provisional message is not loaded (then the message is added like a new one by the caller).
   */
  replaceId(oldId: string, message: ChatMessageView): Splice[] | undefined {
    const index = this.indexById.get(oldId);
    if (index === undefined) {
      return undefined;
    }
    if (this.indexById.has(message.id)) {
      // The real message arrived another way already: drop the provisional row, update the real one.
      const splices = this.remove([oldId]);
      this.update(message);
      return splices;
    }
    this.indexById.delete(oldId);
    this.revisions.delete(oldId);
    this.indexById.set(message.id, index);
    this.replaceAt(index, message);
    return [];
  }

  /** Removes messages; returns one splice per removal, in the order applied. */
  remove(ids: readonly string[]): Splice[] {
    const indexes = ids
      .map((id) => this.indexById.get(id))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => b - a);
    const splices: Splice[] = [];
    for (const index of [...new Set(indexes)]) {
      const [gone] = this.list.splice(index, 1);
      this.indexById.delete(gone.id);
      this.revisions.delete(gone.id);
      splices.push({ at: index, removed: 1, inserted: 0 });
    }
    if (splices.length > 0) {
      this.reindex(splices[splices.length - 1].at);
    }
    return splices;
  }

  private replaceAt(index: number, message: ChatMessageView): void {
    this.list[index] = message;
    this.revisions.set(message.id, this.revisionOf(message.id) + 1);
  }

  /** After the last message not newer than `message`: sending messages (seq "0") sort by their client time. */
  private insertionIndex(message: ChatMessageView): number {
    let low = 0;
    let high = this.list.length;
    // Fast path: almost every new message is the newest.
    const last = this.list[high - 1];
    if (!last || compareMessages(last, message) <= 0) {
      return high;
    }
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareMessages(this.list[mid], message) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private reindex(from: number): void {
    if (from === 0) {
      this.indexById.clear();
    }
    for (let i = from; i < this.list.length; i++) {
      this.indexById.set(this.list[i].id, i);
    }
  }
}

function dedupe(messages: readonly ChatMessageView[]): ChatMessageView[] {
  const seen = new Set<string>();
  const out: ChatMessageView[] = [];
  for (const m of messages) {
    if (!seen.has(m.id)) {
      seen.add(m.id);
      out.push(m);
    }
  }
  return out;
}

/** Time, then seq (decimal strings compared by length first), for messages from the same second. */
export function compareMessages(a: ChatMessageView, b: ChatMessageView): number {
  if (a.time !== b.time) {
    return a.time - b.time;
  }
  if (a.seq === '0' || b.seq === '0') {
    // A message still sending goes after delivered ones of the same second.
    return a.seq === b.seq ? 0 : a.seq === '0' ? 1 : -1;
  }
  return a.seq.length !== b.seq.length ? a.seq.length - b.seq.length : a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
}
