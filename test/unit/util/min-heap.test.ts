import { MinHeap } from '../../../src/util/min-heap.js';

test('pops items smallest first, by the comparison given', () => {
  const heap = new MinHeap<number>((a, b) => b - a);
  for (const item of [5, 1, 9, 3, 7, 9, 0]) heap.push(item);
  const popped: number[] = [];
  while (heap.size > 0) popped.push(heap.pop()!);
  expect(popped).toEqual([9, 9, 7, 5, 3, 1, 0]);
  expect(heap.pop()).toBeUndefined();
});
