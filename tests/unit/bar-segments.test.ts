import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barSegments } from '../../components/research/barSegments';

test('a class bar with withheld classes ends in a withheld remainder up to 100 % in the share mode too', () => {
  // 二道区 for a partner: A 1,227, B 390, C and D withheld, n 1,725.
  const share = barSegments([1227, 390, null, null], 1725, 'share');
  assert.deepEqual(share.map((s) => s.key), ['A', 'B', 'withheld']);
  const rest = share.at(-1)!;
  assert.ok(Math.abs(rest.from - 1617 / 1725) < 1e-12);
  assert.equal(rest.to, 1, 'the remainder reaches 100 % (it was left blank)');
  const count = barSegments([1227, 390, null, null], 1725, 'count');
  assert.deepEqual(count.at(-1), { key: 'withheld', from: 1617, to: 1725, value: null });
});

test('a bar with every class shown has no remainder; a withheld class in the middle does not shift the ones after it apart', () => {
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  assert.deepEqual(barSegments([60, 30, 6, 4], 100, 'share').map((s) => [s.key, r3(s.from), r3(s.to)]), [['A', 0, 0.6], ['B', 0.6, 0.9], ['C', 0.9, 0.96], ['D', 0.96, 1]]);
  assert.deepEqual(barSegments([60, null, 0, null], 100, 'count').map((s) => [s.key, s.from, s.to]), [['A', 0, 60], ['C', 60, 60], ['withheld', 60, 100]]);
  assert.deepEqual(barSegments([1, 2, 3, 4], null, 'count'), []);
});
