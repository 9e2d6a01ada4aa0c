/**
 * The general model and the run machinery on crafted fixtures, as of 2024-06-30 (month 2024-06).
 * Expected values are counted by hand from the fixture rows; expected points come from the model file through
 * the TypeScript scorer (an implementation independent of the SQL one).
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyAll, classifyMonth } from '../../server/classify/run';
import { indicatorBreakdown, type Breakdown } from '../../server/classify/explain';
import { getModel, scoreFraction, type ScoreModel } from '../../server/classify/model';
import { buildFeatures, buildShared } from '../../server/classify/features';
import { streamClassExport } from '../../server/classify/export';
import { dispatch } from '../../server/cli/dispatch';
import { freshDb, ent, ev, id, reports, results } from './classify-fixtures';

const MONTH = '2024-06';
let db: Db;
const U: Record<string, string> = {};
let bd: Map<string, Breakdown>;
const model = getModel('general') as ScoreModel;

before(async () => {
  db = await freshDb();
  const E: Array<Record<string, unknown>> = [];
  const V: Array<Record<string, unknown>> = [];
  const mk = (name: string, o: Record<string, unknown> = {}, evs: (u: string) => Array<Record<string, unknown>> = () => [], withReports = true) => {
    const u = id();
    U[name] = u;
    E.push(ent(u, o));
    V.push(...evs(u));
    if (withReports) V.push(...reports(u));
  };
  mk('clean');
  mk('penalties', {}, (u) => [
    ev(u, '2024-05-01', 'penalty', { amount_yuan: 20000 }), // 12m
    ev(u, '2023-01-10', 'penalty', { amount_yuan: 5000 }),  // 24m
    ev(u, '2021-09-01', 'penalty', { amount_yuan: 1000 }),  // 36m (after 2021-06-30)
    ev(u, '2021-05-01', 'penalty', { amount_yuan: 99999 }), // older than 36m: ignored
    ev(u, '2024-07-05', 'penalty', { amount_yuan: 77777 }), // after month end: ignored
  ]);
  mk('abnormal now', {}, (u) => [ev(u, '2024-03-01', 'abnormal_list', { detail: '通过登记的住所无法联系' })]);
  mk('abnormal before', {}, (u) => [ev(u, '2023-01-01', 'abnormal_list', { end_date: '2023-03-01' })]);
  mk('abnormal removed after month end', {}, (u) => [ev(u, '2024-01-01', 'abnormal_list', { end_date: '2024-07-15' })]);
  mk('serious list', {}, (u) => [ev(u, '2020-01-01', 'serious_dishonest_list')]);
  mk('serious list removed', {}, (u) => [ev(u, '2020-01-01', 'serious_dishonest_list', { end_date: '2024-06-01' })]);
  mk('revoked', { status: '吊销' }, (u) => [ev(u, '2024-02-01', 'license_revoked')]);
  mk('changes', {}, (u) => [
    ev(u, '2024-02-01', 'change', { detail: '法定代表人' }), ev(u, '2024-03-01', 'change', { detail: '住所' }),
    ev(u, '2024-04-01', 'change', { detail: '法定代表人' }), ev(u, '2023-05-01', 'change', { detail: '名称' }), // 名称 > 12m ago
  ]);
  mk('inspections', {}, (u) => [
    ev(u, '2024-01-01', 'inspection', { result: 'problem' }), ev(u, '2022-01-01', 'inspection', { result: 'unreachable' }),
    ev(u, '2024-05-01', 'inspection', { result: 'pass' }), ev(u, '2024-08-01', 'inspection', { result: 'problem' }),
  ]);
  mk('complaints', {}, (u) => [
    ev(u, '2024-05-01', 'complaint'), ev(u, '2024-06-10', 'complaint'), ev(u, '2024-06-20', 'complaint'),
    ev(u, '2023-12-01', 'complaint'), ev(u, '2022-12-01', 'complaint'),
  ]);
  // On the last days of quarters: as of 06-30, "within 3 months" is April–June and the quarter before is January–March.
  mk('complaints at quarter ends', {}, (u) => [
    ev(u, '2023-12-31', 'complaint'), ev(u, '2024-03-31', 'complaint'), ev(u, '2024-04-01', 'complaint'),
  ]);
  mk('repaired', {}, (u) => [
    ev(u, '2024-01-01', 'penalty', { event_id: `p1-${u}` }), ev(u, '2024-03-01', 'credit_repair', { detail: `p1-${u}` }),
    ev(u, '2024-02-01', 'penalty'),
  ]);
  mk('blanket repair', {}, (u) => [ev(u, '2024-01-01', 'penalty'), ev(u, '2024-02-01', 'dishonest'), ev(u, '2024-03-01', 'credit_repair', { detail: '已完成信用修复' }), ev(u, '2024-04-01', 'penalty')]);
  mk('no reports', {}, () => [], false);
  // Relations: one legal representative behind three enterprises, one of them on the abnormal list; shared address.
  mk('rep A', { legal_rep_id: 'P-many', address_key: 'cluster-1' });
  mk('rep B', { legal_rep_id: 'P-many', address_key: 'cluster-1' }, (u) => [ev(u, '2024-04-01', 'abnormal_list')]);
  mk('rep C', { legal_rep_id: 'P-many', address_key: 'cluster-1' });
  mk('registered later', { reg_date: '2024-07-01' });
  mk('one year old on the month end', { reg_date: '2023-06-30' });
  mk('one day short of a year', { reg_date: '2023-07-01' });
  mk('closed before', { status: '注销' }, (u) => [ev(u, '2024-03-01', 'change', { detail: '注销登记' })]);
  mk('closed after', { status: '注销' }, (u) => [ev(u, '2024-09-01', 'change', { detail: '注销登记' })]);
  mk('food shop', { industry_code: 'F5221', industry_section: 'F', industry_division: 'F52', tags: ['食品经营'] }, (u) => [
    ev(u, '2024-03-01', 'penalty', { source: '食品安全监管', detail: '销售过期食品' }), ev(u, '2024-04-01', 'penalty', { source: '食品安全监管' }),
    ev(u, '2023-11-01', 'inspection', { result: 'problem', source: '食品安全监管' }), ev(u, '2024-05-01', 'complaint', { detail: '食品变质' }),
    ev(u, '2024-06-01', 'complaint', { detail: '食品变质' }), ev(u, '2024-06-02', 'complaint', { detail: '食品' }),
  ]);
  await db.insert('enterprises', E);
  await db.insert('events', V);
  await db.insert('roles', [
    { uscc: U['rep A'], person_id: 'S-1', person_name: '', role: '股东', share_pct: 50, import_id: 't' },
    { uscc: U['rep B'], person_id: 'S-1', person_name: '', role: '股东', share_pct: 50, import_id: 't' },
    { uscc: U['clean'], person_id: 'S-1', person_name: '', role: '监事', share_pct: null, import_id: 't' },
    // Two roles in one enterprise: one person tied to one enterprise, not to two.
    { uscc: U['rep C'], person_id: 'S-2', person_name: '', role: '股东', share_pct: 10, import_id: 't' },
    { uscc: U['rep C'], person_id: 'S-2', person_name: '', role: '董事', share_pct: null, import_id: 't' },
    // A corporate shareholder (an enterprise's USCC as the person id), also shareholder of an enterprise registered later.
    { uscc: U['rep C'], person_id: '91220101MA0000001X', person_name: '', role: '股东', share_pct: 40, import_id: 't' },
    { uscc: U['registered later'], person_id: '91220101MA0000001X', person_name: '', role: '股东', share_pct: 40, import_id: 't' },
  ]);
  await classifyMonth(db, MONTH);
  bd = new Map((await indicatorBreakdown(db, MONTH, Object.values(U))).map((b) => [b.uscc, b]));
});

after(async () => { await closeDb(); });

const v = (name: string, ind: string) => bd.get(U[name]!)!.values[ind];

test('penalty windows count 12/24/36 months and ignore older and later records', () => {
  assert.equal(v('penalties', 'pen_12m'), 1);
  assert.equal(v('penalties', 'pen_24m'), 2);
  assert.equal(v('penalties', 'pen_36m'), 3);
  assert.equal(v('penalties', 'pen_amount_36m'), 26000);
  assert.equal(v('penalties', 'pen_max_amount_36m'), 20000);
  assert.equal(v('clean', 'pen_36m'), 0);
});

test('abnormal list now and before', () => {
  assert.equal(v('abnormal now', 'abn_now'), 1);
  assert.equal(v('abnormal now', 'abn_unreachable_now'), 1);
  assert.equal(v('abnormal now', 'abn_now_days'), 121); // 2024-03-01 → 2024-06-30
  assert.equal(v('abnormal before', 'abn_now'), 0);
  assert.equal(v('abnormal before', 'abn_before_36m'), 1);
  assert.equal(v('abnormal removed after month end', 'abn_now'), 1);
  assert.equal(v('abnormal removed after month end', 'abn_before_36m'), 0);
});

test('serious list not removed → D with the hard rule first among the reasons; removed → not forced', async () => {
  const r = await results(db, MONTH);
  const s = r.get(U['serious list']!)!;
  assert.equal(s.class, 'D');
  assert.equal(s.hard_rule, 'serious_list');
  assert.equal(s.reasons[0]!.indicator, 'hard:serious_list');
  // The hard rule's points are what it lifts the score by: reasons add up to the score.
  assert.ok(s.score >= 750);
  assert.ok(Math.abs(Number(s.reasons[0]!.points) - (s.score - Math.min(1000, Math.max(0, s.raw_score)))) < 0.01);
  const removed = r.get(U['serious list removed']!)!;
  assert.equal(removed.hard_rule, '');
  assert.notEqual(removed.class, 'D');
  assert.equal(v('serious list removed', 'serious_list_before_36m'), 1);
});

test('business licence revoked → D', async () => {
  const r = await results(db, MONTH);
  assert.equal(r.get(U['revoked']!)!.class, 'D');
  assert.equal(r.get(U['revoked']!)!.hard_rule, 'license_revoked');
});

test('changes within 12 months by kind', () => {
  assert.equal(v('changes', 'chg_rep_12m'), 2);
  assert.equal(v('changes', 'chg_addr_12m'), 1);
  assert.equal(v('changes', 'chg_name_12m'), 0);
  assert.equal(v('changes', 'chg_12m'), 3);
  assert.equal(v('changes', 'chg_36m'), 4);
});

test('inspections: problems, unreachable, last result, events after month end ignored', () => {
  assert.equal(v('inspections', 'insp_problem_12m'), 1);
  assert.equal(v('inspections', 'insp_unreachable_36m'), 1);
  assert.equal(v('inspections', 'insp_last_bad'), 0); // the last one by 2024-06-30 passed
  assert.equal(v('inspections', 'insp_problem_36m'), 1);
  // Not inspected in 36 months: with other events (annual reports) and with no event at all alike.
  assert.equal(v('clean', 'insp_never'), 1);
  assert.equal(v('no reports', 'insp_never'), 1);
  assert.equal(v('inspections', 'insp_never'), 0);
});

test('complaints and their trend', () => {
  assert.equal(v('complaints', 'cmp_12m'), 4);
  assert.equal(v('complaints', 'cmp_3m'), 3);
  assert.equal(v('complaints', 'cmp_trend_q'), 3); // 3 in Apr–Jun vs 0 in Jan–Mar
  assert.equal(v('complaints', 'cmp_trend_y'), 1); // 4 vs 1 the year before
});

test('month windows are whole calendar months, also when the month ends on the 30th', () => {
  // 03-31 is not within 3 months of 06-30 (three months back is March's end, not 03-30); 12-31 is not in Jan–Mar.
  assert.equal(v('complaints at quarter ends', 'cmp_3m'), 1);
  assert.equal(v('complaints at quarter ends', 'cmp_trend_q'), 0); // 1 in Apr–Jun vs 1 in Jan–Mar
  assert.equal(v('complaints at quarter ends', 'cmp_12m'), 3);
});

test('credit repair stops a record counting, by reference or for all earlier records', () => {
  assert.equal(v('repaired', 'pen_12m'), 1);
  assert.equal(v('repaired', 'pen_repaired_36m'), 1);
  assert.equal(v('blanket repair', 'pen_12m'), 1); // only the penalty after the repair
  assert.equal(v('blanket repair', 'dishonest_12m'), 0);
});

test('annual report missing', () => {
  assert.equal(v('no reports', 'ar_missing'), 1);
  assert.equal(v('no reports', 'ar_missing_3y'), 3);
  assert.equal(v('clean', 'ar_missing'), 0);
  // Reports filed every May: as of 2024-06-30 the three report years are 2020–2022, filed in May 2021–2023; the one
  // filed on 2021-05-15 lies before 36 months back (2021-06-30) and still counts.
  assert.equal(v('clean', 'ar_missing_3y'), 0);
});

test('age: an anniversary on the month end counts as a whole year', () => {
  assert.equal(v('one year old on the month end', 'age_short'), 1);
  assert.equal(v('one year old on the month end', 'new_1y'), 0);
  assert.equal(v('one year old on the month end', 'young_3y'), 1);
  assert.equal(v('one day short of a year', 'new_1y'), 1);
  assert.ok(Math.abs(v('one day short of a year', 'age_short')! - 365 / 366) < 1e-9); // 2023-07-01 → 2024-06-30, a leap year
});

test('relations: legal representative\'s other enterprises, address cluster, shared shareholders', () => {
  assert.equal(v('rep A', 'rep_other_count'), 2);
  assert.equal(v('rep A', 'rep_abn_other'), 1);
  assert.equal(v('rep B', 'rep_abn_other'), 0); // its own listing is not "other"
  assert.equal(v('rep A', 'addr_cluster'), 3);
  assert.equal(v('rep C', 'addr_abn_other'), 1);
  assert.equal(v('rep A', 'related_listed'), 1); // shareholder S-1 is also behind rep B (listed)
  assert.equal(v('clean', 'related_listed'), 1);
  assert.equal(v('rep B', 'related_listed'), 0);
  assert.equal(v('clean', 'rep_other_count'), 0);
});

test('relations: the largest number of classified enterprises behind one related person; corporate shareholders', () => {
  assert.equal(v('rep A', 'person_max_ent'), 3); // S-1: rep A, rep B, clean
  assert.equal(v('clean', 'person_max_ent'), 3);
  // S-2 holds two roles in rep C only; the corporate holder's other enterprise is not classified this month.
  assert.equal(v('rep C', 'person_max_ent'), 1);
  assert.equal(v('penalties', 'person_max_ent'), 0); // no roles on file
  assert.equal(v('rep C', 'corp_holder'), 1);
  assert.equal(v('rep A', 'corp_holder'), 0);
});

test('who is classified: not registered later, not closed before the month end', async () => {
  const r = await results(db, MONTH);
  assert.ok(!r.has(U['registered later']!));
  assert.ok(!r.has(U['closed before']!));
  assert.ok(r.has(U['closed after']!));
  assert.ok(r.has(U['clean']!));
});

test('points follow the model file, and reasons + other points add up to the score', async () => {
  const r = await results(db, MONTH);
  for (const [uscc, b] of bd) {
    const row = r.get(uscc);
    if (!row) continue;
    let total = 0;
    for (const ind of model.indicators) {
      const expected = ind.points * scoreFraction(ind.scoring, b.values[ind.id]!);
      assert.ok(Math.abs(b.points[ind.id]! - expected) < 1e-6, `${ind.id} for ${uscc}`);
      total += expected;
    }
    assert.ok(Math.abs(row.raw_score - total) < 0.01, `raw score ${uscc}`);
    const sumReasons = row.reasons.reduce((s, x) => s + Number(x.points), 0);
    assert.ok(Math.abs(sumReasons + row.other_points - row.score) < 0.01, `reasons add up to the score ${uscc}`);
    const subs = Object.values(row.subscores).reduce((s, x) => s + Number(x), 0);
    assert.ok(Math.abs(subs - row.raw_score) < 0.01, `dimension subscores add up ${uscc}`);
    assert.ok(row.reasons.filter((x) => !x.indicator.startsWith('hard:') && x.indicator !== 'adj:cap').length <= 5);
    if (!row.hard_rule) assert.ok(Math.abs(row.score - Math.min(1000, Math.max(0, row.raw_score))) < 0.01, `score is the capped raw score ${uscc}`);
  }
});

test('class follows the bands', async () => {
  const r = await results(db, MONTH);
  for (const row of r.values()) {
    if (row.hard_rule) continue;
    const b = model.bands;
    const expected = row.score >= b.D ? 'D' : row.score >= b.C ? 'C' : row.score >= b.B ? 'B' : 'A';
    assert.equal(row.class, expected);
  }
  assert.equal(r.get(U['clean']!)!.class, 'A');
});

test('key-area: the food model scores food enterprises only, and effective takes the riskier class', async () => {
  const food = await results(db, MONTH, 'food');
  assert.ok(food.has(U['food shop']!));
  assert.ok(!food.has(U['clean']!));
  const g = (await results(db, MONTH)).get(U['food shop']!)!;
  const f = food.get(U['food shop']!)!;
  const e = (await results(db, MONTH, 'effective')).get(U['food shop']!)!;
  assert.equal(e.class, [g.class, f.class].sort().at(-1));
  assert.equal(e.basis, f.class > g.class ? 'food' : 'general');
  const eClean = (await results(db, MONTH, 'effective')).get(U['clean']!)!;
  assert.equal(eClean.basis, 'general');
  // Every general enterprise once in effective (copied when it has no key-area row, compared when it has one).
  const n = await db.rows<{ model_id: string; n: number; u: number }>({ text: `SELECT model_id, toUInt32(count()) AS n, toUInt32(uniqExact(uscc)) AS u FROM class_results
    WHERE month = {m:Date} AND model_id IN ('general', 'effective') GROUP BY model_id ORDER BY model_id`, params: { m: `${MONTH}-01` } });
  assert.equal(n.length, 2);
  assert.equal(Number(n[0]!.n), Number(n[0]!.u));
  assert.equal(Number(n[0]!.n), Number(n[1]!.n));
  const gClean = (await results(db, MONTH)).get(U['clean']!)!;
  assert.deepEqual({ ...eClean, model_id: '', basis: '' }, { ...gClean, model_id: '', basis: '' });
});

test('events after the month end are ignored: adding them and re-running changes nothing', async () => {
  const before = await results(db, MONTH);
  await db.insert('events', [
    ev(U['clean']!, '2024-07-01', 'serious_dishonest_list'), ev(U['clean']!, '2024-07-02', 'penalty', { severity: 'serious' }),
    ev(U['clean']!, '2024-07-03', 'license_revoked'),
  ]);
  await classifyMonth(db, MONTH, 'general');
  const after = await results(db, MONTH);
  assert.deepEqual(after.get(U['clean']!), before.get(U['clean']!));
});

test('re-running a month replaces it: same results, no duplicates', async () => {
  const first = await results(db, MONTH);
  await classifyMonth(db, MONTH);
  await classifyMonth(db, MONTH, 'general');
  const n = await db.one<{ n: number; u: number }>({ text: `SELECT toUInt32(count()) AS n, toUInt32(uniqExact(uscc)) AS u FROM class_results WHERE month = '2024-06-01' AND model_id = 'general'`, params: {} });
  assert.equal(Number(n!.n), Number(n!.u));
  assert.equal(Number(n!.n), first.size);
  assert.deepEqual(await results(db, MONTH), first);
  const runs = await db.one<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM class_runs FINAL WHERE model_id = 'general' AND status = 'done'`, params: {} });
  assert.ok(Number(runs!.n) >= 3);
});

test('export classes: one line per enterprise in jsonl and csv, and the CLI', async () => {
  const lines: string[] = [];
  const n = await streamClassExport(db, { month: MONTH, modelId: 'general', format: 'jsonl' }, (l) => lines.push(l), 7);
  const r = await results(db, MONTH);
  assert.equal(n, r.size);
  const parsed = lines.map((l) => JSON.parse(l) as { uscc: string; class: string; score: number; reasons: unknown[] });
  assert.equal(new Set(parsed.map((p) => p.uscc)).size, r.size);
  for (const p of parsed) assert.equal(p.class, r.get(p.uscc)!.class);
  const out: string[] = [];
  const code = await dispatch(['export', 'classes', '--month', MONTH, '--format', 'csv'], {
    out: (s) => out.push(s), err: () => {}, progress: () => {}, stdin: '', db: async () => db, actor: 'test',
  });
  assert.equal(code, 0);
  assert.equal(out[0], 'uscc,class,score,reasons');
  assert.equal(out.length, r.size + 1);
  const bad = await dispatch(['export', 'classes', '--month', '2031-01', '--format', 'csv'], {
    out: () => {}, err: () => {}, progress: () => {}, stdin: '', db: async () => db, actor: 'test',
  });
  assert.equal(bad, 1);
  const usage = await dispatch(['classify'], { out: () => {}, err: () => {}, progress: () => {}, stdin: '', db: async () => db, actor: 'test' });
  assert.equal(usage, 2);
});

test('classify --all reads the month-independent inputs once and gives what month-by-month runs give', async () => {
  const runs = await classifyAll(db, { since: '2024-05', actor: 'test' });
  const months = runs.map((r) => r.month);
  assert.deepEqual(months.slice(0, 5), ['2024-05', '2024-06', '2024-07', '2024-08', '2024-09']);
  const snapshot = async () => {
    const out: Record<string, unknown> = {};
    for (const m of months) for (const id of ['general', 'food', 'county-public-credit', 'effective']) out[`${m} ${id}`] = [...(await results(db, m, id)).entries()].sort();
    return out;
  };
  const together = await snapshot();
  // Shared closures: closed on 2024-09-01, so classified up to August and not from September.
  assert.ok((await results(db, '2024-08')).has(U['closed after']!));
  assert.ok(!(await results(db, '2024-09')).has(U['closed after']!));
  assert.ok((await results(db, '2024-09')).size > 10);
  // Month by month, each run builds its own closures and role tables: the same results, relations included.
  for (const m of months) await classifyMonth(db, m);
  assert.deepEqual(await snapshot(), together);
  const left = await db.rows<{ name: string }>({ text: `SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'class_') AND name NOT IN ('class_results', 'class_runs')`, params: {} });
  assert.deepEqual(left.map((r) => r.name), [], 'no work table is left behind');
});

test('enterprises keyed by their USCC (the fallback when two USCCs share a hash) get the same features as keyed by the hash', async () => {
  const features = async (hashKeys: boolean) => {
    const token = `keys_${hashKeys ? 'hash' : 'uscc'}`;
    const shared = await buildShared(db, token, { hashKeys });
    assert.equal(shared.hashed, hashKeys, 'the fixture\'s USCCs have distinct hashes');
    const f = await buildFeatures(db, '2024-06-30', token, shared);
    try {
      return await db.rows<Record<string, unknown>>({ text: `SELECT * FROM ${f.features} ORDER BY uscc`, params: {} });
    } finally {
      await f.drop();
      await shared.drop();
    }
  };
  const hashed = await features(true);
  assert.ok(hashed.length > 20);
  // Relations and repairs are among the fixture's features: a key mixed up anywhere changes a row.
  assert.ok(hashed.some((r) => Number(r.rep_other_count) > 0) && hashed.some((r) => Number(r.person_max_ent) > 1));
  assert.deepEqual(await features(false), hashed);
});
