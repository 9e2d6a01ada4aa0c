/**
 * Re-running earlier months (`warnings --all`) keeps history: enterprises closed since count as active in the months
 * before their closure date, and a recomputed case keeps the id its disposal steps are recorded under.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql, p } from '../../server/db/sql';
import { makeUscc } from '../../server/domain/uscc';
import { runWarnings, monthsWithData } from '../../server/warnings/engine';
import { getWarningCase, recordDisposal } from '../../server/warnings/desk';
import { loadReferenceData } from '../../server/reference/load';
import type { Viewer } from '../../server/auth/viewer';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-history-'));
let db: Db;
const analyst: Viewer = { name: 'ana', role: 'analyst', regionCode: '' };
const only = { rules: ['multi-license-address' as const] };

/** `n` enterprises at one address (10 since 2020; the last registered 2026-06-15). */
function atAddress(base: number, address: string) {
  return Array.from({ length: 11 }, (_, i) => ({
    uscc: makeUscc('91', '220104', String(base + i)), name: `${address}${i}有限公司`, entity_type: '有限责任公司', reg_date: i === 10 ? '2026-06-15' : '2020-01-01',
    status: '存续', industry_code: 'F', industry_section: 'F', industry_division: '', region_code: '220104', province_code: '220000', prefecture_code: '220100',
    county_code: '220104', street_code: '', address, address_key: `220104|${address}`, legal_rep_id: `L${base + i}`, legal_rep_name: '', reg_capital_wan: null,
    lng: null, lat: null, tags: [], import_id: 't',
  }));
}
const dated = atAddress(35_000_000, '同址路1号');     // its first enterprise is cancelled on 2026-06-20, dated by a change event
const undated = atAddress(35_000_100, '同址路2号');   // its first enterprise is cancelled with no event on file: no date
const ev = (id: string, uscc: string, date: string, category: string, detail: string) =>
  ({ event_id: id, uscc, event_date: date, category, severity: 'general', end_date: null, result: '', source: 't', amount_yuan: null, detail, import_id: 't' });
const cases = async (key: string) => db.rows<{ month: string; id: string; first_month: string; n: number }>(sql`
  SELECT toString(month) AS month, id, toString(first_month) AS first_month, toUInt32(length(members)) AS n FROM warnings WHERE key = ${p.str(key)} ORDER BY month`);
let before1: Array<{ month: string; id: string; first_month: string; n: number }> = [];
let before2: Array<{ month: string; id: string; first_month: string; n: number }> = [];

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  await db.insert('enterprises', [...dated, ...undated]);
  await db.insert('events', [
    ev('H1', dated[1]!.uscc, '2026-05-02', 'complaint', ''),
    ev('H3', dated[0]!.uscc, '2026-06-20', 'change', '注销登记'), ev('H4', dated[0]!.uscc, '2026-07-01', 'complaint', ''),
  ]);
  // Run at the end of May: ten active at each address.
  await runWarnings(db, '2026-05', only);
  // The next import brings the cancellations; June then continues both cases (one left, one joined).
  await db.command(sql`ALTER TABLE enterprises UPDATE status = '注销' WHERE uscc IN ${p.strs([dated[0]!.uscc, undated[0]!.uscc])} SETTINGS mutations_sync = 1`);
  await runWarnings(db, '2026-06', only);
  before1 = await cases('220104|同址路1号');
  before2 = await cases('220104|同址路2号');
  for (const c of [before1, before2]) {
    assert.deepEqual(c.map((r) => [r.month, r.first_month, r.n]), [['2026-05-01', '2026-05-01', 10], ['2026-06-01', '2026-05-01', 10]]);
    assert.equal(c[0]!.id, c[1]!.id);
    await recordDisposal(db, analyst, { id: c[1]!.id, step: 'assign', unitCode: '220104', note: '交朝阳区局' });
  }
  // `warnings --all`
  for (const m of await monthsWithData(db)) await runWarnings(db, m, only);
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('an enterprise cancelled in June still counts in May: the re-run May keeps its case, June continues it under the same id', async () => {
  const after1 = await cases('220104|同址路1号');
  assert.deepEqual(after1.slice(0, 2).map((r) => [r.month, r.id, r.first_month, r.n]), before1.map((r) => [r.month, r.id, r.first_month, r.n]));
  assert.deepEqual(after1.slice(2).map((r) => [r.month, r.id, r.n]), [['2026-07-01', before1[0]!.id, 10]]);
  const may = await db.one<{ members: string[] }>(sql`SELECT members FROM warnings WHERE key = '220104|同址路1号' AND month = '2026-05-01'`);
  assert.ok(may!.members.includes(dated[0]!.uscc), 'active in May, cancelled on 2026-06-20');
  const c = await getWarningCase(db, analyst, before1[1]!.id, '2026-06');
  assert.equal(c.state, 'assigned');
  assert.deepEqual(c.disposals.map((d) => d.step), ['assign']);
});

test('with no closure date, May loses the case on re-run, but June keeps the id its disposal steps are under (and July continues it)', async () => {
  const after2 = await cases('220104|同址路2号');
  assert.deepEqual(after2.filter((r) => r.month === '2026-05-01'), [], 'May: nine counted without a date for the cancellation');
  const june = after2.find((r) => r.month === '2026-06-01');
  assert.ok(june);
  assert.equal(june.id, before2[1]!.id, 'the case id with the assign step is kept');
  const c = await getWarningCase(db, analyst, june.id, '2026-06');
  assert.equal(c.state, 'assigned');
  assert.deepEqual(c.disposals.map((d) => d.step), ['assign']);
  const july = after2.find((r) => r.month === '2026-07-01');
  assert.equal(july?.id, june.id, 'July continues the kept id');
});
