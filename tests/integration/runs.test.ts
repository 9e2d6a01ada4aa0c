/**
 * The runs list of 模型与验证 through the API: filtered by month and status, an interrupted run (left 'running' by a
 * dead process, closed as failed by the next classification) found by its status, and only analysts and
 * administrators see it.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TRPCError } from '@trpc/server';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth, monthsWithEvents } from '../../server/classify/run';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import type { Viewer } from '../../server/auth/viewer';
import { freshDb, ent, ev, id, reports } from './classify-fixtures';
import { waitJob } from '../../server/jobs/registry';

let db: Db;
const caller = (role: Viewer['role']) => createCallerFactory(appRouter)({ db: async () => db, viewer: { name: role, role, regionCode: '' }, ip: '' });

before(async () => {
  db = await freshDb();
  const us = [id(), id(), id()];
  await db.insert('enterprises', us.map((u) => ent(u)));
  await db.insert('events', us.flatMap((u) => reports(u, 2016, 2024)));
  await db.insert('events', [ev(us[0]!, '1965-03-15', 'license')]); // a record older than 1970 (Date32)
  // What a process killed mid-run leaves: its run 'running' (housekeeping.ts).
  await db.insert('class_runs', [{
    run_id: 'deadbeef0001_general', month: '2024-02-01', model_id: 'general', model_version: 2, started_at: '2024-06-01 10:00:00',
    finished_at: null, status: 'running', enterprises: 0, counts: {}, actor: 'admin', message: '', version: 1,
  }]);
  await classifyMonth(db, '2024-03', 'general'); // closes the dead run as failed first
});

after(async () => { await closeDb(); });

test('the interrupted run is found by its status, and no longer as running', async () => {
  const failed = await caller('analyst').classify.runs({ limit: 100, status: 'failed' });
  assert.deepEqual(failed.map((r) => [r.run_id, r.month, r.model_id]), [['deadbeef0001_general', '2024-02', 'general']]);
  assert.match(failed[0]!.message, /进程中断/);
  assert.deepEqual(await caller('analyst').classify.runs({ limit: 100, status: 'running' }), []);
});

test('filtered by month, and by month and status together', async () => {
  const march = await caller('admin').classify.runs({ limit: 100, month: '2024-03' });
  assert.deepEqual(march.map((r) => `${r.model_id} ${r.status} ${r.enterprises}`).sort(), ['effective done 3', 'general done 3']);
  assert.deepEqual(await caller('admin').classify.runs({ limit: 100, month: '2024-03', status: 'failed' }), []);
  assert.equal((await caller('admin').classify.runs({ limit: 100 })).length, 3);
  assert.equal((await caller('admin').classify.runs({ limit: 1 })).length, 1);
});

test('a region-scoped analyst sees the runs but not their province-wide counts', async () => {
  const scoped = createCallerFactory(appRouter)({ db: async () => db, viewer: { name: 'cc', role: 'analyst', regionCode: '220100' }, ip: '' });
  const march = await scoped.classify.runs({ limit: 100, month: '2024-03' });
  assert.deepEqual(march.map((r) => `${r.model_id} ${r.status} ${r.enterprises} ${JSON.stringify(r.counts)}`).sort(),
    ['effective done null {}', 'general done null {}']);
});

test('leaders and partners do not see runs', async () => {
  for (const role of ['leader', 'partner'] as const) {
    await assert.rejects(caller(role).classify.runs({ limit: 10 }), (e: TRPCError) => e.code === 'FORBIDDEN', role);
  }
});

test('the months with events start at 1973-01: one before 1970 is reported as itself (not as 1970-01) and skipped', async () => {
  let skipped: string[] = [];
  const months = await monthsWithEvents(db, { skipped: (ms) => { skipped = ms; } });
  assert.deepEqual(skipped, ['1965-03']);
  assert.ok(!months.includes('1970-01') && !months.includes('1965-03'));
  assert.deepEqual(months, ['2016-05', '2017-05', '2018-05', '2019-05', '2020-05', '2021-05', '2022-05', '2023-05', '2024-05']);
  // (From a later month on, nothing is skipped.)
  let later: string[] = [];
  assert.deepEqual(await monthsWithEvents(db, { since: '2024-01', skipped: (ms) => { later = ms; } }), ['2024-05']);
  assert.deepEqual(later, []);
});

test('a month before 1973-01 is refused: by classifyMonth and by the API, before a run starts', async () => {
  for (const m of ['1965-03', '1972-12']) {
    await assert.rejects(classifyMonth(db, m, 'general'), /早于可分类的最早月份 1973-01/);
    await assert.rejects(caller('admin').classify.start({ month: m }), (e: TRPCError) => e.code === 'BAD_REQUEST' && /1973-01/.test(e.message));
  }
  const runs = await caller('admin').classify.runs({ limit: 100 });
  assert.ok(runs.every((r) => r.month >= '1973-01'), 'no run recorded for a refused month');
});

test('a second start while a classification job runs is refused, naming the running one; after it, a start is accepted', async () => {
  const admin = caller('admin');
  const first = await admin.classify.start({ month: '2024-05', model: 'general' });
  await assert.rejects(admin.classify.start({ month: '2024-04', model: 'general' }),
    (e: TRPCError) => e.code === 'CONFLICT' && /已有分类任务在运行：分类 2024-05（general）（admin/.test(e.message));
  // The page follows it: it is listed as running.
  assert.deepEqual((await caller('analyst').classify.jobs()).filter((j) => j.status === 'running').map((j) => j.id), [first.jobId]);
  assert.equal((await waitJob(first.jobId)).status, 'done');
  const second = await admin.classify.start({ month: '2024-04', model: 'general' });
  assert.equal((await waitJob(second.jobId)).status, 'done');
});

test('a model file that cannot be used is named on the workbench (not 服务器内部错误); the enterprise page still opens', async () => {
  const repo = process.cwd();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-models-'));
  fs.cpSync(path.join(repo, 'models'), path.join(dir, 'models'), { recursive: true });
  const file = path.join(dir, 'models', 'general', 'v3.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const { hardRules, ...rest } = m;
  fs.writeFileSync(file, JSON.stringify({ ...rest, hardrules: hardRules }));
  const [{ uscc }] = await db.rows<{ uscc: string }>({ text: 'SELECT uscc FROM enterprises LIMIT 1', params: {} }) as [{ uscc: string }];
  process.chdir(dir); // modelsDir(): models/ under the working directory
  try {
    // PRECONDITION_FAILED keeps its message through the errorFormatter, which masks INTERNAL_SERVER_ERROR.
    const named = (e: TRPCError) => e.code === 'PRECONDITION_FAILED' && /模型文件无效 models\/general\/v3\.json: \(顶层\) 含未知字段 hardrules/.test(e.message);
    await assert.rejects(caller('analyst').classify.versions(), named);
    await assert.rejects(caller('analyst').classify.models(), named);
    await assert.rejects(caller('analyst').classify.evaluation({ month: '2024-03', model: 'general', fit: true }), named);
    const page = await caller('analyst').classify.enterprise({ uscc });
    assert.equal(page.profile.uscc, uscc);
    assert.ok(page.history.every((h) => h.bands === null));
    // A run started from the workbench fails saying which file.
    const { jobId } = await caller('admin').classify.start({ month: '2024-03', model: 'general' });
    const job = await waitJob(jobId);
    assert.equal(job.status, 'failed');
    assert.match(job.error ?? '', /models\/general\/v3\.json/);
  } finally {
    process.chdir(repo);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
