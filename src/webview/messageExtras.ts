/**
 * Per-message panel state that is not the message itself: the selection (Ctrl/Shift-click), upload
 * progress, expanded merged messages (and merged messages expanded inside them), open thread lists and image URIs from the host. Each change bumps the message's
 * revision so the virtual list redraws just that row. Pure apart from the callbacks: unit-tested.
 */
import type { ChatMessageView } from '../shared/chatModel';
import type { InnerMessageRef } from '../shared/protocol';

export type Expansion = { readonly state: 'loading' } | { readonly state: 'failed'; readonly error: string } | { readonly state: 'open'; readonly messages: readonly ChatMessageView[] };
export type MediaState = { readonly state: 'loading' } | { readonly state: 'failed' } | { readonly state: 'ready'; readonly uri: string };

export class MessageExtras {
  private readonly selected = new Set<string>();
  private anchor: string | undefined;
  private readonly progress = new Map<string, number>();
  private readonly expanded = new Map<string, Expansion>();
  private readonly media = new Map<string, MediaState>();
  private readonly openThreads = new Set<string>();
  private readonly revisions = new Map<string, number>();

  constructor(
    /** Redraw these messages' rows. */
    private readonly changed: (ids: readonly string[]) => void,
    /** The selection changed (the host is told, and the selection bar updates). */
    private readonly selectionChanged: (ids: readonly string[]) => void,
  ) {}

  revisionOf(id: string): number {
    return this.revisions.get(id) ?? 0;
  }

  private bump(ids: readonly string[]): void {
    for (const id of ids) {
      this.revisions.set(id, this.revisionOf(id) + 1);
    }
    if (ids.length) {
      this.changed(ids);
    }
  }

  // ---- selection ----

  get selection(): readonly string[] {
    return [...this.selected];
  }

  isSelected(id: string): boolean {
    return this.selected.has(id);
  }

  /** Ctrl/Cmd-click: add or remove one message. */
  toggle(id: string): void {
    if (this.selected.has(id)) {
      this.selected.delete(id);
    } else {
      this.selected.add(id);
    }
    this.anchor = id;
    this.bump([id]);
    this.selectionChanged(this.selection);
  }

  /** Shift-click: everything from the last clicked message to this one, in list order. */
  extendTo(id: string, order: readonly string[]): void {
    const from = this.anchor === undefined ? -1 : order.indexOf(this.anchor);
    const to = order.indexOf(id);
    if (from < 0 || to < 0) {
      this.toggle(id);
      return;
    }
    const range = order.slice(Math.min(from, to), Math.max(from, to) + 1).filter((m) => !this.selected.has(m));
    for (const m of range) {
      this.selected.add(m);
    }
    this.bump(range);
    this.selectionChanged(this.selection);
  }

  /** Replaces the selection (the host's, or Clear). */
  setSelection(ids: readonly string[]): void {
    const before = [...this.selected];
    this.selected.clear();
    for (const id of ids) {
      this.selected.add(id);
    }
    this.anchor = ids[ids.length - 1];
    this.bump([...new Set([...before, ...ids])]);
    this.selectionChanged(this.selection);
  }

  /** Messages left the list: they are no longer selected. */
  forget(ids: readonly string[]): void {
    const wasSelected = ids.some((id) => this.selected.has(id));
    for (const id of ids) {
      this.selected.delete(id);
      this.progress.delete(id);
      this.dropExpansions(id, []);
      this.openThreads.delete(id);
    }
    if (wasSelected) {
      this.selectionChanged(this.selection);
    }
  }

  // ---- upload progress ----

  progressOf(id: string): number | undefined {
    return this.progress.get(id);
  }

  setProgress(id: string, percent: number): void {
    const clamped = Math.max(0, Math.min(100, Math.round(percent)));
    if (this.progress.get(id) !== clamped) {
      this.progress.set(id, clamped);
      this.bump([id]);
    }
  }

  // ---- merged messages ----

  /** `path` picks a merged message nested in the expanded list (indices per level); [] is the message itself. */
  expansionOf(id: string, path: readonly number[] = []): Expansion | undefined {
    return this.expanded.get(expansionKey(id, path));
  }

  setExpansion(id: string, expansion: Expansion | undefined, path: readonly number[] = []): void {
    if (expansion) {
      this.expanded.set(expansionKey(id, path), expansion);
    } else {
      // Closing a level closes what was open inside it: its list is fetched again when reopened.
      this.dropExpansions(id, path);
    }
    this.bump([id]);
  }

  private dropExpansions(id: string, path: readonly number[]): void {
    const key = expansionKey(id, path);
    for (const other of [...this.expanded.keys()]) {
      if (other === key || other.startsWith(`${key}/`)) {
        this.expanded.delete(other);
      }
    }
  }

  // ---- threads ----

  /** Whether the list of the message's thread replies is open. */
  threadOpen(id: string): boolean {
    return this.openThreads.has(id);
  }

  toggleThread(id: string): void {
    if (!this.openThreads.delete(id)) {
      this.openThreads.add(id);
    }
    this.bump([id]);
  }

  // ---- images ----

  /** `inner`: an image of a message inside the merged message `id`. */
  mediaOf(id: string, elemIndex: number, inner?: InnerMessageRef): MediaState | undefined {
    return this.media.get(mediaKey(id, elemIndex, inner));
  }

  setMedia(id: string, elemIndex: number, state: MediaState, inner?: InnerMessageRef): void {
    this.media.set(mediaKey(id, elemIndex, inner), state);
    this.bump([id]);
  }
}

function mediaKey(id: string, elemIndex: number, inner: InnerMessageRef | undefined): string {
  return inner === undefined ? `${id}#${elemIndex}` : `${id}#${elemIndex}\n${inner.path.join('/')}:${inner.index}`;
}

/** Message ids never contain a newline, so the id part cannot run into the path part. */
function expansionKey(id: string, path: readonly number[]): string {
  return path.length === 0 ? `${id}\n` : `${id}\n/${path.join('/')}`;
}
