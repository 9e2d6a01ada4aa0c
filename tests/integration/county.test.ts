/**
 * The seed-003 county public-credit model on crafted cases, as of 2024-06-30 (month 2024-06).
 * Trailing 12 months = (2023-06-30, 2024-06-30].
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { freshDb, ent, ev, id, results } from './classify-fixtures';

const MONTH = '2024-06';
const MODEL = 'county-public-credit';
let db: Db;
const cases: Record<string, { uscc: string; expect: string; rule?: string }> = {};
const enterprises: Array<Record<string, unknown>> = [];
const events: Array<Record<string, unknown>> = [];

function add(name: string, expect: string, evs: (u: string) => Array<Record<string, unknown>>, o: Record<string, unknown> = {}, rule?: string) {
  const u = id();
  enterprises.push(ent(u, o));
  events.push(...evs(u));
  cases[name] = { uscc: u, expect, rule };
}

/** n general records spread over the window: general penalties, abnormal listings and dishonest records in turn. */
function general(u: string, n: number, start = '2023-08-01'): Array<Record<string, unknown>> {
  const cats = ['penalty', 'abnormal_list', 'dishonest'];
  const d0 = new Date(`${start}T00:00:00Z`).getTime();
  return Array.from({ length: n }, (_, k) => ev(u, new Date(d0 + k * 20 * 86400e3).toISOString().slice(0, 10), cats[k % 3]!));
}

before(async () => {
  db = await freshDb();
  add('no record', 'A', () => [], {}, 'no_record');
  add('only neutral events', 'A', (u) => [ev(u, '2024-01-10', 'inspection', { result: 'pass' }), ev(u, '2024-02-10', 'complaint'), ev(u, '2024-03-01', 'license')]);
  add('one general penalty', 'B', (u) => general(u, 1), {}, 'general_records');
  add('5 general records', 'B', (u) => general(u, 5), {}, 'general_records');
  add('6 general records', 'C', (u) => general(u, 6), {}, 'general_over_5');
  add('6 records, one older than 12 months', 'B', (u) => [...general(u, 5), ev(u, '2023-06-30', 'penalty')]);
  add('record exactly 12 months back + 1 day counts', 'B', (u) => [ev(u, '2023-07-01', 'penalty')]);
  add('record older than 12 months ignored', 'A', (u) => [ev(u, '2023-06-29', 'dishonest')]);
  add('records after month end ignored', 'A', (u) => general(u, 6, '2024-07-01'));
  add('serious list old, not removed', 'C', (u) => [ev(u, '2019-03-01', 'serious_dishonest_list')], {}, 'serious_list');
  add('serious list removed before month end', 'A', (u) => [ev(u, '2022-03-01', 'serious_dishonest_list', { end_date: '2024-06-15' })]);
  add('serious list removed after month end', 'C', (u) => [ev(u, '2022-03-01', 'serious_dishonest_list', { end_date: '2024-07-02' })], {}, 'serious_list');
  add('serious list listed after month end', 'A', (u) => [ev(u, '2024-07-01', 'serious_dishonest_list')]);
  add('serious penalty within 12 months', 'C', (u) => [ev(u, '2024-02-01', 'penalty', { severity: 'serious', detail: '吊销许可证件' })], {}, 'serious_penalty');
  add('serious penalty older than 12 months is not serious now', 'A', (u) => [ev(u, '2023-05-01', 'penalty', { severity: 'serious' })]);
  add('business licence revoked', 'D', (u) => [ev(u, '2021-09-01', 'license_revoked')], { status: '吊销' }, 'license_revoked');
  add('revoked after month end', 'A', (u) => [ev(u, '2024-08-01', 'license_revoked')], { status: '吊销' });
  add('revoked beats serious list', 'D', (u) => [ev(u, '2024-01-01', 'serious_dishonest_list'), ev(u, '2024-02-01', 'license_revoked')]);
  add('repaired penalty does not count', 'A', (u) => [ev(u, '2024-01-05', 'penalty', { event_id: `pen-${u}` }), ev(u, '2024-04-01', 'credit_repair', { detail: `pen-${u}` })]);
  add('repair after month end: still counts', 'B', (u) => [ev(u, '2024-01-05', 'penalty', { event_id: `pen2-${u}` }), ev(u, '2024-07-01', 'credit_repair', { detail: `pen2-${u}` })]);
  add('penalty end_date (repaired) before month end', 'A', (u) => [ev(u, '2024-01-05', 'penalty', { end_date: '2024-05-01' })]);
  add('abnormal listing removed in the year still counts as a record', 'B', (u) => [ev(u, '2024-01-05', 'abnormal_list', { end_date: '2024-02-01' })]);
  await db.insert('enterprises', enterprises);
  await db.insert('events', events);
  await classifyMonth(db, MONTH, MODEL);
});

after(async () => { await closeDb(); });

test('every crafted county case gets its class', async () => {
  const r = await results(db, MONTH, MODEL);
  for (const [name, c] of Object.entries(cases)) {
    const row = r.get(c.uscc);
    assert.ok(row, `${name}: classified`);
    assert.equal(row.class, c.expect, name);
  }
});

test('the deciding rule is the first reason, with the class score as its points and the count as value', async () => {
  const r = await results(db, MONTH, MODEL);
  for (const [name, c] of Object.entries(cases)) {
    if (!c.rule) continue;
    const first = r.get(c.uscc)!.reasons[0]!;
    assert.equal(first.indicator, c.rule, name);
    assert.equal(Number(first.points), r.get(c.uscc)!.score, name);
  }
  assert.equal(Number(r.get(cases['5 general records']!.uscc)!.reasons[0]!.value), 5);
  assert.equal(Number(r.get(cases['6 general records']!.uscc)!.reasons[0]!.value), 6);
});
