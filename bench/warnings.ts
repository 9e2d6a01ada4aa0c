/**
 * Warnings benchmark: all rules for one month.
 *
 *   npx tsx bench/warnings.ts --data-dir DIR --month YYYY-MM        (an existing data set, e.g. from `seed`)
 *   npx tsx bench/warnings.ts --synthetic 2000000 [--month 2026-06]  (a throw-away data set generated in SQL)
 *
 * The synthetic set has clustered addresses (a few hundred addresses with 10–40 enterprises), people with several
 * enterprises, and ~6 events per enterprise over two years (complaints, changes, abnormal listings, inspections).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '../server/db/client';
import { runWarnings } from '../server/warnings/engine';

export async function benchWarnings(db: Db, month: string): Promise<{ warnings: number; seconds: number; counts: Record<string, number> }> {
  const r = await runWarnings(db, month);
  return { warnings: r.warnings, seconds: r.seconds, counts: r.counts as Record<string, number> };
}

const raw = (text: string) => ({ text, params: {} });

async function synthesize(db: Db, n: number): Promise<void> {
  await db.command(raw('TRUNCATE TABLE enterprises'));
  await db.command(raw('TRUNCATE TABLE events'));
  await db.command(raw(`
    INSERT INTO enterprises
    SELECT
      concat('91', county, leftPad(toString(number), 10, '0')) AS uscc, concat('企业', toString(number)) AS name, '有限责任公司' AS entity_type,
      toDate('2015-01-01') + toIntervalDay(number % 4200) AS reg_date, if(number % 7 = 3, '注销', '存续') AS status,
      'F5191' AS industry_code, 'F' AS industry_section, 'F51' AS industry_division, county AS region_code, '220000' AS province_code,
      concat(substring(county, 1, 4), '00') AS prefecture_code, county AS county_code, concat(county, leftPad(toString(number % 12 + 1), 3, '0')) AS street_code,
      addr AS address, concat(county, '|', addr) AS address_key,
      concat('P', toString(if(number % 50 = 0, number % 3000, number))) AS legal_rep_id, '某某' AS legal_rep_name, 100 AS reg_capital_wan,
      125.3 + (number % 1000) / 10000 AS lng, 43.8 + (number % 777) / 10000 AS lat, [] AS tags, 'bench' AS import_id
    FROM (SELECT number, ['220102','220103','220104','220105','220106','220112','220113','220122','220182','220183'][number % 10 + 1] AS county,
            if(number % 40 = 0, concat('集群路', toString(number % 20000 / 10), '号'), concat('街道', toString(number), '号')) AS addr
          FROM numbers(${n}))
    SETTINGS max_insert_threads = 2`));
  await db.command(raw(`
    INSERT INTO events
    SELECT concat('B', toString(number)) AS event_id, concat('91', county, leftPad(toString(e), 10, '0')) AS uscc,
      toDate('2024-07-01') + toIntervalDay(number % 730) AS event_date,
      ['complaint','complaint','complaint','change','change','inspection','abnormal_list','penalty','serious_dishonest_list','annual_report'][number % 10 + 1] AS category,
      'general' AS severity, NULL AS end_date, if(number % 10 = 5, ['pass','problem','unreachable'][number % 3 + 1], '') AS result, 'bench' AS source, NULL AS amount_yuan,
      if(number % 10 IN (3, 4), ['法定代表人','住所','名称','经营范围'][number % 4 + 1], '') AS detail, 'bench' AS import_id
    FROM (SELECT number, if(number % 97 = 0, number % 2000, cityHash64(number, 1) % ${n}) AS e,
            ['220102','220103','220104','220105','220106','220112','220113','220122','220182','220183'][e % 10 + 1] AS county FROM numbers(${n * 6}))
    SETTINGS max_insert_threads = 2`));
}

async function main() {
  const argv = process.argv.slice(2);
  const flag = (k: string) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : undefined; };
  const month = flag('month') ?? '2026-06';
  const synthetic = flag('synthetic');
  const dataDir = flag('data-dir') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xy-bench-w-'));
  const { getDb, closeDb } = await import('../server/db/client');
  const db = await getDb({ dataDir });
  if (synthetic) {
    const t = performance.now();
    await synthesize(db, Number(synthetic));
    console.error(`synthetic ${synthetic} enterprises in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const r = await benchWarnings(db, month);
  console.log(JSON.stringify({ month, ...r }));
  await closeDb();
  if (synthetic && !flag('data-dir')) fs.rmSync(dataDir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main().catch((e) => { console.error(e); process.exit(1); });
