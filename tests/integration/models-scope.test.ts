/**
 * Review of the models on crafted cases, as of 2024-06-30 (month 2024-06):
 *  - related_listed (关联人员涉及的其他列入名录企业数) counts enterprises, not (person, enterprise) pairs: two persons
 *    of one enterprise who are both behind the same listed enterprise made it 2;
 *  - the food model's industry route leaves out the classes of its divisions that are not food (饲料加工 C132,
 *    非食用植物油加工 C1332, 烟草制品批发 F5128, 烟草制品零售 F5227): v1 classified a feed mill as a 食品生产企业
 *    and let the food class decide its effective class. A 食品生产/食品经营 tag still brings any industry in;
 *  - "24个月以上未被检查" (food) and "12个月以上未被检查" (special equipment) held for an enterprise registered a few
 *    months before, never inspected (months_since_insp 999): it had not existed for 24 (12) months;
 *  - a listing removed by a credit repair (the repair register writes a credit_repair event naming it; the listing
 *    keeps no end date) counted as "曾列入…且36个月内移出" for ever: the repair dates the removal;
 *  - `evaluate` of an unknown model or of a month the model has not classified printed a table of zeros, exit 0.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { indicatorBreakdown } from '../../server/classify/explain';
import { getModel } from '../../server/classify/model';
import { dispatch } from '../../server/cli/dispatch';
import { freshDb, ent, ev, id, reports, results } from './classify-fixtures';

const MONTH = '2024-06';
let db: Db;
const U: Record<string, string> = {};

before(async () => {
  db = await freshDb();
  const E: Array<Record<string, unknown>> = [];
  const V: Array<Record<string, unknown>> = [];
  const mk = (name: string, o: Record<string, unknown> = {}, evs: (u: string) => Array<Record<string, unknown>> = () => []) => {
    const u = id();
    U[name] = u;
    E.push(ent(u, o));
    V.push(...evs(u), ...reports(u));
  };
  // Relations: X's shareholder P1 and director P2 are both behind Y (abnormal list now) and P2 behind Z (listed too).
  mk('X');
  mk('Y', {}, (u) => [ev(u, '2024-01-10', 'abnormal_list')]);
  mk('Z', {}, (u) => [ev(u, '2020-01-10', 'serious_dishonest_list')]);
  mk('W'); // behind P1 as well, not listed
  const ind = (code: string) => ({ industry_code: code, industry_section: code[0], industry_division: code.slice(0, 3) });
  mk('feed mill', ind('C1321'));
  mk('pet food', ind('C1322'));
  mk('non-edible oil', ind('C1332'));
  mk('edible oil', ind('C1331'));
  mk('tobacco wholesale', ind('F5128'));
  mk('tobacco shop', ind('F5227'));
  mk('grocery', ind('F5221'));
  mk('tobacco shop with a food licence tag', { ...ind('F5227'), tags: ['食品经营'] });
  mk('feed mill tagged 食品生产', { ...ind('C1321'), tags: ['食品生产'] });
  mk('restaurant', ind('H6210'));
  mk('division only', ind('C13'));
  mk('new restaurant', { ...ind('H6210'), reg_date: '2024-01-10' });
  mk('old restaurant', ind('H6210'));
  mk('restaurant inspected', ind('H6210'), (u) => [ev(u, '2023-03-01', 'inspection', { result: 'pass' })]);
  mk('new boiler user', { reg_date: '2023-08-01', tags: ['特种设备使用'] });
  mk('old boiler user', { tags: ['特种设备使用'] });
  // Listings removed by a credit repair: long ago (2019) and within 36 months (2023); one removed by its end date.
  mk('abnormal repaired 2019', {}, (u) => [ev(u, '2018-03-01', 'abnormal_list', { event_id: `AB-${u}` }), ev(u, '2019-05-01', 'credit_repair', { detail: `AB-${u}` })]);
  mk('abnormal repaired 2023', {}, (u) => [ev(u, '2022-03-01', 'abnormal_list', { event_id: `AB-${u}` }), ev(u, '2023-05-01', 'credit_repair', { detail: `AB-${u}` })]);
  mk('abnormal repaired on the edge', {}, (u) => [ev(u, '2020-03-01', 'abnormal_list', { event_id: `AB-${u}` }), ev(u, '2021-06-30', 'credit_repair', { detail: `AB-${u}` })]);
  mk('abnormal repaired a day later', {}, (u) => [ev(u, '2020-03-01', 'abnormal_list', { event_id: `AB-${u}` }), ev(u, '2021-07-01', 'credit_repair', { detail: `AB-${u}` })]);
  mk('serious list repaired 2020', {}, (u) => [ev(u, '2017-03-01', 'serious_dishonest_list', { event_id: `SL-${u}` }), ev(u, '2020-05-01', 'credit_repair', { detail: `SL-${u}` })]);
  mk('serious list repaired 2022', {}, (u) => [ev(u, '2019-03-01', 'serious_dishonest_list', { event_id: `SL-${u}` }), ev(u, '2022-05-01', 'credit_repair', { detail: `SL-${u}` })]);
  // Another enterprise's old repair naming this listing removes nothing: it is listed now.
  mk('abnormal named by another', {}, (u) => [ev(u, '2024-01-05', 'abnormal_list', { event_id: `AB-${u}` })]);
  mk('old repair of another', {}, () => []);
  V.push(ev(U['old repair of another']!, '2020-01-01', 'credit_repair', { detail: `AB-${U['abnormal named by another']}` }));
  await db.insert('enterprises', E);
  await db.insert('events', V);
  const role = (who: string, person: string, r: string) => ({ uscc: U[who], person_id: person, person_name: '', role: r, share_pct: null, import_id: 't' });
  await db.insert('roles', [
    role('X', 'P1', '股东'), role('X', 'P2', '董事'),
    role('Y', 'P1', '股东'), role('Y', 'P2', '股东'),
    role('Z', 'P2', '监事'), role('W', 'P1', '股东'),
  ]);
  await classifyMonth(db, MONTH);
});

after(async () => { await closeDb(); });

test('related_listed counts each other listed enterprise once, however many related persons lead to it', async () => {
  const bd = new Map((await indicatorBreakdown(db, MONTH, [U.X!, U.Y!, U.Z!, U.W!])).map((b) => [b.uscc, b.values]));
  assert.equal(bd.get(U.X!)!.related_listed, 2); // Y (through P1 and P2) and Z (through P2)
  assert.equal(bd.get(U.Y!)!.related_listed, 1); // Z; itself not counted
  assert.equal(bd.get(U.Z!)!.related_listed, 1); // Y
  assert.equal(bd.get(U.W!)!.related_listed, 1); // Y through P1
  assert.equal(bd.get(U.X!)!.person_max_ent, 3); // P1: X, Y, W; P2: X, Y, Z
});

test('the food model covers food industries and tagged enterprises, not feed, non-edible oil or tobacco', async () => {
  const food = await results(db, MONTH, 'food');
  const inScope = (name: string) => food.has(U[name]!);
  for (const name of ['edible oil', 'grocery', 'restaurant', 'division only']) assert.ok(inScope(name), name);
  for (const name of ['feed mill', 'pet food', 'non-edible oil', 'tobacco wholesale', 'tobacco shop', 'X']) assert.ok(!inScope(name), name);
  assert.ok(inScope('tobacco shop with a food licence tag'));
  assert.ok(inScope('feed mill tagged 食品生产'));
  // Out of the food model, the effective class is general's.
  const eff = await results(db, MONTH, 'effective');
  for (const name of ['feed mill', 'non-edible oil', 'tobacco shop']) assert.equal(eff.get(U[name]!)?.basis, 'general', name);
  // 食品生产企业: food manufacturing and the tag, not a tagged feed mill's industry alone (the tag makes it one).
  const producer = (name: string) => food.get(U[name]!)!.reasons.some((r) => r.indicator === 'producer');
  assert.ok(producer('edible oil'));
  assert.ok(producer('feed mill tagged 食品生产'));
  assert.ok(!producer('grocery'));
});

test('the food model version that classified is the latest and its scope lists the exclusions', async () => {
  const m = getModel('food');
  assert.ok(m.scope);
  assert.deepEqual([...m.scope.excludeIndustryPrefixes].sort(), ['C132', 'C1332', 'F5128', 'F5227']);
  const rows = await db.rows<{ v: number }>({ text: `SELECT DISTINCT model_version AS v FROM class_results WHERE model_id = 'food'`, params: {} });
  assert.deepEqual(rows.map((r) => Number(r.v)), [m.version]);
});

test('overdue inspection only for enterprises that have existed that long', async () => {
  const points = async (model: string, names: string[], ind: string) => new Map((await indicatorBreakdown(db, MONTH, names.map((n) => U[n]!), model))
    .map((b) => [names.find((n) => U[n] === b.uscc)!, b.points[ind]]));
  const food = await points('food', ['new restaurant', 'old restaurant', 'restaurant inspected'], 'insp_overdue');
  assert.equal(food.get('new restaurant'), 0); // registered 2024-01-10: not 24 months old
  assert.equal(food.get('old restaurant'), 80); // registered 2015, never inspected
  assert.equal(food.get('restaurant inspected'), 0); // inspected 2023-03: 15 months ago
  const se = await points('special-equipment', ['new boiler user', 'old boiler user'], 'se_insp_overdue');
  assert.equal(se.get('new boiler user'), 0); // registered 2023-08-01: 11 months
  assert.equal(se.get('old boiler user'), 120);
  // The stored reasons agree.
  const stored = await results(db, MONTH, 'food');
  assert.ok(!stored.get(U['new restaurant']!)!.reasons.some((r) => r.indicator === 'insp_overdue'));
  assert.ok(stored.get(U['old restaurant']!)!.reasons.some((r) => r.indicator === 'insp_overdue'));
});

test('a listing removed by a credit repair counts as removed within 36 months only when the repair is', async () => {
  const names = ['abnormal repaired 2019', 'abnormal repaired 2023', 'abnormal repaired on the edge', 'abnormal repaired a day later',
    'serious list repaired 2020', 'serious list repaired 2022', 'abnormal named by another'];
  const bd = new Map((await indicatorBreakdown(db, MONTH, names.map((n) => U[n]!))).map((b) => [names.find((n) => U[n] === b.uscc)!, b.values]));
  const at = (n: string, f: string) => bd.get(n)![f];
  assert.deepEqual([at('abnormal repaired 2019', 'abn_before_36m'), at('abnormal repaired 2019', 'abn_now')], [0, 0]);
  assert.deepEqual([at('abnormal repaired 2023', 'abn_before_36m'), at('abnormal repaired 2023', 'abn_now')], [1, 0]);
  // 36 months back from 2024-06-30 is 2021-06-30: a repair on it is older, one a day later is within.
  assert.equal(at('abnormal repaired on the edge', 'abn_before_36m'), 0);
  assert.equal(at('abnormal repaired a day later', 'abn_before_36m'), 1);
  assert.deepEqual([at('serious list repaired 2020', 'serious_list_before_36m'), at('serious list repaired 2020', 'serious_list_now')], [0, 0]);
  assert.deepEqual([at('serious list repaired 2022', 'serious_list_before_36m'), at('serious list repaired 2022', 'serious_list_now')], [1, 0]);
  assert.deepEqual([at('abnormal named by another', 'abn_now'), at('abnormal named by another', 'abn_before_36m')], [1, 0]);
});

test('evaluate refuses an unknown model and a month without results (exit 1), and evaluates a classified one', async () => {
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await dispatch(['evaluate', ...args], { out: (x) => out.push(x), err: (x) => err.push(x), progress: () => {}, stdin: '', db: async () => db, actor: 'test' });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const unknown = await run('--month', MONTH, '--model', 'no-such-model');
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /未知模型 no-such-model/);
  assert.equal(unknown.out, '');
  const empty = await run('--month', '2023-01', '--model', 'food');
  assert.equal(empty.code, 1);
  assert.match(empty.err, /2023-01 没有模型 food 的分类结果/);
  const ok = await run('--month', MONTH, '--model', 'county-public-credit', '--json');
  assert.equal(ok.code, 0);
  assert.ok((JSON.parse(ok.out) as { enterprises: number }).enterprises > 0);
});
