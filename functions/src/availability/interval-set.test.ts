import { compareByCodePoint } from './code-point-order';
import { intersect, normalize, subtract } from './interval-set';

const set = (...pairs: [number, number][]) => pairs.map(([start, end]) => ({ start, end }));

test('normalize sorts, drops empty intervals and merges overlapping or touching ones', () => {
  expect(normalize(set([5, 7], [1, 3], [3, 4], [6, 9], [10, 10]))).toEqual(set([1, 4], [5, 9]));
});

test('intersect keeps what both sets share', () => {
  expect(intersect(set([0, 10], [20, 30]), set([5, 25], [28, 40]))).toEqual(set([5, 10], [20, 25], [28, 30]));
});

test('subtract removes holes at edges, inside and across intervals', () => {
  expect(subtract(set([0, 10], [20, 30]), set([0, 2], [4, 5], [9, 21], [30, 40]))).toEqual(set([2, 4], [5, 9], [21, 30]));
  expect(subtract(set([0, 10]), set([-5, 15]))).toEqual([]);
});

test('compareByCodePoint orders by code point, not UTF-16 unit or locale', () => {
  expect(['😀', 'ﬀ', 'b', 'B', 'a'].sort(compareByCodePoint)).toEqual(['B', 'a', 'b', 'ﬀ', '😀']);
  expect(['ab', 'a', ''].sort(compareByCodePoint)).toEqual(['', 'a', 'ab']);
});
