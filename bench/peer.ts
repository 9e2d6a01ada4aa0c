/**
 * The peer: the same slice queries on DuckDB (@duckdb/node-api) over the same data. The engine exports the
 * classified months once to Parquet; DuckDB loads those files into its own tables; both run the same
 * questions (standard SQL, written once per dialect where they differ), p50 over `runs` after a warm-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Db } from '../server/db/client';
import { trusted } from '../server/db/sql';

function prevMonth(m: string, k: number): string {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, mm - 1 - k, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/** name → [ClickHouse SQL, DuckDB SQL]; table `cr` = class_results of model general. */
export function peerQueries(month: string): Record<string, [string, string]> {
  const m = `${month}-01`;
  const m1 = prevMonth(month, 1);
  const m6 = prevMonth(month, 5);
  const m12 = prevMonth(month, 11);
  const same = (s: string): [string, string] => [s.replace(/\bcr\b/g, "class_results"), s];
  return {
    distribution_prefecture: same(`SELECT prefecture_code, class, count(*) AS n FROM cr WHERE model_id = 'general' AND month = DATE '${m}' GROUP BY prefecture_code, class ORDER BY prefecture_code, class`),
    matrix_prefecture_section: same(`SELECT prefecture_code, industry_section, count(*) AS n, sum(CASE WHEN class IN ('C','D') THEN 1 ELSE 0 END) AS cd, avg(score) AS s FROM cr WHERE model_id = 'general' AND month = DATE '${m}' GROUP BY prefecture_code, industry_section ORDER BY prefecture_code, industry_section`),
    trend_12m: same(`SELECT month, class, count(*) AS n FROM cr WHERE model_id = 'general' AND month >= DATE '${m12}' AND month <= DATE '${m}' GROUP BY month, class ORDER BY month, class`),
    rising_6m_county: same(`SELECT county_code, month, count(*) AS n, sum(CASE WHEN class IN ('C','D') THEN 1 ELSE 0 END) AS cd FROM cr WHERE model_id = 'general' AND month >= DATE '${m6}' AND month <= DATE '${m}' GROUP BY county_code, month ORDER BY county_code, month`),
    migration: same(`SELECT a.class AS c0, b.class AS c1, count(*) AS n FROM (SELECT uscc, class FROM cr WHERE model_id = 'general' AND month = DATE '${m1}') a JOIN (SELECT uscc, class FROM cr WHERE model_id = 'general' AND month = DATE '${m}') b ON a.uscc = b.uscc GROUP BY a.class, b.class ORDER BY c0, c1`),
    enterprises_page: same(`SELECT uscc, score, class FROM cr WHERE model_id = 'general' AND month = DATE '${m}' AND prefecture_code = '220100' AND industry_section = 'C' AND class IN ('C','D') ORDER BY score DESC, uscc LIMIT 50`),
  };
}

async function p50(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); ms.push(performance.now() - t); }
  ms.sort((a, b) => a - b);
  return Math.round((ms[Math.floor((ms.length - 1) / 2)] ?? NaN) * 10) / 10;
}

export async function benchPeer(db: Db, dataDir: string, month: string, runs = 20): Promise<Record<string, { ours_ms: number; duckdb_ms: number; ratio: number; rows: number }>> {
  const file = path.join(dataDir, 'peer-class-results.parquet');
  const m12 = prevMonth(month, 11);
  if (!fs.existsSync(file)) {
    await db.command(trusted(`INSERT INTO FUNCTION file('${file}', 'Parquet')
      SELECT month, model_id, uscc, province_code, prefecture_code, county_code, street_code, industry_section, industry_division,
             industry_code, entity_type, status, score, class
      FROM class_results WHERE model_id = 'general' AND month >= toDate('${m12}')`));
  }
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE cr AS SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`);
  const out: Record<string, { ours_ms: number; duckdb_ms: number; ratio: number; rows: number }> = {};
  for (const [name, [ch, dk]] of Object.entries(peerQueries(month))) {
    let rowsCh = 0, rowsDk = 0;
    const ours = await p50(async () => { rowsCh = (await db.rows(trusted(ch), `peer.${name}`)).length; }, runs);
    const duck = await p50(async () => { rowsDk = (await conn.runAndReadAll(dk)).getRows().length; }, runs);
    if (rowsCh !== rowsDk) throw new Error(`peer ${name}: ClickHouse returned ${rowsCh} rows, DuckDB ${rowsDk}`);
    out[name] = { ours_ms: ours, duckdb_ms: duck, ratio: Math.round((duck / ours) * 100) / 100, rows: rowsCh };
  }
  conn.closeSync();
  instance.closeSync();
  return out;
}
