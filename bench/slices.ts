/**
 * Research-slice benchmark (issue 4): p50/p95 of every workbench slice, on the engine alone (the query modules
 * called directly, as the router does) and end to end through the tRPC HTTP API. Aim: p95 ≤ 300 ms at
 * 2,000,000 enterprises × 36 months, API ≤ 1.3× engine.
 *
 *   npx tsx bench/slices.ts --synthetic 2000000 --months 36 [--runs 20]   (throw-away class_results generated in SQL)
 *   npx tsx bench/slices.ts --data-dir DIR [--month YYYY-MM]              (an existing classified data set)
 *   benchSlicesApi(baseUrl, cookie, month, runs)                          (against a running server)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '../server/db/client';
import type { Viewer } from '../server/auth/viewer';
import { runQuery } from '../queries/define';
import { getClassDistribution } from '../queries/research/distribution';
import { getRiskMatrix } from '../queries/research/matrix';
import { getClassTrend } from '../queries/research/trend';
import { getClassMigration } from '../queries/research/migration';
import { getRiskConcentrations } from '../queries/research/concentrations';
import { getRisingRisk, windowStart } from '../queries/research/rising';
import { enterprisePage, enterpriseCount } from '../queries/research/enterprises';

type F = { month: string; model: string; tags: string[]; status: Array<'存续'>; region?: string; industry?: string };

/** One entry per slice: the tRPC procedure (research.<name>) and its input. */
export function sliceCases(month: string, prefecture = '220100', county = '220102'): Record<string, { procedure: string; input: Record<string, unknown> }> {
  const f = (extra: Partial<F> = {}): F => ({ month, model: 'general', tags: [], status: [], ...extra });
  return {
    distribution_province: { procedure: 'distribution', input: { filters: f(), by: 'prefecture', limit: 40 } },
    distribution_prefecture_section: { procedure: 'distribution', input: { filters: f({ region: prefecture, industry: 'C' }), by: 'county', limit: 40 } },
    distribution_tag: { procedure: 'distribution', input: { filters: f(), by: 'tag', limit: 40 } },
    matrix_prefecture_section: { procedure: 'matrix', input: { filters: f(), rows: 'prefecture', cols: 'section', maxRows: 24, maxCols: 20 } },
    matrix_county_division: { procedure: 'matrix', input: { filters: f({ region: prefecture }), rows: 'county', cols: 'division', maxRows: 24, maxCols: 20 } },
    trend_12m: { procedure: 'trend', input: { filters: f(), from: windowStart(month, 12) } },
    migration: { procedure: 'migration', input: { filters: f(), from: windowStart(month, 2) } },
    concentrations: { procedure: 'concentrations', input: { filters: f(), rows: 'county', cols: 'division', minSize: 30, rankBy: 'share', limit: 15 } },
    rising_6m_county: { procedure: 'rising', input: { filters: f(), by: 'county', months: 6, minSize: 30, limit: 12 } },
    enterprises_page: { procedure: 'enterprises', input: { filters: f({ region: county, industry: 'C' }), classes: ['C', 'D'], sort: 'score', dir: 'desc', offset: 0, limit: 50 } },
  };
}

const VIEWER: Viewer = { name: 'bench', role: 'admin', regionCode: '' };

/** Calls the same query-layer function the router calls for a procedure. */
async function runSlice(db: Db, procedure: string, input: Record<string, unknown>): Promise<unknown> {
  const i = input as never;
  switch (procedure) {
    case 'distribution': return getClassDistribution(db, VIEWER, i);
    case 'matrix': return getRiskMatrix(db, VIEWER, i);
    case 'trend': return getClassTrend(db, VIEWER, i);
    case 'migration': return getClassMigration(db, VIEWER, i);
    case 'concentrations': return getRiskConcentrations(db, VIEWER, i);
    case 'rising': return getRisingRisk(db, VIEWER, i);
    case 'enterprises': return Promise.all([runQuery(db, enterprisePage, i, VIEWER), runQuery(db, enterpriseCount, i, VIEWER)]);
    default: throw new Error(`unknown procedure ${procedure}`);
  }
}

export interface SliceTiming { p50_ms: number; p95_ms: number }

function percentiles(ms: number[]): SliceTiming {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { p50_ms: Math.round(at(0.5) * 10) / 10, p95_ms: Math.round(at(0.95) * 10) / 10 };
}

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<SliceTiming> {
  await fn(); // warm-up (marks, caches)
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) { const t = performance.now(); await fn(); ms.push(performance.now() - t); }
  return percentiles(ms);
}

/** Engine alone: per slice { engine_p50_ms, engine_p95_ms } after a warm-up. */
export async function benchSlicesEngine(db: Db, month: string, runs = 20): Promise<Record<string, { engine_p50_ms: number; engine_p95_ms: number }>> {
  const out: Record<string, { engine_p50_ms: number; engine_p95_ms: number }> = {};
  for (const [name, c] of Object.entries(sliceCases(month))) {
    const t = await timeIt(() => runSlice(db, c.procedure, c.input), runs);
    out[name] = { engine_p50_ms: t.p50_ms, engine_p95_ms: t.p95_ms };
  }
  return out;
}

/** End to end through the tRPC HTTP API of a running server (`cookie` = a signed-in session cookie header). */
export async function benchSlicesApi(baseUrl: string, cookie: string, month: string, runs = 20): Promise<Record<string, { api_p50_ms: number; api_p95_ms: number }>> {
  const out: Record<string, { api_p50_ms: number; api_p95_ms: number }> = {};
  for (const [name, c] of Object.entries(sliceCases(month))) {
    const url = `${baseUrl.replace(/\/$/, '')}/api/trpc/research.${c.procedure}?input=${encodeURIComponent(JSON.stringify({ json: c.input }))}`;
    const t = await timeIt(async () => {
      const res = await fetch(url, { headers: { cookie } });
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      await res.arrayBuffer();
    }, runs);
    out[name] = { api_p50_ms: t.p50_ms, api_p95_ms: t.p95_ms };
  }
  return out;
}

const raw = (text: string, params: Record<string, unknown> = {}) => ({ text, params });

/**
 * Synthetic class_results in SQL: `n` enterprises × `months` months ending at `endMonth`, in 9 prefectures ×
 * 10 counties × 20 streets, 20 sections × 4 divisions, class shares near the published ones (A 65 / B 25 / C 8 / D 2 %),
 * a per-enterprise score that drifts slowly month to month. One INSERT per month.
 */
export async function syntheticResults(db: Db, n: number, months: number, endMonth: string): Promise<void> {
  for (let k = 0; k < months; k++) {
    const m = windowStart(endMonth, months - k);
    await db.command(raw(`INSERT INTO class_results (month, model_id, model_version, run_id, uscc, province_code, prefecture_code, county_code, street_code,
        region_code, industry_section, industry_division, industry_code, entity_type, status, tags, reg_date, raw_score, score, class, basis, hard_rule, other_points)
      SELECT toDate(concat({m:String}, '-01')), 'general', 1, 'bench', concat('91220000', leftPad(toString(number), 10, '0')), '220000', pref, county,
             concat(county, leftPad(toString(1 + cityHash64(number, 3) % 20), 3, '0')), county, sec, div, concat(div, leftPad(toString(10 + cityHash64(number, 5) % 8), 2, '0')),
             ['有限责任公司', '个人独资企业', '股份有限公司', '合伙企业', '农民专业合作社'][1 + cityHash64(number, 6) % 5], '存续',
             if(number % 20 = 0, ['食品经营'], if(number % 33 = 0, ['特种设备使用'], [])), toDate('2015-01-01'), score, score,
             multiIf(score < 200, 'A', score < 500, 'B', score < 750, 'C', 'D'), 'general', '', 0
      FROM (
        SELECT number,
               concat('22', leftPad(toString(1 + cityHash64(number, 1) % 9), 2, '0'), '00') AS pref,
               concat(substring(pref, 1, 4), leftPad(toString(1 + cityHash64(number, 2) % 10), 2, '0')) AS county,
               ['A','B','C','D','E','F','G','H','I','J','K','L','M','N','O','P','Q','R','S','T'][1 + cityHash64(number, 4) % 20] AS sec,
               concat(sec, leftPad(toString(10 + cityHash64(number, 7) % 4), 2, '0')) AS div,
               toFloat32(least(999, greatest(0, pow(cityHash64(number, 8) % 10000 / 10000, 2.6) * 1150 + ((cityHash64(number, 9, intDiv({k:UInt32}, 3)) % 200) - 100))))
                 AS score
        FROM numbers({n:UInt64})
      )`, { m, k, n }), 'bench.syntheticResults');
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => { const k = args.indexOf(`--${name}`); return k >= 0 ? args[k + 1] : undefined; };
  const synthetic = flag('synthetic');
  const dataDir = flag('data-dir') ?? (synthetic ? fs.mkdtempSync(path.join(os.tmpdir(), 'xy-bench-slices-')) : undefined);
  const runs = Number(flag('runs') ?? 20);
  const { getDb, closeDb } = await import('../server/db/client');
  const db = await getDb({ dataDir });
  try {
    let month = flag('month');
    if (synthetic) {
      month ??= '2026-10';
      const t = performance.now();
      await syntheticResults(db, Number(synthetic), Number(flag('months') ?? 36), month);
      process.stderr.write(`synthetic class_results: ${synthetic} × ${flag('months') ?? 36} months in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
    if (!month) {
      const r = await db.one<{ m: string }>(raw("SELECT formatDateTime(max(month), '%Y-%m') AS m FROM class_results WHERE model_id = 'general'"));
      month = r?.m ?? '';
    }
    if (!args.includes('--generate-only')) process.stdout.write(`${JSON.stringify(await benchSlicesEngine(db, month, runs), null, 1)}\n`);
  } finally {
    await closeDb();
    if (synthetic && dataDir && !flag('data-dir') && !args.includes('--keep')) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
