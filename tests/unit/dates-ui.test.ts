/**
 * Dates the pages compute in the browser: the default 检查日期 of a 双随机 plan (China date, never after today) and
 * the 较上月 comparison of the 分布研判 workbench (the exact previous month, never an older one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultResultDate, earliestResultDate, latestResultDate, listPage } from '../../components/inspections/resultDate';
import { todayCn } from '../../server/calendar/workdays';
import { previousMonth, monthComparison, type MonthPoint } from '../../components/research/prevMonth';

// 2027-01-01 06:00 in Beijing (UTC+8) is still 2026-12-31 in UTC.
const NEW_YEAR_MORNING = new Date('2026-12-31T22:00:00Z');

test('todayCn: the date in Asia/Shanghai, whatever the UTC date', () => {
  assert.equal(todayCn(NEW_YEAR_MORNING), '2027-01-01');
  assert.equal(todayCn(new Date('2026-09-14T22:00:00Z')), '2026-09-15'); // 06:00 Beijing
  assert.equal(todayCn(new Date('2026-09-15T15:59:59.999Z')), '2026-09-15'); // 23:59:59 Beijing
  assert.equal(todayCn(new Date('2026-09-15T16:00:00Z')), '2026-09-16'); // midnight Beijing
});

test('default 检查日期: today in China within the plan year, the year end of a past plan, none for a future plan', () => {
  // the reviewer's case: plan year 2027 on 2027-01-01 06:00 Beijing → today, not 2027-12-31
  assert.equal(defaultResultDate(2027, NEW_YEAR_MORNING), '2027-01-01');
  // before 08:00 Beijing on any day: today, not yesterday
  assert.equal(defaultResultDate(2026, new Date('2026-09-14T22:00:00Z')), '2026-09-15');
  // a plan of an earlier year: its last day (in the past)
  assert.equal(defaultResultDate(2026, NEW_YEAR_MORNING), '2026-12-31');
  assert.equal(defaultResultDate(2025, new Date('2026-09-14T22:00:00Z')), '2025-12-31');
  // a plan of a later year has no day that is not in the future: no default
  assert.equal(defaultResultDate(2027, new Date('2026-12-31T15:59:59Z')), ''); // 23:59:59 on 2026-12-31 in Beijing
  assert.equal(defaultResultDate(2028, NEW_YEAR_MORNING), '');
});

test('the date picker ends at today or the plan year end, whichever is earlier', () => {
  assert.equal(latestResultDate(2027, NEW_YEAR_MORNING), '2027-01-01');
  assert.equal(latestResultDate(2026, NEW_YEAR_MORNING), '2026-12-31');
  assert.equal(latestResultDate(2026, new Date('2026-03-09T17:00:00Z')), '2026-03-10');
});

test('the date picker starts at the day of the draw (China time) or the plan year start, whichever is later', () => {
  assert.equal(earliestResultDate(2026, '2026-06-15 07:00:00'), '2026-06-15');
  assert.equal(earliestResultDate(2027, '2026-12-20 10:00:00'), '2027-01-01', 'a plan for next year drawn in December');
  assert.equal(earliestResultDate(2026, ''), '2026-01-01', 'not drawn');
});

test('the drawn list’s page: the last one when the list got shorter under it, never past the end', () => {
  assert.deepEqual(listPage(2, 201, 100), { page: 2, pages: 3 });
  assert.deepEqual(listPage(2, 200, 100), { page: 1, pages: 2 }, 'the last 待检查 row of page 3 recorded');
  assert.deepEqual(listPage(1, 0, 100), { page: 0, pages: 1 });
  assert.deepEqual(listPage(0, 100, 100), { page: 0, pages: 1 });
});

test('the default 检查日期 is never after today (China) and always in the plan year', () => {
  for (let h = 0; h < 24 * 400; h += 5) {
    const now = new Date(Date.UTC(2026, 0, 1) + h * 3600_000);
    const today = todayCn(now);
    for (const year of [2025, 2026, 2027]) {
      const d = defaultResultDate(year, now);
      if (d === '') { assert.ok(year > Number(today.slice(0, 4)), `${now.toISOString()} ${year}`); continue; }
      assert.ok(d <= today, `${now.toISOString()} ${year}: ${d} > ${today}`);
      assert.equal(d.slice(0, 4), String(year));
    }
  }
});

test('previousMonth: the calendar month before, across a year', () => {
  assert.equal(previousMonth('2026-05'), '2026-04');
  assert.equal(previousMonth('2026-01'), '2025-12');
  assert.equal(previousMonth('2026-12'), '2026-11');
});

const p = (month: string, n: number, counts: number[]): MonthPoint => ({ month, n, counts });

test('较上月 compares with the exact previous month', () => {
  const points = [p('2026-03', 800, [400, 300, 80, 20]), p('2026-04', 700, [400, 200, 80, 20]), p('2026-05', 900, [400, 300, 150, 50])];
  const c = monthComparison(points, '2026-05', '2025-06');
  assert.equal(c.last?.month, '2026-05');
  assert.equal(c.total, '较上月 +200');
  // C+D: 200/900 = 22.22 % against 100/700 = 14.29 %
  assert.equal(c.cd, '较上月 7.94 个百分点');
  const down = monthComparison(points, '2026-04', '2025-06');
  assert.equal(down.total, '较上月 -100');
});

test('a missing previous month is said plainly, never replaced by an older one', () => {
  // 2026-04 was not classified: the reviewer's case compared 2026-05 with 2026-03 under 较上月
  const points = [p('2026-03', 800, [400, 300, 80, 20]), p('2026-05', 900, [400, 300, 150, 50])];
  const c = monthComparison(points, '2026-05', '2025-06');
  assert.equal(c.last?.month, '2026-05');
  assert.equal(c.total, '上月无数据');
  assert.equal(c.cd, '上月无数据');
});

test('no claim when the previous month was not asked for, the month has no point, or counts are suppressed', () => {
  const points = [p('2026-05', 900, [400, 300, 150, 50])];
  // the trend window starts at the month itself: the previous month was not queried
  assert.deepEqual(monthComparison(points, '2026-05', '2026-05'), { last: points[0], total: ' ', cd: ' ' });
  // the selected month has no point
  const none = monthComparison([p('2026-04', 700, [400, 200, 80, 20])], '2026-05', '2025-06');
  assert.deepEqual([none.last, none.total, none.cd], [undefined, ' ', ' ']);
  // partner suppression hides the previous month's counts: nothing to compare with, but it is not missing
  const hidden: MonthPoint[] = [{ month: '2026-04', n: null, counts: [null, null, null, null] }, p('2026-05', 900, [400, 300, 150, 50])];
  const h = monthComparison(hidden, '2026-05', '2025-06');
  assert.deepEqual([h.total, h.cd], [' ', ' ']);
});
