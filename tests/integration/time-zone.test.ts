/**
 * The time convention (server/db/time.ts): instants are stored as UTC, whatever the engine's zone, and shown in China
 * time. Rows are written the way the writers write them (the same helpers, or the same UTC wall-clock text) at pinned
 * instants: 2026-06-30 23:30 UTC is 2026-07-01 07:30 in Beijing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { utcText } from '../../server/db/time';
import { recordRun } from '../../server/classify/run';
import { runQuery } from '../../queries/define';
import { classRuns } from '../../queries/classes/runs';
import { auditLog } from '../../queries/admin/auditLog';
import { objectionSteps } from '../../queries/objections/steps';
import { runJsonChild } from './child-process';
import type { Viewer } from '../../server/auth/viewer';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-tz-'));
const childDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-tz-child-'));
const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
const AT = new Date('2026-06-30T23:30:00Z');
const AT_UNIX = 1782862200;
let db: Db;

before(async () => { db = await getDb({ dataDir }); });
after(async () => {
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(childDir, { recursive: true, force: true });
});

test('a classification run is listed with its start and end in China time', async () => {
  await recordRun(db, { runId: 'tz-run', month: '2026-06', modelId: 'general', version: 1, startedAt: AT, finishedAt: new Date('2026-06-30T23:45:10Z'),
    status: 'done', enterprises: 0, counts: {}, actor: 'tz', message: '' });
  const r = (await runQuery(db, classRuns, {}, admin)).find((x) => x.run_id === 'tz-run');
  assert.equal(r?.started_at, '2026-07-01 07:30:00');
  assert.equal(r?.finished_at, '2026-07-01 07:45:10');
  assert.equal(r?.month, '2026-06', 'the month is a calendar month, not converted');
});

test('the audit log shows its entries in China time', async () => {
  // server/auth/audit.ts writes Unix seconds with milliseconds.
  await db.insert('audit_log', [{ ts: (AT.getTime() / 1000 + 0.125).toFixed(3), user: 'tz', role: 'admin', action: 'view', target: 'tz.test', detail: '', ip: '' }]);
  const r = (await runQuery(db, auditLog, { user: 'tz' }, admin))[0];
  assert.equal(r?.ts, '2026-07-01 07:30:00.125');
});

test('an objection step is shown in China time', async () => {
  await db.insert('objections', [{ objection_id: 'O-TZ', uscc: 'x', status: 'received', received_date: '2026-07-01', due_date: '2026-07-06', created_at: utcText(AT), updated_at: utcText(AT), version: 1 }]);
  // server/objections/register.ts writes ts as the UTC wall clock (nowTs).
  await db.insert('objection_steps', [{ step_id: 'S-TZ', objection_id: 'O-TZ', step: 'received', actor: 'tz', ts: utcText(AT), step_date: '2026-07-01', note: '', detail: '{}' }]);
  const steps = await runQuery(db, objectionSteps, { id: 'O-TZ' }, admin);
  assert.deepEqual(steps.map((s) => [s.ts, s.step_date]), [['2026-07-01 07:30:00', '2026-07-01']]);
});

test('the stored instant is right whatever the engine\'s time zone (an engine in Asia/Shanghai)', async () => {
  const { lines } = await runJsonChild<{ tz: string; mode: string; pinned: number; step_ms: number; live_stale: number; started_at: string; finished_at: string }>(
    path.join(here, 'tz-child.ts'), [childDir], undefined, { ...process.env, TZ: 'Asia/Shanghai' });
  const r = lines[0]!;
  // The embedded engine takes its zone from the process (TZ); a server keeps its own.
  if (r.mode === 'embedded') assert.equal(r.tz, 'Asia/Shanghai', 'the child engine runs in China time');
  assert.equal(Number(r.pinned), AT_UNIX, 'the run started at 2026-06-30 23:30 UTC');
  assert.equal(Number(r.step_ms), AT.getTime() + 250, 'the objection step at 23:30:00.250 UTC');
  assert.equal(Number(r.live_stale), 0, 'a run started just now is not older than 6 hours');
  assert.equal(r.started_at, '2026-07-01 07:30:00');
  assert.equal(r.finished_at, '2026-07-01 07:45:10');
});
