import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shownMonth } from '../../components/research/viewState';
import { classHint } from '../../components/research/prevMonth';

const months = ['2026-08', '2026-09', '2026-10'];

test('分布研判 analyses the URL\'s month when the model has classes for it, else the latest, and says so', () => {
  assert.deepEqual(shownMonth('2026-09', months), { month: '2026-09', missing: false });
  assert.deepEqual(shownMonth(undefined, months), { month: '2026-10', missing: false });
  // m=2020-01: the views were empty under a month select showing 2026-10.
  assert.deepEqual(shownMonth('2020-01', months), { month: '2026-10', missing: true });
  // The months not known yet: the URL's month, no notice.
  assert.deepEqual(shownMonth('2020-01', undefined), { month: '2020-01', missing: false });
  assert.deepEqual(shownMonth(undefined, undefined), { month: '', missing: false });
  assert.deepEqual(shownMonth('2026-09', []), { month: '2026-09', missing: false });
});

test('a class KPI says 不公开 of a withheld count only, not of a slice with no enterprise in the month', () => {
  assert.equal(classHint(undefined, 2, '不公开'), ' ');
  assert.equal(classHint({ month: '2026-10', n: 1200, counts: [1000, 150, null, 42] }, 2, '不公开'), '不公开');
  assert.equal(classHint({ month: '2026-10', n: 1200, counts: [1000, 150, 8, 42] }, 3, '不公开'), '42 户');
  assert.equal(classHint({ month: '2026-10', n: 12000, counts: [10000, 1500, 8, 4200] }, 3, '不公开'), '4,200 户');
});

test('a region filter wholly outside the viewer\'s region is told apart from one inside or above it', async () => {
  const { outsideScope } = await import('../../components/research/viewState');
  assert.equal(outsideScope('220200', '220100'), true, '吉林市 for a 长春 analyst');
  assert.equal(outsideScope('220203', '220100'), true);
  assert.equal(outsideScope('220102', '220100'), false, 'a county of 长春');
  assert.equal(outsideScope('220102001', '220100'), false);
  assert.equal(outsideScope('220000', '220100'), false, 'the province above: the views show 长春');
  assert.equal(outsideScope('220100', '220102'), false, 'a county analyst choosing their prefecture');
  assert.equal(outsideScope('220103', '220102'), true);
  assert.equal(outsideScope('410100', '220100'), true);
  assert.equal(outsideScope('220200', undefined), false, 'no scope');
  assert.equal(outsideScope(undefined, '220100'), false);
});

test('a 研判 note keeps the month analysed, whatever else its query holds', async () => {
  const { noteSearch } = await import('../../components/research/viewState');
  const { filtersFromSearch } = await import('../../queries/filters');
  const month = (s: string) => filtersFromSearch(new URLSearchParams(s)).month;
  // 'from=', 'bm=', 'mm=' contain 'm=': the month was not added and the note was saved without one.
  for (const s of ['?from=2025-06', '?bm=share', '?r=220100&mm=score', '']) {
    const q = noteSearch(s, '2026-10', 'trend');
    assert.equal(month(q), '2026-10', q);
    assert.equal(new URLSearchParams(q.slice(1)).get('view'), 'trend');
  }
  assert.equal(noteSearch('?m=2026-08&r=220100', '2026-08', 'matrix'), '?m=2026-08&r=220100&view=matrix');
  // A month the model has no classes for: the page shows the latest (shownMonth), and the note keeps that.
  assert.equal(month(noteSearch('?m=2020-01', '2026-10', 'matrix')), '2026-10');
  assert.equal(month(noteSearch('?model=food&tag=食品生产', '2026-10', 'distribution')), '2026-10');
});
