/**
 * 企业查询 through the API (classify.search): by part of the name (any case, matched literally), by the code or its
 * beginning typed in lower case, in groups or full-width; the exact code first; a 长春-scoped analyst finds and counts
 * only 长春's enterprises; partners and leaders are refused; a one-character text is refused with a message.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { TRPCError } from '@trpc/server';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import type { Viewer } from '../../server/auth/viewer';
import { freshDb, ent } from './classify-fixtures';

let db: Db;
const call = (v: Partial<Viewer> & Pick<Viewer, 'role'>) =>
  createCallerFactory(appRouter)({ db: async () => db, viewer: { name: v.role, regionCode: '', ...v }, ip: '' });
const inJilin = { region_code: '220202', prefecture_code: '220200', county_code: '220202', street_code: '' };

const U = {
  a: '91220102MA0000001A', ab: '91220102MA0000001B', b: '91220102MA00000020', jilin: '91220202MA00000030', other: '91220102MB00000040',
};

before(async () => {
  db = await freshDb();
  await db.insert('enterprises', [
    ent(U.a, { name: '长春业荣汽车维修有限公司' }),
    ent(U.ab, { name: '吉林省业荣汽车维修有限公司长春分公司' }),
    ent(U.b, { name: '业荣汽车', status: '注销' }),
    ent(U.jilin, { name: '吉林市业荣汽车维修有限公司', ...inJilin }),
    ent(U.other, { name: 'ABC 100%_Trading 有限公司' }),
  ]);
});
after(async () => { await closeDb(); });

test('by part of the name: names beginning with it first, shorter first, closed ones included; matched literally', async () => {
  const r = await call({ role: 'analyst' }).classify.search({ q: '业荣汽车' });
  assert.deepEqual(r.rows.map((e) => e.uscc), [U.b, U.a, U.jilin, U.ab]);
  assert.equal(r.total, 4);
  assert.equal(r.rows[0]!.status, '注销');
  assert.deepEqual((await call({ role: 'analyst' }).classify.search({ q: 'abc 100%_trading' })).rows.map((e) => e.uscc), [U.other]);
  assert.equal((await call({ role: 'analyst' }).classify.search({ q: '%_' })).total, 1, '% and _ are characters, not patterns');
  assert.equal((await call({ role: 'analyst' }).classify.search({ q: '没有这家' })).total, 0);
});

test('by code: lower case, in groups, full-width, or its beginning; the exact code first', async () => {
  const s = call({ role: 'analyst' }).classify.search;
  assert.deepEqual((await s({ q: ' 91220102 ma00 0000 1a ' })).rows.map((e) => e.uscc), [U.a]);
  assert.deepEqual((await s({ q: '９１２２０１０２ＭＡ００００００１Ｂ' })).rows.map((e) => e.uscc), [U.ab]);
  const prefix = await s({ q: '91220102ma' });
  assert.deepEqual(prefix.rows.map((e) => e.uscc), [U.a, U.ab, U.b], 'in code order');
  assert.equal(prefix.total, 3);
});

test('a 长春-scoped analyst finds and counts only 长春; partners and leaders are refused; one character is refused', async () => {
  const cc = await call({ role: 'analyst', name: 'changchun', regionCode: '220100' }).classify.search({ q: '业荣汽车' });
  assert.deepEqual(cc.rows.map((e) => e.uscc).sort(), [U.a, U.ab, U.b].sort());
  assert.equal(cc.total, 3);
  assert.equal((await call({ role: 'analyst', regionCode: '220100' }).classify.search({ q: '91220202MA00000030' })).total, 0);
  for (const role of ['partner', 'leader'] as const) {
    await assert.rejects(call({ role }).classify.search({ q: '业荣汽车' }), (e: TRPCError) => e.code === 'FORBIDDEN', role);
  }
  await assert.rejects(call({ role: 'analyst' }).classify.search({ q: ' 业 ' }), (e: TRPCError) => e.code === 'BAD_REQUEST' && /至少2个字/.test(e.message));
});
