/**
 * The slice result cache (queries/cache.ts) on the real engine: a repeated question is answered from the cache,
 * and any change to a table it reads — an INSERT, a REPLACE PARTITION, an EXCHANGE TABLES as imports publish —
 * gives the new answer at once. Scopes never share entries.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { getClassDistribution } from '../../queries/research/distribution';
import { cacheStats, clearQueryCache } from '../../queries/cache';
import { classRow } from './class-rows';

let db: Db;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-cache-'));
const admin: Viewer = { name: 'a', role: 'admin', regionCode: '' };
const changchun: Viewer = { name: 'c', role: 'analyst', regionCode: '220100' };
const MONTH = '2026-04';

const row = (i: number, prefecture: string, cls: string) =>
  classRow({ month: `${MONTH}-01`, model_id: 'general', uscc: `U${prefecture}${i}`, class: cls, county_code: `${prefecture.slice(0, 4)}02` });
const regions = (cc: string) => [
  { code: '220000', name: '吉林省', level: 1, parent_code: '', province_code: '220000', prefecture_code: '', county_code: '' },
  { code: '220100', name: cc, level: 2, parent_code: '220000', province_code: '220000', prefecture_code: '220100', county_code: '' },
  { code: '220200', name: '吉林市', level: 2, parent_code: '220000', province_code: '220000', prefecture_code: '220200', county_code: '' },
];

before(async () => {
  db = await getDb({ dataDir });
  await db.insert('regions', regions('长春市'));
  await db.insert('class_results', [...Array.from({ length: 30 }, (_, i) => row(i, '220100', i < 20 ? 'A' : 'D')), ...Array.from({ length: 12 }, (_, i) => row(i, '220200', 'B'))]);
  clearQueryCache();
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

const ask = (v: Viewer) => getClassDistribution(db, v, { filters: { month: MONTH, model: 'general', tags: [], status: [] }, by: 'prefecture', limit: 40 });
const counts = (d: Awaited<ReturnType<typeof ask>>) => Object.fromEntries(d.map((r) => [r.label, r.counts]));

test('a repeated question is answered from the cache with the same figures; scopes do not share entries', async () => {
  const first = await ask(admin);
  assert.deepEqual(counts(first), { 长春市: [20, 0, 0, 10], 吉林市: [0, 12, 0, 0] });
  const hits = cacheStats().hits;
  assert.deepEqual(counts(await ask(admin)), counts(first));
  assert.ok(cacheStats().hits > hits, 'the second ask is a hit');
  assert.deepEqual(counts(await ask(changchun)), { 长春市: [20, 0, 0, 10] }, 'the prefecture analyst gets their own, scoped answer');
});

test('an INSERT into class_results gives the new answer at once', async () => {
  await ask(admin);
  await db.insert('class_results', [row(100, '220200', 'C'), row(101, '220200', 'C')]);
  assert.deepEqual(counts(await ask(admin))['吉林市'], [0, 12, 2, 0]);
});

test('REPLACE PARTITION (how a classification run publishes) gives the new answer at once', async () => {
  await ask(admin);
  await db.command({ text: 'CREATE TABLE cache_stage AS class_results', params: {} });
  await db.insert('cache_stage', Array.from({ length: 5 }, (_, i) => row(i, '220100', 'C')));
  await db.command({ text: "ALTER TABLE class_results REPLACE PARTITION (202604, 'general') FROM cache_stage", params: {} });
  assert.deepEqual(counts(await ask(admin)), { 长春市: [0, 0, 5, 0] });
});

test('EXCHANGE TABLES (how an import publishes) changes the names at once, even with identical part names', async () => {
  await ask(admin);
  await db.command({ text: 'CREATE TABLE regions_next AS regions', params: {} });
  await db.insert('regions_next', regions('长春市（新）'));
  await db.command({ text: 'EXCHANGE TABLES regions_next AND regions', params: {} });
  assert.deepEqual(Object.keys(counts(await ask(admin))), ['长春市（新）']);
});

test('identical questions asked at the same moment are computed once', async () => {
  await db.insert('class_results', [row(200, '220200', 'A')]); // a new version: nothing cached for it yet
  const before = cacheStats();
  const [x, y, z] = await Promise.all([ask(admin), ask(admin), ask(admin)]);
  assert.deepEqual(counts(y), counts(x));
  assert.deepEqual(counts(z), counts(x));
  assert.equal(cacheStats().misses - before.misses, 1, 'one computation');
  assert.equal(cacheStats().hits - before.hits, 2);
  x[0]!.counts[0] = -1; // a caller changing its rows changes nobody else's
  assert.notEqual((await ask(admin))[0]!.counts[0], -1);
});

test('XINYAN_QUERY_CACHE=0 turns it off', async () => {
  process.env.XINYAN_QUERY_CACHE = '0';
  try {
    const before = cacheStats();
    await ask(admin); await ask(admin);
    assert.deepEqual(cacheStats(), before);
  } finally { delete process.env.XINYAN_QUERY_CACHE; }
});
