/** An array kept sorted by binary insertion: O(log n) search, O(page) slices. For the memory store. */
export class SortedList<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  /** First index whose item is not before `item`. */
  private lowerBound(item: T): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const probe = this.items[mid] as T;
      if (this.compare(probe, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts unless an equal item is already present. */
  add(item: T): void {
    const at = this.lowerBound(item);
    const existing = this.items[at];
    if (at < this.items.length && this.compare(existing as T, item) === 0) return;
    this.items.splice(at, 0, item);
  }

  delete(item: T): boolean {
    const at = this.lowerBound(item);
    if (at < this.items.length && this.compare(this.items[at] as T, item) === 0) {
      this.items.splice(at, 1);
      return true;
    }
    return false;
  }

  /** `limit` items from `offset`, in order, or from the end backwards when `fromEnd`. */
  page(offset: number, limit: number, fromEnd = false): T[] {
    if (!fromEnd) return this.items.slice(offset, offset + limit);
    const end = Math.max(0, this.items.length - offset);
    return this.items.slice(Math.max(0, end - limit), end).reverse();
  }
}
