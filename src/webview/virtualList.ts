/**
 * The virtualized message list: only the rows in view plus a margin are in the DOM, between two spacers
 * that stand in for the rest. Heights come from HeightIndex (estimated, then measured); the scroll
 * position is kept on an anchor row, so pages prepended above and rows re-measured above do not move
 * what the user is reading; at the bottom it sticks to the newest message.
 */
import { anchorAt, HeightIndex, scrollTopFor, shiftAnchor, type RowRange, type ScrollAnchor } from './heightIndex';
import type { Splice } from './messageStore';

export interface RowSource {
  readonly count: number;
  /** Changes whenever the row must be redrawn (its message, context or highlight changed). */
  keyOf(index: number): string;
  render(index: number): HTMLElement;
  estimate(index: number, width: number): number;
}

export interface ListEvents {
  /** The first rendered row is close to the top of what is loaded. */
  onNearTop(): void;
  /** After each render: where the view is. */
  onViewChange(state: { readonly atBottom: boolean; readonly distanceFromBottom: number; readonly range: RowRange }): void;
}

const OVERSCAN_PX = 600;
const NEAR_TOP_ROWS = 8;
const BOTTOM_SLACK_PX = 8;
const RE_ESTIMATE_LIMIT = 5000;

export class VirtualList {
  readonly heights = new HeightIndex();
  private readonly before: HTMLElement;
  private readonly after: HTMLElement;
  private rendered = new Map<string, HTMLElement>();
  private renderedByIndex: Array<{ index: number; element: HTMLElement }> = [];
  private range: RowRange = { start: 0, end: 0 };
  private anchor: ScrollAnchor | undefined;
  private stickToBottom = true;
  private frame = 0;
  private lastWidth = 0;
  private programmaticTop: number | undefined;
  private readonly resizeObserver: ResizeObserver;
  /** Runs after every render, once rows are in place (focus and tabindex upkeep). */
  onDidRender: (() => void) | undefined;

  constructor(
    readonly scroller: HTMLElement,
    private readonly content: HTMLElement,
    private readonly source: RowSource,
    private readonly events: ListEvents,
  ) {
    this.before = content.appendChild(document.createElement('div'));
    this.before.className = 'list-spacer';
    this.before.setAttribute('aria-hidden', 'true');
    this.after = content.appendChild(document.createElement('div'));
    this.after.className = 'list-spacer';
    this.after.setAttribute('aria-hidden', 'true');
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.resizeObserver = new ResizeObserver(() => this.schedule());
    this.resizeObserver.observe(scroller);
  }

  get renderedRange(): RowRange {
    return this.range;
  }

  get renderedCount(): number {
    return this.renderedByIndex.length;
  }

  /** The element of a rendered row. */
  elementAt(index: number): HTMLElement | undefined {
    return this.renderedByIndex.find((r) => r.index === index)?.element;
  }

  /** Rows currently rendered, in order. */
  renderedRows(): ReadonlyArray<{ readonly index: number; readonly element: HTMLElement }> {
    return this.renderedByIndex;
  }

  /** Everything was replaced (first page, jump to latest): start again at the bottom. */
  reset(): void {
    const width = this.width();
    this.lastWidth = width;
    this.heights.reset(Array.from({ length: this.source.count }, (_, i) => this.source.estimate(i, width)));
    this.anchor = undefined;
    this.stickToBottom = true;
    this.renderNow();
  }

  /** Rows were inserted or removed at `at`: keep heights and the anchor in step. */
  splice(change: Splice): void {
    if (change.removed > 0) {
      this.heights.remove(change.at, change.removed);
    }
    if (change.inserted > 0) {
      const width = this.width();
      this.heights.insert(change.at, Array.from({ length: change.inserted }, (_, i) => this.source.estimate(change.at + i, width)));
    }
    if (this.anchor) {
      this.anchor = shiftAnchor(this.anchor, change.at, change.removed, change.inserted);
    }
    this.schedule();
  }

  /** A row's look changed; its key changed too, so the next render rebuilds it. */
  invalidate(): void {
    this.schedule();
  }

  isAtBottom(): boolean {
    return this.distanceFromBottom() <= BOTTOM_SLACK_PX;
  }

  scrollToBottom(): void {
    this.stickToBottom = true;
    this.anchor = undefined;
    this.renderNow();
  }

  /** Brings a row into view: 'nearest' scrolls as little as needed, 'center' puts it in the middle, 'start' at the top. */
  scrollToIndex(index: number, align: 'nearest' | 'center' | 'start'): void {
    if (index < 0 || index >= this.heights.count) {
      return;
    }
    const viewport = this.scroller.clientHeight;
    const top = this.heights.offsetOf(index);
    const height = this.heights.heightOf(index);
    const current = this.scroller.scrollTop;
    let target = current;
    if (align === 'center') {
      target = top - Math.max(0, (viewport - height) / 2);
    } else if (align === 'start') {
      target = top;
    } else if (top < current) {
      target = top;
    } else if (top + height > current + viewport) {
      target = top + height - viewport;
    }
    this.stickToBottom = false;
    this.anchor = { index, delta: target - top - height };
    this.renderNow();
  }

  schedule(): void {
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.renderNow();
      });
    }
  }

  renderNow(): void {
    if (this.frame !== 0) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    const width = this.width();
    if (Math.abs(width - this.lastWidth) > 1) {
      // New width: rows that were never measured get estimates for it; measured ones are re-measured in
      // view. With very many rows loaded the old estimates are kept: the anchor hides the difference.
      this.lastWidth = width;
      const count = this.heights.count <= RE_ESTIMATE_LIMIT ? this.heights.count : 0;
      for (let i = 0; i < count; i++) {
        this.heights.setEstimate(i, this.source.estimate(i, width));
      }
    }
    const viewport = this.scroller.clientHeight;
    let target = this.targetScrollTop(viewport);
    // Rendering measures rows; measurements move rows; a few passes settle it.
    for (let pass = 0; pass < 4; pass++) {
      this.range = this.heights.rangeFor(target, viewport, OVERSCAN_PX);
      this.reconcile();
      const changed = this.measure();
      this.before.style.height = `${this.heights.offsetOf(this.range.start)}px`;
      this.after.style.height = `${this.heights.totalHeight - this.heights.offsetOf(this.range.end)}px`;
      const next = this.targetScrollTop(viewport);
      if (!changed && Math.abs(next - target) < 1) {
        target = next;
        break;
      }
      target = next;
    }
    if (Math.abs(this.scroller.scrollTop - target) >= 1) {
      this.scroller.scrollTop = target;
      // The scroll event this causes is ours, recognisable by where it lands (the browser may round).
      this.programmaticTop = this.scroller.scrollTop;
    }
    this.anchor = anchorAt(this.heights, this.scroller.scrollTop);
    this.publish();
    this.onDidRender?.();
  }

  private targetScrollTop(viewport: number): number {
    const max = Math.max(0, this.heights.totalHeight - viewport);
    if (this.stickToBottom) {
      return max;
    }
    if (!this.anchor || this.anchor.index >= this.heights.count) {
      return Math.min(max, this.scroller.scrollTop);
    }
    return Math.max(0, Math.min(max, scrollTopFor(this.heights, this.anchor)));
  }

  private onScroll(): void {
    const ours = this.programmaticTop !== undefined && Math.abs(this.scroller.scrollTop - this.programmaticTop) < 1;
    this.programmaticTop = undefined;
    if (!ours) {
      this.stickToBottom = this.isAtBottom();
      this.anchor = anchorAt(this.heights, this.scroller.scrollTop);
    }
    this.schedule();
  }

  private reconcile(): void {
    const next = new Map<string, HTMLElement>();
    const ordered: Array<{ index: number; element: HTMLElement }> = [];
    for (let index = this.range.start; index < this.range.end; index++) {
      const key = this.source.keyOf(index);
      let element = this.rendered.get(key);
      if (!element) {
        element = this.source.render(index);
        this.resizeObserver.observe(element);
      }
      element.dataset.index = String(index);
      next.set(key, element);
      ordered.push({ index, element });
    }
    for (const [key, element] of this.rendered) {
      if (!next.has(key)) {
        this.resizeObserver.unobserve(element);
        element.remove();
      }
    }
    let cursor: ChildNode | null = this.before.nextSibling;
    for (const { element } of ordered) {
      if (element === cursor) {
        cursor = cursor.nextSibling;
      } else {
        this.content.insertBefore(element, cursor);
      }
    }
    this.rendered = next;
    this.renderedByIndex = ordered;
  }

  /** Reads the rendered rows' heights; true when any differed from what the index assumed. */
  private measure(): boolean {
    let changed = false;
    for (const { index, element } of this.renderedByIndex) {
      const height = element.getBoundingClientRect().height;
      if (height > 0 && this.heights.setMeasured(index, height)) {
        changed = true;
      }
    }
    return changed;
  }

  private publish(): void {
    const atBottom = this.isAtBottom();
    if (this.range.start < NEAR_TOP_ROWS && this.heights.count > 0 && this.scroller.scrollTop < this.scroller.clientHeight * 1.5) {
      this.events.onNearTop();
    }
    this.events.onViewChange({ atBottom, distanceFromBottom: this.distanceFromBottom(), range: this.range });
  }

  private distanceFromBottom(): number {
    return Math.max(0, this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight);
  }

  private width(): number {
    return this.content.clientWidth || this.scroller.clientWidth || 600;
  }
}
