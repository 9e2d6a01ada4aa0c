/**
 * The risk map's header total for partners: the map's selection (an industry, a type, a status, a tag) is itself a
 * row of 分布研判's tables, and what those withhold of it the map's total must withhold too.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { loadReferenceData } from '../../server/reference/load';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import type { Viewer } from '../../server/auth/viewer';
import { classRow } from './class-rows';

let db: Db;
const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
const partner: Viewer = { name: 'pt', role: 'partner', regionCode: '' };
const call = (v: Viewer) => createCallerFactory(appRouter)({ db: async () => db, viewer: v, ip: '' });
const MONTH = '2026-09';

before(async () => {
  db = await getDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'xy-maptotal-')) });
  await loadReferenceData(db);
  const rows: Array<Record<string, unknown>> = [];
  let k = 0;
  const add = (n: number, county: string, division: string, cls: string) => {
    for (let i = 0; i < n; i++) {
      rows.push(classRow({
        month: `${MONTH}-01`, model_id: 'general', uscc: `e${k++}`, class: cls, county_code: county, score: cls === 'A' ? 100 : 300,
        industry_section: division.slice(0, 1), industry_division: division, industry_code: `${division}11`,
      }));
    }
  };
  // Section C: C13 has 12 enterprises (6 in 长春's 南关区, 6 in 吉林's 昌邑区), C14 has 3. In 分布研判's table of C's
  // divisions C14 is withheld, and C13 with it (C's 15, shown by section, minus C13 would give the 3 back).
  add(6, '220102', 'C13', 'A');
  add(6, '220202', 'C13', 'A');
  add(3, '220102', 'C14', 'A');
  // Section F, large and plain.
  add(90, '220102', 'F52', 'A');
  add(10, '220202', 'F52', 'B');
  await db.insert('class_results', rows);
});
after(async () => { await closeDb(); });

test('partners: the map\'s total of a selection 分布研判 withholds is withheld too (C13 = C − C14 gave the 3 back)', async () => {
  const filters = { month: MONTH, industry: 'C13' };
  // What 分布研判 shows of C13: withheld among C's divisions, and so in its trend and KPIs.
  const divisions = (await call(partner).research.distribution({ filters: { month: MONTH, industry: 'C' }, by: 'division' })).rows;
  assert.equal(divisions.find((r) => r.key === 'C13')!.n, null);
  const sections = (await call(partner).research.distribution({ filters: { month: MONTH }, by: 'section' })).rows;
  assert.equal(sections.find((r) => r.key === 'C')!.n, 15);
  const kpi = (await call(partner).research.trend({ filters, from: MONTH })).points.at(-1)!;
  assert.equal(kpi.n, null);

  for (const level of ['prefecture', 'county'] as const) {
    const map = await call(partner).map.areas({ filters, level });
    assert.equal(map.total.n, null, `${level}: the total is C13's n, which 15 − n turns into C14's 3`);
    assert.equal(map.total.cd, null, level);
    assert.equal(map.total.rate, null, level);
    // Nor do the areas add up to it.
    assert.ok(map.areas.every((a) => a.n === null), level);
  }
  // The administrator sees it; a selection 分布研判 shows keeps its total for partners.
  assert.equal((await call(admin).map.areas({ filters, level: 'prefecture' })).total.n, 12);
  const c = await call(partner).map.areas({ filters: { month: MONTH, industry: 'C' }, level: 'prefecture' });
  assert.deepEqual([c.total.n, c.total.cd, c.total.rate], [15, 0, 0]);
  const all = await call(partner).map.areas({ filters: { month: MONTH }, level: 'prefecture' });
  assert.deepEqual([all.total.n, all.total.cd], [115, 0]);
});
