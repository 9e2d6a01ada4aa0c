/**
 * Reasons add up to the score (compile.ts), also where the score is not the raw score: a hard rule lifts it to the
 * D floor (the hard rule's reason carries the lift), or the raw score is outside 0–1000 (a reason `adj:cap`,
 * 分值上下限调整, carries clamp(raw) − raw). General model, 2025-06.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { freshDb, ent, ev, id, reports, results, type ResultRow } from './classify-fixtures';
import { streamClassExport } from '../../server/classify/export';
import { dispatch } from '../../server/cli/dispatch';

const MONTH = '2025-06';
let db: Db;
const U = { hard: id(), over: id(), under: id(), plain: id() };
let r: Map<string, ResultRow>;

before(async () => {
  db = await freshDb();
  await db.insert('enterprises', [
    ent(U.hard), ent(U.over, { reg_date: '2005-01-01' }), ent(U.under, { reg_date: '2005-01-01', tags: ['高新技术企业'] }), ent(U.plain),
  ]);
  await db.insert('events', [
    // A serious-violation listing: the hard rule forces D at 750 while the raw score is far below.
    ev(U.hard, '2024-03-01', 'serious_dishonest_list'),
    // Far above 1000.
    ...Array.from({ length: 4 }, (_, k) => ev(U.over, `2025-0${k + 1}-10`, 'penalty', { amount_yuan: 60000, severity: 'serious' })),
    ...Array.from({ length: 6 }, (_, k) => ev(U.over, `2025-0${(k % 5) + 1}-12`, 'complaint')),
    ev(U.over, '2022-01-01', 'abnormal_list', { detail: '通过登记的住所无法联系' }), ev(U.over, '2025-01-01', 'inspection', { result: 'problem' }),
    ev(U.over, '2025-02-01', 'inspection', { result: 'problem' }), ev(U.over, '2025-03-01', 'dishonest'), ev(U.over, '2024-03-01', 'dishonest'),
    // Below 0: old, high-tech, licensed, inspected, recently repaired.
    ...reports(U.under, 2016, 2025), ev(U.under, '2010-01-01', 'license'), ev(U.under, '2025-01-10', 'inspection', { result: 'pass' }),
    ev(U.under, '2025-02-01', 'credit_repair', { detail: 'x' }),
    // Within 0–1000, no hard rule: no adjustment.
    ...reports(U.plain, 2016, 2025), ev(U.plain, '2025-03-01', 'penalty'),
  ]);
  await classifyMonth(db, MONTH, 'general');
  r = await results(db, MONTH);
});

after(async () => { await closeDb(); });

const sum = (row: ResultRow) => row.reasons.reduce((s, x) => s + Number(x.points), 0) + row.other_points;
const reason = (row: ResultRow, indicator: string) => row.reasons.find((x) => x.indicator === indicator);

test('a hard rule: its reason carries score − raw score, and the reasons add up to the score', () => {
  const row = r.get(U.hard)!;
  assert.equal(row.hard_rule, 'serious_list');
  assert.equal(row.score, 750);
  assert.ok(row.raw_score > 0 && row.raw_score < 750, `raw ${row.raw_score}`);
  assert.ok(Math.abs(Number(reason(row, 'hard:serious_list')!.points) - (750 - row.raw_score)) < 0.01);
  assert.ok(Math.abs(sum(row) - row.score) < 0.01, `${sum(row)} ≠ ${row.score}`);
  assert.equal(reason(row, 'adj:cap'), undefined);
});

test('a raw score above 1000: adj:cap carries 1000 − raw, and the reasons add up to 1000', () => {
  const row = r.get(U.over)!;
  assert.ok(row.raw_score > 1000, `raw ${row.raw_score}`);
  assert.equal(row.score, 1000);
  const cap = reason(row, 'adj:cap')!;
  assert.equal(cap.name, '分值上下限调整');
  assert.ok(Math.abs(Number(cap.points) - (1000 - row.raw_score)) < 0.01);
  assert.ok(Math.abs(Number(cap.value) - row.raw_score) < 0.01);
  assert.ok(Math.abs(sum(row) - 1000) < 0.01, `${sum(row)} ≠ 1000`);
  assert.notEqual(row.reasons[0]!.indicator, 'adj:cap', 'the heaviest indicator stays first');
});

test('a raw score below 0: adj:cap carries −raw, and the reasons add up to 0', () => {
  const row = r.get(U.under)!;
  assert.ok(row.raw_score < 0, `raw ${row.raw_score}`);
  assert.equal(row.score, 0);
  assert.ok(Math.abs(Number(reason(row, 'adj:cap')!.points) + row.raw_score) < 0.01);
  assert.ok(Math.abs(sum(row)) < 0.01, `${sum(row)} ≠ 0`);
});

test('a score within 0–1000 without a hard rule has no adjustment, and the reasons add up to it', () => {
  const row = r.get(U.plain)!;
  assert.equal(reason(row, 'adj:cap'), undefined);
  assert.equal(row.score, row.raw_score);
  assert.ok(Math.abs(sum(row) - row.score) < 0.01);
});

test('an exported line adds up to its score too: JSONL other_points, the CSV reasons text ending with 其他指标合计', async () => {
  const lines: string[] = [];
  await streamClassExport(db, { month: MONTH, modelId: 'general', format: 'jsonl' }, (l) => lines.push(l));
  const rows = lines.map((l) => JSON.parse(l) as { uscc: string; score: number; other_points: number; reasons: Array<{ points: number }> });
  assert.equal(rows.length, 4);
  for (const x of rows) {
    assert.equal(typeof x.other_points, 'number', x.uscc);
    const total = x.reasons.reduce((a, y) => a + y.points, 0) + x.other_points;
    assert.ok(Math.abs(total - x.score) < 0.02, `${x.uscc}: ${total} ≠ ${x.score}`);
  }
  const csv: string[] = [];
  await streamClassExport(db, { month: MONTH, modelId: 'general', format: 'csv' }, (l) => csv.push(l));
  const withOther = [...r.values()].filter((x) => Math.abs(x.other_points) >= 0.05);
  assert.ok(withOther.length > 0, 'an enterprise with points outside its top reasons');
  for (const x of withOther) {
    assert.match(csv.find((l) => l.startsWith(x.uscc))!, new RegExp(`其他指标合计=${Math.round(x.other_points * 10) / 10}"?$`), x.uscc);
  }
});

test('export classes --json prints one JSON document: the month, the model, every line\'s object, their count', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const cli = (argv: string[]) => dispatch(argv, { out: (t) => out.push(t), err: (t) => err.push(t), progress: () => {}, stdin: '', actor: 'test', db: async () => db });
  assert.equal(await cli(['export', 'classes', '--month', MONTH, '--json']), 0, err.join('\n'));
  const doc = JSON.parse(out.join('\n')) as { month: string; model: string; enterprises: number; rows: Array<{ uscc: string; class: string; score: number }> };
  assert.equal(doc.month, MONTH);
  assert.equal(doc.model, 'general');
  assert.equal(doc.enterprises, 4);
  assert.deepEqual(doc.rows.map((x) => x.uscc).sort(), [...r.keys()].sort());
  for (const x of doc.rows) assert.equal(x.class, r.get(x.uscc)!.class, x.uscc);
  // A month without results: nothing on stdout, exit 1; --json with --format csv: a usage error.
  out.length = 0;
  assert.equal(await cli(['export', 'classes', '--month', '2024-01', '--json']), 1);
  assert.equal(out.join(''), '');
  assert.equal(await cli(['export', 'classes', '--month', MONTH, '--format', 'csv', '--json']), 2);
  assert.equal(out.join(''), '');
});
