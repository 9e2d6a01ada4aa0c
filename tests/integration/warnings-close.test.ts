/**
 * Closing a warning case (办结) means it was handled: since the last close, a measure (处置措施) followed by its result
 * (处置结果) — or, for a case verified as needing no action (核实无风险 / 误报), a written reason in the note. A case
 * reopened after its close starts over. The desk refuses anything else with a Chinese message, as the case page says.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql, p } from '../../server/db/sql';
import { makeUscc } from '../../server/domain/uscc';
import { runWarnings } from '../../server/warnings/engine';
import { getWarningCase, recordDisposal, DeskError } from '../../server/warnings/desk';
import { closeKinds } from '../../server/warnings/steps';
import { loadReferenceData } from '../../server/reference/load';
import type { Viewer } from '../../server/auth/viewer';
import { caseEnterprises } from './warning-fixtures';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-close-'));
let db: Db;
const analyst: Viewer = { name: 'ana', role: 'analyst', regionCode: '' };
const only = { rules: ['multi-enterprise-person' as const] };
/** Five people behind five enterprises each; QE's sixth enterprise is registered in July 2026 (the case reopens then). */
const people = ['QA', 'QB', 'QC', 'QD', 'QE', 'QF'];
const membersOf = (k: number, n = 5) => Array.from({ length: n }, (_, i) => makeUscc('91', '220104', String(35_000_000 + k * 100 + i)));
const idOf = async (key: string) => (await db.one<{ id: string }>(sql`SELECT any(id) AS id FROM warnings WHERE key = ${p.str(key)}`))!.id;
const stateOf = async (id: string) => (await getWarningCase(db, analyst, id)).state;
const refused = (re: RegExp) => (e: unknown) => e instanceof DeskError && e.code === 'BAD_REQUEST' && re.test(e.message);

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  await db.insert('enterprises', people.flatMap((rep, k) => {
    const reopens = rep === 'QE' || rep === 'QF';
    return caseEnterprises(membersOf(k, reopens ? 6 : 5), { label: `办结${rep}`, street: `办结${rep}街`, rep, repName: `${rep}某` })
      .map((e, i) => (i === 5 ? { ...e, reg_date: '2026-07-10' } : e));
  }));
  await runWarnings(db, '2026-06', only);
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('a case with no disposal is not closed: no step, an assignment only, a note too short or blank', async () => {
  const id = await idOf('QA');
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'close' }), refused(/尚未记录处置措施和处置结果，不能办结.*写明理由（至少 5 字）/));
  await recordDisposal(db, analyst, { id, step: 'assign', unitCode: '220104' });
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'close' }), refused(/尚未记录处置措施和处置结果/));
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'close', note: '误报' }), refused(/至少 5 字，现为 2 字/));
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'close', note: '   \n\t   ' }), refused(/至少 5 字/));
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'close', note: '  已核实  ' }), refused(/现为 3 字/), 'the spaces around do not count');
  assert.equal(await stateOf(id), 'assigned');
  assert.deepEqual((await getWarningCase(db, analyst, id)).disposals.map((d) => d.step), ['assign']);
});

test('a measure without its result is not enough; a measure and its result close the case', async () => {
  const id = await idOf('QB');
  await recordDisposal(db, analyst, { id, step: 'act', action: '约谈' });
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'close', note: '已约谈' }), refused(/最近的处置措施（约谈）尚未记录处置结果/));
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'close', note: '已约谈负责人，企业承诺整改' }), refused(/最近的处置措施（约谈）尚未记录处置结果/),
    'a reason closes only a case where no measure was taken: a measure taken needs its result');
  await recordDisposal(db, analyst, { id, step: 'result', result: 'rectified' });
  // a further measure (检查 after the interview) needs its own result before the case is closed
  await recordDisposal(db, analyst, { id, step: 'act', action: '检查' });
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'close' }), refused(/最近的处置措施（检查）尚未记录处置结果/));
  await recordDisposal(db, analyst, { id, step: 'result', result: 'other', note: '已复查' });
  await recordDisposal(db, analyst, { id, step: 'close' });
  const c = await getWarningCase(db, analyst, id);
  assert.equal(c.state, 'closed');
  assert.deepEqual(c.disposals.map((d) => d.step), ['act', 'result', 'act', 'result', 'close']);
  assert.deepEqual(closeKinds(c.disposals), [null, null, null, null, 'disposed']);
});

test('a case verified as needing no action closes with a written reason, which the case keeps as such', async () => {
  const id = await idOf('QC');
  await recordDisposal(db, analyst, { id, step: 'assign', unitCode: '220104' });
  await recordDisposal(db, analyst, { id, step: 'close', note: '经核实为同一集团下属分支，误报' });
  const c = await getWarningCase(db, analyst, id);
  assert.equal(c.state, 'closed');
  assert.deepEqual(c.disposals.map((d) => [d.step, d.note]), [['assign', ''], ['close', '经核实为同一集团下属分支，误报']]);
  assert.deepEqual(closeKinds(c.disposals), [null, 'no-action']);
  // the tRPC route gives the same refusal in the same words
  const { appRouter } = await import('../../server/trpc/root');
  const { createCallerFactory } = await import('../../server/trpc/init');
  const caller = createCallerFactory(appRouter)({ db: async () => db, viewer: analyst, ip: '' });
  const qd = await idOf('QD');
  await assert.rejects(caller.warnings.dispose({ id: qd, step: 'close', note: '无' }), (e: unknown) => e instanceof Error && /不能办结.*现为 1 字/.test(e.message));
  await caller.warnings.dispose({ id: qd, step: 'close', note: '核实无风险，企业均正常经营' });
  assert.equal(await stateOf(qd), 'closed');
});

test('a case reopened after its close needs a new measure and result, or a new reason; the ones before the close do not count', async () => {
  const qe = await idOf('QE');
  const qf = await idOf('QF');
  for (const id of [qe, qf]) {
    await recordDisposal(db, analyst, { id, step: 'act', action: '提醒' });
    await recordDisposal(db, analyst, { id, step: 'result', result: 'rectified' });
    await recordDisposal(db, analyst, { id, step: 'close' });
  }
  await runWarnings(db, '2026-07', only);   // the sixth enterprise joins both cases: reopened for July
  assert.equal(await stateOf(qe), 'open');
  await assert.rejects(recordDisposal(db, analyst, { id: qe, step: 'close' }), refused(/办结后重新出现，尚未记录本次处置措施和处置结果/));
  await recordDisposal(db, analyst, { id: qe, step: 'act', action: '检查' });
  await assert.rejects(recordDisposal(db, analyst, { id: qe, step: 'close' }), refused(/最近的处置措施（检查）尚未记录处置结果/));
  await recordDisposal(db, analyst, { id: qe, step: 'result', result: 'rectified' });
  await recordDisposal(db, analyst, { id: qe, step: 'close' });
  assert.equal(await stateOf(qe), 'closed');
  // the other one: the new member checked and found unrelated — closed with a reason
  assert.equal(await stateOf(qf), 'open');
  await assert.rejects(recordDisposal(db, analyst, { id: qf, step: 'close', note: '无需' }), refused(/办结后重新出现.*现为 2 字/));
  await recordDisposal(db, analyst, { id: qf, step: 'close', note: '新增企业经核实为正常设立的分支机构，无需处置' });
  const c = await getWarningCase(db, analyst, qf);
  assert.equal(c.state, 'closed');
  assert.deepEqual(c.disposals.map((d) => `${d.step}@${d.month}`), ['act@2026-06', 'result@2026-06', 'close@2026-06', 'close@2026-07']);
  assert.deepEqual(closeKinds(c.disposals), [null, null, 'disposed', 'no-action']);
});
