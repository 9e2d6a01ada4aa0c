/**
 * What a classification run leaves behind when its process dies mid-way (kill, power loss): its `class_runs` rows
 * stay 'running' and its work tables (features, stages, winners) stay in the database. The published results are
 * untouched either way (REPLACE PARTITION is atomic). `clearStale` runs before every classification: runs and
 * tables that belong to no work live in this process are closed as failed and dropped.
 *
 * The same holds for the re-classification after an objection's correction (objections.reclass_status) or a credit
 * repair (repair_reclass).
 *
 * Every piece of work that creates classification work tables holds a token (its run id) while it runs; the work
 * tables' names contain it. The embedded engine has one process (its data directory's lock): work not live in it
 * is dead. On a ClickHouse server other processes may be classifying at the same time: each process holding tokens
 * renews a lease on them (`work_leases`, every third of the lease), and work is dead when no process has renewed a
 * lease on its token within the lease and it is older than the lease (a process writes its first lease as it
 * starts holding a token; the age covers that moment). The lease is 90 s, XINYAN_WORK_LEASE_SECONDS to change it.
 */
import os from 'node:os';
import crypto from 'node:crypto';
import type { Db } from '../db/client';
import { sql, p, trusted, type Sql } from '../db/sql';
import { rowVersion } from '../db/version';
import { utcText } from '../db/time';

/** Seconds a process's lease on its work lasts without renewal (server mode). */
export function leaseSeconds(): number {
  const n = Number(process.env.XINYAN_WORK_LEASE_SECONDS);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 90;
}

/** The kinds of classification work tables (features.ts, run.ts); every one is named by `workTable`. */
const WORK_TABLES = [
  'results_stage', 'wins', 'repairs', 'named', 'own', 'blanket', 'repaired', 'repaired_old', 'ev', 'ent', 'links', 'features', 'closures', 'multi', 'role_counts',
] as const;

/** The name of a work table of kind `kind` for the work holding `token`. */
export function workTable(kind: (typeof WORK_TABLES)[number], token: string): string {
  return `class_${kind}_${token.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
/**
 * Other jobs' work tables swept the same way: a warnings run's stage and its closed-later list (server/warnings/
 * engine.ts), named `<prefix><month>_<token>` while the run holds `token`.
 */
export const OTHER_WORK_PREFIXES = ['warnings_stage_', 'warnings_closed_'] as const;
const isWorkTable = (name: string) => WORK_TABLES.some((k) => name.startsWith(`class_${k}_`)) || OTHER_WORK_PREFIXES.some((x) => name.startsWith(x));

const holder = globalThis as unknown as { __xinyanClassifyLive?: Map<string, number> };
const live: Map<string, number> = (holder.__xinyanClassifyLive ??= new Map());

/** This process's name in `work_leases`. */
const OWNER = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
const beatState = globalThis as unknown as { __xinyanLease?: { db: Db | null; timer: NodeJS.Timeout | null; last: string } };
const lease = (beatState.__xinyanLease ??= { db: null, timer: null, last: '' });

/**
 * Writes this process's lease row: the tokens it holds (none: the row says so, and the lease lapses). The beat
 * writes it every time (it renews the lease); `onlyIfChanged` writes it only when the tokens held differ from the
 * last row's (work that starts holding a token says so at once; the rest is the beat's).
 */
async function renewLease(db: Db, onlyIfChanged = false): Promise<void> {
  const tokens = liveTokens().sort();
  const key = tokens.join('\n');
  if (!tokens.length && lease.last === '') return;
  if (onlyIfChanged && key === lease.last) return;
  await db.insert('work_leases', [{ owner: OWNER, tokens, beat: utcText(new Date(), 's'), version: rowVersion() }]);
  lease.last = key;
}

/**
 * On a server, keeps this process's lease on the work it holds renewed (every third of the lease, while it holds
 * any) and writes it once now. Called by work that holds tokens with the engine at hand; nothing on the embedded
 * engine.
 */
export async function keepLease(db: Db): Promise<void> {
  if (db.config.mode === 'embedded') return;
  lease.db = db;
  if (!lease.timer) {
    lease.timer = setInterval(() => {
      if (lease.db) renewLease(lease.db).catch(() => { /* the next beat tries again; the lease covers a missed one */ });
    }, Math.max(1, Math.floor(leaseSeconds() / 3)) * 1000);
    lease.timer.unref();
  }
  await renewLease(db, true);
}

/** Marks `token` live until the returned release is called (tokens may be held more than once). */
export function holdToken(token: string): () => void {
  live.set(token, (live.get(token) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const n = (live.get(token) ?? 1) - 1;
    if (n <= 0) live.delete(token); else live.set(token, n);
  };
}

export function liveTokens(): string[] { return [...live.keys()]; }

/** The tokens other processes hold a current lease on (server mode). */
async function leasedElsewhere(db: Db): Promise<string[]> {
  const rows = await db.rows<{ token: string }>(sql`SELECT DISTINCT arrayJoin(tokens) AS token FROM work_leases FINAL
    WHERE owner != ${p.str(OWNER)} AND beat >= now() - toIntervalSecond(${p.uint(leaseSeconds())})`, 'classify.stale');
  return rows.map((r) => r.token);
}

export interface StaleCleared { runs: string[]; tables: string[]; reclass: string[] }

/** The token a re-classification after an objection's correction or a credit repair holds while it runs. */
export const reclassToken = (kind: 'objection' | 'repair', id: string) => `reclass_${kind}_${id}`;

/**
 * The first month of the re-classification a correction started, per objection (`objection_id`, `from_month`): the
 * latest 'corrected' step's `fromMonth` (objections/register.ts writes it). `only` restricts it to one objection.
 */
export function correctionFromMonths(only?: string): Sql {
  const where = only === undefined ? sql`` : sql` AND objection_id = ${p.str(only)}`;
  return sql`SELECT objection_id, argMax(JSONExtractString(detail, 'fromMonth'), ts) AS from_month FROM objection_steps
    WHERE step = 'corrected'${where} GROUP BY objection_id`;
}

/** What an interrupted re-classification's record says: the correction or repair stands, the months to run again. */
function rerunMessage(what: '更正' | '修复', fromMonth: string): string {
  const from = /^\d{4}-\d{2}$/.test(fromMonth) ? fromMonth : '';
  return `重新分类未完成（进程中断）：${what}已记录，${from ? `${from} 起` : '相关'}各月的类别可能尚未反映；请点击「重新运行」，`
    + (from ? `或在「模型与验证」以月份 ${from}、范围「此月及以后各月」重新分类，或运行 classify --all --since ${from}` : '或在「模型与验证」重新分类相关月份，或运行 classify --all');
}

/** `col` (an instant) is older than the lease; on the embedded engine, whatever its age (one process: not live is dead). */
function olderThanLease(embedded: boolean, col: 'started_at' | 'metadata_modification_time' | 'updated_at'): Sql {
  return embedded ? sql`1` : sql`${trusted(col)} < now() - toIntervalSecond(${p.uint(leaseSeconds())})`;
}

/** Closes the stale runs as failed and drops the stale work tables (see above). */
export async function clearStale(db: Db): Promise<StaleCleared> {
  const embedded = db.config.mode === 'embedded';
  await keepLease(db);
  const tokens = embedded ? liveTokens() : [...new Set([...liveTokens(), ...await leasedElsewhere(db)])];
  const old = olderThanLease(embedded, 'started_at');
  const notLive = tokens.length ? sql`NOT multiSearchAny(run_id, ${p.strs(tokens)})` : sql`1`;
  const runs = await db.rows<{ run_id: string }>(sql`SELECT run_id FROM class_runs FINAL
    WHERE status = 'running' AND ${notLive} AND ${old}`, 'classify.stale');
  if (runs.length) {
    await db.command(sql`INSERT INTO class_runs
      SELECT run_id, month, model_id, model_version, started_at, now(), 'failed', enterprises, counts, actor,
        '分类未完成（进程中断）：该月该模型保持此前的结果', version + 1
      FROM class_runs FINAL WHERE run_id IN ${p.strs(runs.map((r) => r.run_id))} AND status = 'running'`, 'classify.stale');
  }
  const tablesOld = olderThanLease(embedded, 'metadata_modification_time');
  const tableNotLive = tokens.length ? sql`NOT multiSearchAny(name, ${p.strs(tokens)})` : sql`1`;
  const tables = await db.rows<{ name: string }>(sql`SELECT name FROM system.tables WHERE database = currentDatabase()
    AND (startsWith(name, 'class_') OR ${trusted(OTHER_WORK_PREFIXES.map((x) => `startsWith(name, '${x}')`).join(' OR '))})
    AND ${tableNotLive} AND ${tablesOld} ORDER BY name`, 'classify.stale');
  const dropped: string[] = [];
  for (const { name } of tables) {
    if (!isWorkTable(name) || !/^[a-z0-9_]+$/.test(name)) continue;
    await db.command(trusted(`DROP TABLE IF EXISTS ${name}`), 'classify.stale');
    dropped.push(name);
  }
  return { runs: runs.map((r) => r.run_id), tables: dropped, reclass: await closeStaleReclass(db, tokens, embedded) };
}

/**
 * Objections and credit repairs whose re-classification was interrupted: marked failed with the months to run
 * again (the correction or repair itself is recorded; the classes of those months may not reflect it yet).
 * Returns their ids.
 */
async function closeStaleReclass(db: Db, tokens: string[], embedded: boolean): Promise<string[]> {
  const old = olderThanLease(embedded, 'updated_at');
  const stale = (await db.rows<{ objection_id: string; from_month: string }>(sql`
    SELECT o.objection_id AS objection_id, ifNull(s.from_month, '') AS from_month
    FROM (SELECT objection_id FROM objections FINAL WHERE reclass_status = 'running' AND ${old}) AS o
    LEFT JOIN (${correctionFromMonths()}) AS s ON s.objection_id = o.objection_id
    SETTINGS join_use_nulls = 1`, 'classify.stale')).filter((r) => !tokens.includes(reclassToken('objection', r.objection_id)));
  for (const r of stale) {
    await db.command(sql`INSERT INTO objections
      SELECT * REPLACE ('failed' AS reclass_status, ${p.str(rerunMessage('更正', r.from_month))} AS reclass_message, 'system' AS updated_by, now64(3) AS updated_at, o.version + 1 AS version)
      FROM objections AS o FINAL WHERE o.objection_id = ${p.str(r.objection_id)} AND o.reclass_status = 'running'`, 'classify.stale');
    // (Qualified: in WHERE an unqualified reclass_status would be the SELECT's 'failed'.)
  }
  const staleRepairs = (await db.rows<{ repair_id: string; from_month: string }>(sql`
    SELECT repair_id, from_month FROM repair_reclass FINAL WHERE status = 'running' AND ${old}`, 'classify.stale'))
    .filter((r) => !tokens.includes(reclassToken('repair', r.repair_id)));
  for (const r of staleRepairs) {
    await db.command(sql`INSERT INTO repair_reclass
      SELECT repair_id, from_month, 'failed', ${p.str(rerunMessage('修复', r.from_month))}, now64(3), version + 1
      FROM repair_reclass FINAL WHERE repair_id = ${p.str(r.repair_id)} AND status = 'running'`, 'classify.stale');
  }
  return [...stale.map((r) => r.objection_id), ...staleRepairs.map((r) => r.repair_id)];
}
