/** The time helpers (server/db/time.ts): China time for display, UTC text for storage. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cnTime, cnTimeMs, formatCn, utcText } from '../../server/db/time';
import { trusted } from '../../server/db/sql';

test('formatCn shows instants in China time, whatever the process zone', () => {
  const at = new Date('2026-06-30T23:30:00Z');
  assert.equal(formatCn(at), '2026-07-01 07:30:00');
  assert.equal(formatCn(at.getTime()), '2026-07-01 07:30:00');
  assert.equal(formatCn('2026-06-30T23:30:00.000Z'), '2026-07-01 07:30:00');
  assert.equal(formatCn('2026-07-01T07:30:00+08:00'), '2026-07-01 07:30:00');
  assert.equal(formatCn('2026-06-30 23:30:00'), '2026-07-01 07:30:00', "the engine's UTC text");
  assert.equal(formatCn('2026-06-30 23:30:00.250'), '2026-07-01 07:30:00');
  assert.equal(formatCn('2026-12-31T16:00:00Z'), '2027-01-01 00:00:00', 'midnight is 00, not 24');
  assert.equal(formatCn(''), '');
  assert.equal(formatCn('未抽取'), '未抽取');
});

test('utcText is the UTC wall clock the writers store; cnTime formats a column in China time', () => {
  assert.equal(utcText(new Date('2026-07-01T07:30:00.250+08:00')), '2026-06-30 23:30:00.250');
  assert.equal(cnTime('st.ts').text, "formatDateTime(st.ts, '%Y-%m-%d %H:%i:%S', 'Asia/Shanghai')");
  assert.equal(cnTime(trusted('max(c.ts)'), '%Y-%m-%d').text, "formatDateTime(max(c.ts), '%Y-%m-%d', 'Asia/Shanghai')");
  assert.equal(cnTimeMs('ts').text, "toString(toTimeZone(ts, 'Asia/Shanghai'))");
  assert.throws(() => cnTime('ts); DROP TABLE x; --'));
});
