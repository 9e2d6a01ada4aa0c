import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stackColumns, columnTip, isolatedColumns } from '../../components/charts/stackColumns';

// A partner's class shares by month: the middle month's counts are withheld, the last month's C and D only.
const series = [
  { key: 'A', label: 'A', values: [60, null, 62] },
  { key: 'B', label: 'B', values: [30, null, 31] },
  { key: 'C', label: 'C', values: [2, null, null] },
  { key: 'D', label: 'D', values: [8, null, null] },
];

test('a stacked share trend leaves out the months with a withheld share instead of stacking them as 0 %', () => {
  const gaps = stackColumns(3, series, true);
  assert.deepEqual(gaps.defined, [true, false, false]);
  assert.deepEqual(gaps.rows[0], { A: 60, B: 30, C: 2, D: 8 });
  // Without `gaps` (counts, where a withheld value is under 10) every column is drawn, withheld values as 0.
  const zero = stackColumns(3, series);
  assert.deepEqual(zero.defined, [true, true, true]);
  assert.deepEqual(zero.rows[1], { A: 0, B: 0, C: 0, D: 0 });
});

test('the tooltip says 不公开 of a withheld value, and of a sum with a withheld part, never 0', () => {
  const fmt = (v: number) => `${v.toFixed(1)}%`;
  const mid = columnTip(series, 1, fmt);
  assert.deepEqual(mid.rows.map((r) => r.text), ['不公开', '不公开', '不公开', '不公开']);
  assert.equal(mid.total, '不公开');
  const last = columnTip(series, 2, fmt);
  assert.deepEqual(last.rows.map((r) => r.text), ['62.0%', '31.0%', '不公开', '不公开']);
  assert.equal(last.total, '不公开');
  assert.equal(columnTip(series, 0, fmt).total, '100.0%');
  // A month without data (the briefing's trend: a month not classified) says so, not 不公开 (nothing was withheld).
  const gap = columnTip(series, 1, fmt, '该月无分类结果');
  assert.deepEqual([gap.rows[0]!.text, gap.total], ['该月无分类结果', '该月无分类结果']);
});

test('a drawn month between two left-out ones (or a trend of one month) is found, to be drawn as a bar', () => {
  assert.deepEqual(isolatedColumns([true, false, true, true, false, true]), [true, false, false, false, false, true]);
  assert.deepEqual(isolatedColumns([true]), [true]);
  assert.deepEqual(isolatedColumns([true, true]), [false, false]);
  assert.deepEqual(isolatedColumns([false, false]), [false, false]);
});
