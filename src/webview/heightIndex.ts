/**
 * The virtualization math: one height per row (measured, or estimated until it is rendered), prefix
 * offsets recomputed lazily from the first changed row, and binary search from a scroll offset to a
 * row. Everything is O(log n) per query and O(n - k) after a change at row k, so 100,000 rows cost
 * no more to scroll than ten.
 */

export interface RowRange {
  /** First row to render. */
  readonly start: number;
  /** One past the last row to render. */
  readonly end: number;
}

export class HeightIndex {
  // Heights and measured flags live in typed arrays used as a deque, with free space at both ends:
  // prepending a page of history is then a copy of the page, not of everything loaded.
  private buf = new Float64Array(64);
  private flags = new Uint8Array(64);
  private head = 32;
  private n = 0;
  private offsets = new Float64Array(1);
  /** offsets[0..validUpTo] are correct. */
  private validUpTo = 0;

  get count(): number {
    return this.n;
  }

  /** Replaces the rows by `estimates`, none measured. */
  reset(estimates: readonly number[]): void {
    const capacity = Math.max(64, estimates.length * 2);
    this.buf = new Float64Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.head = Math.floor((capacity - estimates.length) / 2);
    this.n = estimates.length;
    this.buf.set(estimates, this.head);
    this.invalidateFrom(0);
  }

  insert(index: number, estimates: readonly number[]): void {
    const k = estimates.length;
    if (k === 0) {
      return;
    }
    this.openGap(index, k);
    this.buf.set(estimates, this.head + index);
    this.flags.fill(0, this.head + index, this.head + index + k);
    this.n += k;
    this.invalidateFrom(index);
  }

  remove(index: number, count = 1): void {
    const k = Math.min(count, this.n - index);
    if (k <= 0) {
      return;
    }
    const { head } = this;
    if (index < this.n / 2) {
      this.buf.copyWithin(head + k, head, head + index);
      this.flags.copyWithin(head + k, head, head + index);
      this.head += k;
    } else {
      this.buf.copyWithin(head + index, head + index + k, head + this.n);
      this.flags.copyWithin(head + index, head + index + k, head + this.n);
    }
    this.n -= k;
    this.invalidateFrom(index);
  }

  heightOf(index: number): number {
    return index >= 0 && index < this.n ? this.buf[this.head + index] : 0;
  }

  isMeasured(index: number): boolean {
    return index >= 0 && index < this.n && this.flags[this.head + index] === 1;
  }

  /** Records a measured height; true when it differs from what was assumed. */
  setMeasured(index: number, height: number): boolean {
    const at = this.head + index;
    this.flags[at] = 1;
    if (Math.abs(this.buf[at] - height) < 0.01) {
      return false;
    }
    this.buf[at] = height;
    this.invalidateFrom(index);
    return true;
  }

  /** Replaces the height of a row that is not measured (a new estimate, e.g. for a new width). */
  setEstimate(index: number, height: number): void {
    const at = this.head + index;
    if (this.flags[at] === 0 && this.buf[at] !== height) {
      this.buf[at] = height;
      this.invalidateFrom(index);
    }
  }

  /** Forgets a measurement (the row's content changed), keeping the old height as the estimate. */
  unmeasure(index: number): void {
    this.flags[this.head + index] = 0;
  }

  /** Makes room for `k` rows before row `index`, moving whichever side is shorter when there is space. */
  private openGap(index: number, k: number): void {
    const { head, n } = this;
    const front = head;
    const back = this.buf.length - head - n;
    if (front >= k && (index <= n / 2 || back < k)) {
      this.buf.copyWithin(head - k, head, head + index);
      this.flags.copyWithin(head - k, head, head + index);
      this.head -= k;
    } else if (back >= k) {
      this.buf.copyWithin(head + index + k, head + index, head + n);
      this.flags.copyWithin(head + index + k, head + index, head + n);
    } else {
      const capacity = Math.max(64, (n + k) * 2);
      const nextHead = Math.floor((capacity - n - k) / 2);
      const buf = new Float64Array(capacity);
      const flags = new Uint8Array(capacity);
      buf.set(this.buf.subarray(head, head + index), nextHead);
      buf.set(this.buf.subarray(head + index, head + n), nextHead + index + k);
      flags.set(this.flags.subarray(head, head + index), nextHead);
      flags.set(this.flags.subarray(head + index, head + n), nextHead + index + k);
      this.buf = buf;
      this.flags = flags;
      this.head = nextHead;
    }
  }

  /** Top of row `index` (index === count gives the total height). */
  offsetOf(index: number): number {
    this.ensureValid(index);
    return this.offsets[index];
  }

  get totalHeight(): number {
    return this.offsetOf(this.count);
  }

  /** The row containing `offset` (clamped to the rows). */
  indexAt(offset: number): number {
    const n = this.count;
    if (n === 0) {
      return 0;
    }
    this.ensureValid(n);
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.offsets[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /** The rows overlapping [top - overscan, top + viewport + overscan]. */
  rangeFor(scrollTop: number, viewportHeight: number, overscan: number): RowRange {
    if (this.count === 0) {
      return { start: 0, end: 0 };
    }
    const start = this.indexAt(Math.max(0, scrollTop - overscan));
    const bottom = scrollTop + viewportHeight + overscan;
    let end = this.indexAt(bottom) + 1;
    end = Math.min(this.count, Math.max(end, start + 1));
    return { start, end };
  }

  /** Row `index` changed: offsets up to and including its top stay valid, the ones after do not. */
  private invalidateFrom(index: number): void {
    this.validUpTo = Math.min(this.validUpTo, Math.max(0, index));
  }

  private ensureValid(index: number): void {
    const needed = this.n + 1;
    if (this.offsets.length < needed) {
      const grown = new Float64Array(Math.max(needed, this.offsets.length * 2));
      grown.set(this.offsets.subarray(0, this.validUpTo + 1));
      this.offsets = grown;
    }
    const target = Math.min(index, this.n);
    const { buf, head, offsets } = this;
    for (let i = this.validUpTo; i < target; i++) {
      offsets[i + 1] = offsets[i] + buf[head + i];
    }
    if (target > this.validUpTo) {
      this.validUpTo = target;
    }
  }
}

/**
 * Where the view should scroll so what the user reads stays put: a row, and how far the top of the view
 * is from that row's bottom edge. The bottom, because what changes in a row once older messages arrive
 * is at its top (a day separator or sender header that is no longer needed); its text is at the bottom.
 */
export interface ScrollAnchor {
  readonly index: number;
  /** scrollTop minus the row's bottom offset (usually negative). */
  readonly delta: number;
}

export function anchorAt(index: HeightIndex, scrollTop: number): ScrollAnchor | undefined {
  if (index.count === 0) {
    return undefined;
  }
  const row = index.indexAt(scrollTop);
  return { index: row, delta: scrollTop - index.offsetOf(row + 1) };
}

/** The scrollTop that puts the anchor back where it was. */
export function scrollTopFor(index: HeightIndex, anchor: ScrollAnchor): number {
  return index.offsetOf(anchor.index + 1) + anchor.delta;
}

/** Moves an anchor across a splice of the rows (`removed` rows at `at` replaced by `inserted`). */
export function shiftAnchor(anchor: ScrollAnchor, at: number, removed: number, inserted: number): ScrollAnchor {
  if (at > anchor.index) {
    return anchor;
  }
  if (at + removed > anchor.index) {
    // The anchor row itself went away: keep the view where that row's bottom was.
    return { index: Math.max(0, at - 1), delta: anchor.delta };
  }
  return { index: anchor.index - removed + inserted, delta: anchor.delta };
}
