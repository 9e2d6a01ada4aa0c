import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkdays, buildCalendar, isWorkday, officialDays, workdaysBetween, weekday } from '../../server/calendar/workdays';

const cal = buildCalendar();

test('the shipped calendar has the official 2026 holidays and make-up working days', () => {
  const days = officialDays();
  const y26 = days.filter((d) => d.date.startsWith('2026-'));
  // 2026 notice: 3 + 9 + 3 + 5 + 3 + 3 + 7 holiday days, 6 make-up working days.
  assert.equal(y26.filter((d) => d.kind === 'holiday').length, 33);
  assert.deepEqual(y26.filter((d) => d.kind === 'workday').map((d) => d.date), ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  // every make-up working day falls on a weekend, as the notice says (周六/周日)
  for (const d of days.filter((x) => x.kind === 'workday')) assert.ok([0, 6].includes(weekday(d.date)), d.date);
  const y25 = days.filter((d) => d.date.startsWith('2025-'));
  assert.equal(y25.filter((d) => d.kind === 'holiday').length, 1 + 8 + 3 + 5 + 3 + 8);
});

test('weekends, holidays and make-up days', () => {
  assert.equal(isWorkday('2026-09-24', cal), true); // Thursday
  assert.equal(isWorkday('2026-09-25', cal), false); // 中秋 (Friday)
  assert.equal(isWorkday('2026-09-20', cal), true); // Sunday, make-up working day
  assert.equal(isWorkday('2026-09-19', cal), false); // Saturday
  assert.equal(isWorkday('2026-10-08', cal), true); // Thursday after 国庆
  assert.equal(isWorkday('2026-10-10', cal), true); // Saturday make-up
});

test('due date across a weekend and a holiday: received Thu 2026-09-24 → due Wed 2026-09-30', () => {
  // Fri 25 中秋, Sat 26, Sun 27 中秋 → Mon 28 (1), Tue 29 (2), Wed 30 (3)
  assert.equal(addWorkdays('2026-09-24', 3, cal), '2026-09-30');
});

test('due date across a make-up working day: received Fri 2026-09-18 → due Tue 2026-09-22', () => {
  // Sat 19 off, Sun 20 make-up working day (1), Mon 21 (2), Tue 22 (3)
  assert.equal(addWorkdays('2026-09-18', 3, cal), '2026-09-22');
  // without the calendar, Sunday would not count
  assert.equal(addWorkdays('2026-09-18', 3, new Map()), '2026-09-23');
});

test('due date across 国庆: received Tue 2026-09-29 → Wed 30 (1), 10-01..07 off, Thu 10-08 (2), Fri 10-09 (3)', () => {
  assert.equal(addWorkdays('2026-09-29', 3, cal), '2026-10-09');
  assert.equal(workdaysBetween('2026-09-29', '2026-10-09', cal), 3);
});

test('received on a holiday or weekend: counting starts the next day', () => {
  // 春节 2026: 02-15..02-23 off; received Sunday 02-15 → Tue 24 (1), Wed 25 (2), Thu 26 (3)
  assert.equal(addWorkdays('2026-02-15', 3, cal), '2026-02-26');
  // received Fri 02-13 → Sat 14 make-up (1), 15–23 off, Tue 24 (2), Wed 25 (3)
  assert.equal(addWorkdays('2026-02-13', 3, cal), '2026-02-25');
});

test('an administrator override replaces the official day', () => {
  const edited = buildCalendar([{ date: '2026-09-28', kind: 'holiday', name: '临时放假' }, { date: '2026-09-20', kind: 'normal', name: '' }]);
  assert.equal(isWorkday('2026-09-20', edited), false);
  assert.equal(addWorkdays('2026-09-24', 3, edited), '2026-10-08');
});

test('bad dates are refused', () => {
  assert.throws(() => addWorkdays('2026-02-30', 3, cal));
  assert.throws(() => addWorkdays('2026/02/01', 3, cal));
});
