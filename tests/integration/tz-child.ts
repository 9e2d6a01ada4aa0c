/**
 * Child process for the time-zone test: `TZ=Asia/Shanghai node --import tsx tz-child.ts DATA_DIR`. Opens (and
 * migrates) a fresh data directory in an engine whose zone is the process's, writes timestamps the way the writers
 * do, and prints one JSON line with the engine's zone, the stored instants and what the queries show.
 */
import { getDb, closeDb } from '../../server/db/client';
import { trusted } from '../../server/db/sql';
import { utcText } from '../../server/db/time';
import { recordRun } from '../../server/classify/run';
import { runQuery } from '../../queries/define';
import { classRuns } from '../../queries/classes/runs';
import type { Viewer } from '../../server/auth/viewer';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: tz-child.ts DATA_DIR');
const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
const db = await getDb({ dataDir });
const run = { month: '2026-06', modelId: 'general', version: 1, status: 'done' as const, enterprises: 0, counts: {}, actor: 'tz', message: '' };
// A finished run at a pinned instant, and a live one started just now (what the stale-run check looks at).
await recordRun(db, { ...run, runId: 'tz-pinned', startedAt: new Date('2026-06-30T23:30:00Z'), finishedAt: new Date('2026-06-30T23:45:10Z') });
await recordRun(db, { ...run, runId: 'tz-live', startedAt: new Date(), finishedAt: null, status: 'running' });
await db.insert('objection_steps', [{ step_id: 'tz', objection_id: 'tz', step: 'received', actor: 'tz', ts: utcText(new Date('2026-06-30T23:30:00.250Z')), step_date: '2026-07-01', note: '', detail: '{}' }]);
const info = await db.one<{ tz: string; pinned: number; step_ms: number; live_stale: number }>(trusted(`SELECT timezone() AS tz,
  (SELECT toUInt32(toUnixTimestamp(started_at)) FROM class_runs FINAL WHERE run_id = 'tz-pinned') AS pinned,
  (SELECT toUInt64(toUnixTimestamp64Milli(ts)) FROM objection_steps WHERE step_id = 'tz') AS step_ms,
  (SELECT toUInt8(started_at < now() - toIntervalHour(6)) FROM class_runs FINAL WHERE run_id = 'tz-live') AS live_stale`));
const shown = (await runQuery(db, classRuns, {}, admin)).find((r) => r.run_id === 'tz-pinned');
process.stdout.write(JSON.stringify({ ...info, mode: db.config.mode, started_at: shown?.started_at, finished_at: shown?.finished_at }) + '\n');
await closeDb();
