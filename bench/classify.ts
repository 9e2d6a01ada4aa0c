/**
 * Classification benchmark: one month with the general model (features + general + effective) against a plain
 * scan of the same columns (enterprises, events up to the month end, roles). Aim: ratio ≤ 5.
 *
 * Beside it, a floor: the least any run of this design does — group the window's events by enterprise (one count)
 * and write the month's result rows twice (general and effective; timed as a copy of the published general rows
 * into a fresh table). What lies above the floor is the indicators, the relations and the reasons.
 *
 *   npx tsx bench/classify.ts --data-dir DIR --month YYYY-MM          (an existing data set, e.g. from `seed`)
 *   npx tsx bench/classify.ts --synthetic 2000000 [--month 2024-06] [--rounds 2]   (a throw-away data set generated in SQL)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '../server/db/client';
import { classifyMonth, monthEnd, resultWriteSettings } from '../server/classify/run';
import { enterpriseKey, eventWindow } from '../server/classify/features';

export interface ClassifyBench {
  enterprises: number; classify_s: number; scan_s: number; ratio: number; rounds: number; stages_s: Record<string, number>;
  /** The floor (see above) and its parts, best of the rounds; classify over floor. */
  floor_s: number; floor_events_s: number; floor_write_s: number; floor_vs_scan: number; classify_vs_floor: number;
}

const raw = (text: string, params: Record<string, unknown> = {}) => ({ text, params });

/**
 * The plain scan: every column of enterprises, events (up to the month end) and roles that the run reads, each
 * value touched by a cheap aggregate (max), nothing computed. Scan and classification alternate `rounds` times in
 * one process and the best of each is compared, so a busy machine slows both sides alike.
 */
export async function benchClassify(db: Db, month: string, rounds = 2): Promise<ClassifyBench> {
  const me = monthEnd(month);
  let scan = Infinity;
  let classify = Infinity;
  let enterprises = 0;
  let stages: Record<string, number> = {};
  let floorEvents = Infinity;
  let floorWrite = Infinity;
  const writeSettings = await resultWriteSettings(db);
  for (let k = 0; k < rounds; k++) {
    const t0 = performance.now();
    await db.rows(raw(`
      SELECT (SELECT tuple(max(uscc), max(province_code), max(prefecture_code), max(county_code), max(street_code), max(region_code),
                max(industry_section), max(industry_division), max(industry_code), max(entity_type), max(status), max(reg_date),
                max(address_key), max(legal_rep_id), max(reg_capital_wan), max(lng), max(lat), max(length(tags))) FROM enterprises) AS a,
             (SELECT tuple(max(event_id), max(uscc), max(event_date), max(category), max(severity), max(end_date), max(result), max(source),
                max(amount_yuan), max(detail)) FROM events WHERE event_date <= {me:Date}) AS b,
             (SELECT tuple(max(uscc), max(person_id), max(role)) FROM roles) AS c`, { me }), 'bench.scan');
    scan = Math.min(scan, (performance.now() - t0) / 1000);
    const seen: Record<string, number> = {};
    const command = db.command.bind(db);
    const timed: Db = {
      ...db,
      command: async (q, tag) => {
        const t = performance.now();
        await command(q, tag);
        if (tag) seen[tag] = round((seen[tag] ?? 0) + (performance.now() - t) / 1000);
      },
    };
    const t1 = performance.now();
    const s = await classifyMonth(timed, month, 'general', { actor: 'bench' });
    const c = (performance.now() - t1) / 1000;
    if (c < classify) { classify = c; stages = seen; }
    enterprises = s.models.find((m) => m.modelId === 'general')?.enterprises ?? 0;

    const t2 = performance.now();
    // Grouped by the enterprise key a run uses (features.ts enterpriseKey: the USCC's 64-bit hash).
    await db.rows(raw(`SELECT count() AS enterprises, sum(k) AS events FROM (SELECT ${enterpriseKey(true, 'ev.uscc')} AS ek, count() AS k FROM events AS ev WHERE ${eventWindow('ev')} GROUP BY ek)`, { me }), 'bench.floor');
    floorEvents = Math.min(floorEvents, (performance.now() - t2) / 1000);
    // Written like the run writes its rows (the same insert settings).
    const stage = 'bench_floor_stage';
    await db.command(raw(`DROP TABLE IF EXISTS ${stage}`));
    await db.command(raw(`CREATE TABLE ${stage} AS class_results`));
    try {
      const t3 = performance.now();
      await db.command(raw(`INSERT INTO ${stage} SELECT * FROM class_results WHERE month = {m:Date} AND model_id = 'general'${writeSettings}`,
        { m: `${month}-01` }), 'bench.floor');
      floorWrite = Math.min(floorWrite, (performance.now() - t3) / 1000);
    } finally {
      await db.command(raw(`DROP TABLE IF EXISTS ${stage}`));
    }
  }
  const floor = floorEvents + 2 * floorWrite;
  return {
    enterprises, classify_s: round(classify), scan_s: round(scan), ratio: round(classify / Math.max(scan, 1e-3)), rounds, stages_s: stages,
    floor_s: round(floor), floor_events_s: round(floorEvents), floor_write_s: round(floorWrite),
    floor_vs_scan: round(floor / Math.max(scan, 1e-3)), classify_vs_floor: round(classify / Math.max(floor, 1e-3)),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** A synthetic province in SQL: N enterprises, ~15 events each over 2021–2024, roles for a third of them. */
export async function syntheticData(db: Db, n: number): Promise<void> {
  await db.command(raw(`INSERT INTO enterprises SELECT
      concat('91220', leftPad(toString(number), 13, '0')) AS uscc, concat('企业', toString(number)), ['有限责任公司', '个人独资企业', '股份有限公司'][1 + number % 3],
      toDate('2000-01-01') + (cityHash64(number, 1) % 8800), if(number % 50 = 0, '吊销', if(number % 40 = 1, '注销', '存续')),
      concat(sec, leftPad(toString(10 + cityHash64(number, 3) % 80), 2, '0'), '11'), sec, concat(sec, leftPad(toString(10 + cityHash64(number, 3) % 80), 2, '0')),
      county, '220000', concat(substring(county, 1, 4), '00'), county, concat(county, '001'), '地址', concat('addr', toString(cityHash64(number, 4) % {addr:UInt64})),
      concat('rep', toString(cityHash64(number, 5) % {reps:UInt64})), '', toFloat64(cityHash64(number, 6) % 5000), 125.3, 43.9,
      if(number % 20 = 0, ['食品经营'], if(number % 33 = 0, ['特种设备使用'], [])), 'bench'
    FROM (SELECT number, ['F', 'L', 'M', 'C', 'E', 'I', 'H', 'K'][1 + cityHash64(number, 2) % 8] AS sec,
                 ['220102', '220103', '220104', '220105', '220106', '220112', '220113', '220122', '220182', '220183'][1 + cityHash64(number, 7) % 10] AS county
          FROM numbers({n:UInt64}))`, { n, addr: Math.floor(n / 3), reps: Math.floor(n * 0.8) }));
  await db.command(raw(`INSERT INTO events SELECT
      concat('ev', toString(number)), concat('91220', leftPad(toString(intDiv(number, 15)), 13, '0')),
      toDate('2021-01-01') + (cityHash64(number, 11) % 1460),
      multiIf(h < 250, 'annual_report', h < 400, 'inspection', h < 500, 'complaint', h < 650, 'change', h < 770, 'license', h < 850, 'penalty',
              h < 880, 'equity_pledge', h < 930, 'abnormal_list', h < 950, 'dishonest', h < 970, 'credit_repair', h < 980, 'ip_pledge',
              h < 990, 'serious_dishonest_list', 'license_revoked'),
      if(cityHash64(number, 13) % 10 = 0, 'serious', 'general'), if(cityHash64(number, 14) % 3 = 0, toDate('2021-06-01') + (cityHash64(number, 15) % 1500), NULL),
      ['pass', 'problem', 'unreachable'][1 + cityHash64(number, 16) % 3], '市场监管', toFloat64(cityHash64(number, 17) % 50000),
      ['法定代表人', '住所', '名称', '经营范围', '股东'][1 + cityHash64(number, 18) % 5], 'bench'
    FROM (SELECT number, cityHash64(number, 12) % 1000 AS h FROM numbers({m:UInt64}))`, { m: n * 15 }));
  await db.command(raw(`INSERT INTO roles SELECT concat('91220', leftPad(toString(number * 3), 13, '0')), concat('person', toString(cityHash64(number, 21) % {p:UInt64})), '', '股东', 50, 'bench'
    FROM numbers({k:UInt64})`, { k: Math.floor(n / 3), p: Math.floor(n / 4) }));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => { const k = args.indexOf(`--${name}`); return k >= 0 ? args[k + 1] : undefined; };
  const synthetic = flag('synthetic');
  const dataDir = flag('data-dir') ?? (synthetic ? fs.mkdtempSync(path.join(os.tmpdir(), 'xy-bench-classify-')) : undefined);
  const { getDb, closeDb } = await import('../server/db/client');
  const db = await getDb({ dataDir });
  try {
    if (synthetic) {
      const t = performance.now();
      await syntheticData(db, Number(synthetic));
      process.stderr.write(`synthetic data: ${synthetic} enterprises in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
    const month = flag('month') ?? '2024-06';
    process.stdout.write(`${JSON.stringify(await benchClassify(db, month, Number(flag('rounds') ?? 2)))}\n`);
  } finally {
    await closeDb();
    if (synthetic && dataDir && !flag('data-dir')) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
