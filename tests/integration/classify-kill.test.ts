/**
 * A classification killed mid-way leaves the published results as they were; the next classification (or the
 * server's start) closes its run as failed and drops its work tables — but never the tables of work still running
 * in this process (the enterprise page's explanation, another month's run).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { clearStale, holdToken, leaseSeconds } from '../../server/classify/housekeeping';
import { runJsonChild } from './child-process';
import { pastLease, serverOnly, useShortLease } from './leases';

useShortLease();

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-classify-kill-'));
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });
const MONTH = '2024-06';

/**
 * The child classifies MONTH; with `pauseTag` it pauses there and is killed — after `whilePaused` has run, when
 * given (it returns true to kill).
 */
const runChild = (pauseTag?: string, whilePaused?: () => Promise<boolean>) => runJsonChild<Record<string, unknown>>(
  path.join(here, 'classify-child.ts'), [dataDir, MONTH, ...(pauseTag ? [pauseTag] : [])],
  pauseTag ? (line) => (line.paused ? (whilePaused ? whilePaused() : true) : false) : undefined);

const hashes = async (db: Db) => db.rows<{ model_id: string; n: number; h: string }>({
  text: `SELECT model_id, toUInt32(count()) AS n, toString(sum(cityHash64(uscc, score, class, basis, reasons))) AS h
    FROM class_results WHERE month = {m:Date} GROUP BY model_id ORDER BY model_id`, params: { m: `${MONTH}-01` } });
const workTables = async (db: Db) => (await db.rows<{ name: string }>({
  text: `SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'class_')
    AND name NOT IN ('class_results', 'class_runs') ORDER BY name`, params: {} })).map((r) => r.name);
const runStatuses = async (db: Db) => db.rows<{ model_id: string; status: string; message: string }>({
  text: `SELECT model_id, status, message FROM class_runs FINAL ORDER BY started_at, model_id`, params: {} });

test('SIGKILL while effective is written: results as before, run closed as failed, work tables dropped', async () => {
  const first = await runChild();
  assert.ok(first.lines.at(-1)?.done, 'the first run finished');
  const killed = await runChild('classify.effective');
  assert.ok(killed.killed, 'killed at the effective step');

  const db = await getDb({ dataDir });
  const left = await workTables(db);
  assert.ok(left.some((n) => n.startsWith('class_features_')) && left.some((n) => n.startsWith('class_results_stage_')),
    `the kill left work tables behind: ${left.join(', ')}`);
  const running = (await runStatuses(db)).filter((r) => r.status === 'running');
  assert.deepEqual(running.map((r) => r.model_id), ['effective'], 'the killed run is still recorded as running');

  // The killed run had published its four models (same data, same results) but not effective: all as before.
  const before = await hashes(db);
  assert.deepEqual(before.map((r) => r.model_id), ['county-public-credit', 'effective', 'food', 'general', 'special-equipment']);
  assert.deepEqual(before, first.lines.at(-1)?.hashes, 'published results as after the first, complete run');

  await pastLease(db);
  const cleared = await clearStale(db);
  assert.equal(cleared.runs.length, 1);
  assert.deepEqual(cleared.tables.sort(), left.sort());
  assert.deepEqual(await workTables(db), []);
  const statuses = await runStatuses(db);
  assert.equal(statuses.filter((r) => r.status === 'running').length, 0);
  assert.match(statuses.find((r) => r.status === 'failed')?.message ?? '', /进程中断/);

  await classifyMonth(db, MONTH);
  assert.deepEqual(await hashes(db), before, 'classifying again gives the same results');
});

test('work tables of work running in this process are kept; released, they are stale', async () => {
  const db = await getDb({ dataDir });
  const release = holdToken('explain_424242');
  await db.command({ text: 'CREATE TABLE class_features_explain_424242 ENGINE = Memory AS SELECT 1 AS x', params: {} });
  await db.command({ text: 'CREATE TABLE class_ev_deadbeef0000 ENGINE = Memory AS SELECT 1 AS x', params: {} });
  await db.command({ text: 'CREATE TABLE class_notes_kept ENGINE = Memory AS SELECT 1 AS x', params: {} });
  await pastLease(db);
  assert.deepEqual((await clearStale(db)).tables, ['class_ev_deadbeef0000']);
  assert.deepEqual(await workTables(db), ['class_features_explain_424242', 'class_notes_kept'], 'held work and non-work tables stay');
  release();
  assert.deepEqual((await clearStale(db)).tables, ['class_features_explain_424242']);
  await db.command({ text: 'DROP TABLE class_notes_kept', params: {} });
});

test('a warnings run\'s work tables are swept like classification\'s: kept while their run holds its token, dropped once dead', async () => {
  const db = await getDb({ dataDir });
  const names = async () => (await db.rows<{ name: string }>({ text: `SELECT name FROM system.tables WHERE database = currentDatabase()
    AND startsWith(name, 'warnings_') AND name != 'warnings' ORDER BY name`, params: {} })).map((r) => r.name);
  const release = holdToken('c0ffee000001');
  for (const t of ['warnings_stage_202606_c0ffee000001', 'warnings_closed_202606_c0ffee000001', 'warnings_stage_202606_dead00000001', 'warnings_closed_202606_dead00000001']) {
    await db.command({ text: `CREATE TABLE ${t} ENGINE = Memory AS SELECT 1 AS x`, params: {} });
  }
  await pastLease(db);
  assert.deepEqual((await clearStale(db)).tables, ['warnings_closed_202606_dead00000001', 'warnings_stage_202606_dead00000001']);
  assert.deepEqual(await names(), ['warnings_closed_202606_c0ffee000001', 'warnings_stage_202606_c0ffee000001']);
  release();
  assert.deepEqual((await clearStale(db)).tables, ['warnings_closed_202606_c0ffee000001', 'warnings_stage_202606_c0ffee000001']);
  assert.deepEqual(await names(), []);
});

test('on a server, the work of another live process is kept however old; once its lease lapses it is dropped', { skip: serverOnly }, async () => {
  const db = await getDb({ dataDir });
  const lease = (beat: string) => db.command({ text: `INSERT INTO work_leases SELECT 'other-host:1:cafe', ['cafe00000000'], ${beat}, toUInt64(now64(6)) * 1000000`, params: {} });
  await db.command({ text: 'CREATE TABLE class_ev_cafe00000000 ENGINE = Memory AS SELECT 1 AS x', params: {} });
  await db.command({ text: 'CREATE TABLE class_ev_dead00000000 ENGINE = Memory AS SELECT 1 AS x', params: {} });
  await pastLease(db);
  await lease('now()');
  assert.deepEqual((await clearStale(db)).tables, ['class_ev_dead00000000'], 'leased work stays, unleased old work goes');
  assert.deepEqual(await workTables(db), ['class_ev_cafe00000000']);
  await pastLease(db);
  assert.deepEqual((await clearStale(db)).tables, ['class_ev_cafe00000000'], 'the lease was not renewed: dead');
});

test('on a server, new work is not dead before its lease could be written', { skip: serverOnly }, async () => {
  const db = await getDb({ dataDir });
  await db.command({ text: 'CREATE TABLE class_ev_beef00000000 ENGINE = Memory AS SELECT 1 AS x', params: {} });
  assert.deepEqual((await clearStale(db)).tables, [], 'younger than the lease: kept');
  await pastLease(db);
  assert.deepEqual((await clearStale(db)).tables, ['class_ev_beef00000000']);
});

test('on a server, a process in the middle of a classification keeps its work past the lease; killed, its work is cleared', { skip: serverOnly }, async () => {
  const db = await getDb({ dataDir });
  // The province was written by the first test. The child pauses before writing general's rows, renewing its lease;
  // twice the lease later another process's housekeeping runs, then the child is killed.
  let kept: Awaited<ReturnType<typeof clearStale>> | undefined;
  let tablesWhilePaused: string[] = [];
  const run = await runChild('classify.general', async () => {
    await new Promise((r) => setTimeout(r, (2 * leaseSeconds() + 1) * 1000));
    kept = await clearStale(db);
    tablesWhilePaused = await workTables(db);
    return true;
  });
  assert.ok(run.killed, 'the child paused and was killed');
  assert.deepEqual([kept?.runs, kept?.tables], [[], []], 'live work of another process, older than the lease: kept');
  assert.ok(tablesWhilePaused.some((n) => n.startsWith('class_features_')), 'its features are still there');
  await pastLease(db);
  const cleared = await clearStale(db);
  assert.equal(cleared.runs.length, 1, 'the killed run is closed');
  assert.ok(cleared.tables.some((n) => n.startsWith('class_features_')));
  assert.deepEqual(await workTables(db), []);
});
