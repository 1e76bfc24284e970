/**
 * A binary min-heap: push and pop in O(log n), for the topological sorts that always take the
 * smallest ready item next.
 */

/**
 * Items ordered by `compare` (negative when the first comes first), smallest popped first.
 *
 * @example
 * const heap = new MinHeap<string>((a, b) => (a < b ? -1 : a > b ? 1 : 0));
 * heap.push('b'); heap.push('a');
 * heap.pop(); // 'a'
 */
export class MinHeap<T> {
  readonly #items: T[] = [];
  readonly #compare: (a: T, b: T) => number;

  constructor(compare: (a: T, b: T) => number) {
    this.#compare = compare;
  }

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#compare(items[parent]!, item) <= 0) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && this.#compare(items[right]!, items[left]!) < 0 ? right : left;
      if (this.#compare(items[child]!, last) >= 0) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
