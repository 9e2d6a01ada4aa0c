/**
 * Results flow back: plan on May 2024 classes, record a problem result on the page in June, re-run classifyMonth for
 * June → the event is there and the enterprise's inspection indicator (insp_problem_12m) and score change.
 */
import { test, before, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { classifyMonth } from '../../server/classify/run';
import { indicatorBreakdown } from '../../server/classify/explain';
import { createPlan, drawPlan, getTargets, recordResult } from '../../server/inspections/plans';
import { freshDb, ent, id, reports, results } from './classify-fixtures';

const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
let db: Db;
const U: string[] = [];

before(async () => {
  db = await freshDb();
  const E: Array<Record<string, unknown>> = [];
  const V: Array<Record<string, unknown>> = [];
  for (let i = 0; i < 12; i++) { const u = id(); U.push(u); E.push(ent(u)); V.push(...reports(u, 2016, 2024)); }
  await db.insert('enterprises', E);
  await db.insert('events', V);
  await classifyMonth(db, '2024-05');
});

after(async () => { await closeDb(); });

test('a problem recorded on the page reaches the next classification', async () => {
  // Drawn on 2024-06-03 (a result is dated on or after the day of the draw).
  mock.timers.enable({ apis: ['Date'], now: new Date('2024-06-03T02:00:00Z') });
  let plan: Awaited<ReturnType<typeof drawPlan>>;
  try {
    plan = await drawPlan(db, admin, (await createPlan(db, admin, {
      name: '反馈', year: 2024, month: '2024-05', model: 'effective', scope: { tags: [] }, ratios: { A: 100, B: 100, C: 100, D: 100 },
    }, 'fb')).plan_id);
  } finally {
    mock.timers.reset();
  }
  const targets = await getTargets(db, admin, plan.plan_id);
  assert.equal(targets.length, 12, 'all 12 clean enterprises drawn at 100%');
  const target = targets[0]!.uscc;
  const other = targets[1]!.uscc;

  await classifyMonth(db, '2024-06');
  const before = (await results(db, '2024-06')).get(target)!;
  const otherBefore = (await results(db, '2024-06')).get(other)!.score;
  const [bd0] = await indicatorBreakdown(db, '2024-06', [target]);
  assert.equal(bd0!.values.insp_problem_12m, 0);

  const { eventId } = await recordResult(db, admin, { planId: plan.plan_id, uscc: target, result: 'problem', date: '2024-06-15', note: '虚假宣传' });
  assert.match(eventId, new RegExp(`^INSP-${plan.plan_id}-\\d{5}$`));
  const ev = await db.rows<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM events WHERE event_id = {e:String} AND category = 'inspection' AND result = 'problem' AND uscc = {u:String}`, params: { e: eventId, u: target } });
  assert.equal(Number(ev[0]!.n), 1);

  await classifyMonth(db, '2024-06');
  const [bd1] = await indicatorBreakdown(db, '2024-06', [target]);
  assert.equal(bd1!.values.insp_problem_12m, 1);
  assert.ok(bd1!.points.insp_problem_12m! > 0, 'the indicator scores points');
  const after = (await results(db, '2024-06')).get(target)!;
  assert.ok(after.score > before.score, `score ${before.score} → ${after.score}`);
  assert.ok(after.reasons.some((r) => r.indicator === 'insp_problem_12m'), 'the problem inspection is among the reasons');
  // The untouched enterprise keeps its score; May (before the inspection) is unchanged by a re-run.
  assert.equal((await results(db, '2024-06')).get(other)!.score, otherBefore);
  const mayBefore = (await results(db, '2024-05')).get(target)!.score;
  await classifyMonth(db, '2024-05');
  assert.equal((await results(db, '2024-05')).get(target)!.score, mayBefore);
});
