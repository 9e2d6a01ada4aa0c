/**
 * Import throughput: our import (`importFolder`) against a raw `INSERT INTO t SELECT * FROM file(path, CSVWithNames)`
 * of the same files into the same engine. Runnable alone:
 *   `npx tsx bench/import.ts [DIR] [--events N] [--enterprises N] [--rounds R]`
 * (without DIR it writes a synthetic province, imports its enterprises untimed, then measures the events file).
 *
 * Two raw baselines, both printed, alternated with our import round by round (best round of each; the machine
 * is shared, so single runs swing by 2×):
 *  - raw unsorted: into a MergeTree with ORDER BY tuple() — the cheapest thing the engine can do with the file;
 *  - raw sorted (the stated baseline, `ratio`): into a MergeTree partitioned and sorted like the table the file
 *    feeds (events: PARTITION BY toYear(event_date) ORDER BY (uscc, event_date, category)). Our import has to
 *    produce exactly that — the table's sort key and partitions are what make the workbench's slices fast, and
 *    sorting 2M rows into yearly partitions is a large share of any load's cost — so the sorted load is the
 *    like-for-like raw figure. Both baselines keep the engine's inferred types (Int64/Date/Nullable(String)):
 *    no checks, no LowCardinality, no derived columns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../server/db/client';
import { trusted } from '../server/db/sql';
import { importFolder } from '../server/import';
import { makeUscc } from '../server/domain/uscc';
import { regionRows } from '../server/reference/load';

const FILES = ['enterprises.csv', 'roles.csv', 'events.csv'] as const;

/** Small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes a synthetic folder (enterprises.csv + events.csv) in the import format, streamed. */
export async function writeBenchFolder(dir: string, opts: { enterprises: number; events: number; seed?: number }): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const rnd = prng(opts.seed ?? 7);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const counties = regionRows().filter((r) => r.level === 3 && r.province_code === '220000').map((r) => r.code);
  const sections = ['F', 'L', 'M', 'E', 'C', 'I', 'H', 'K'];
  const statuses = ['存续', '存续', '存续', '在业', '吊销', '注销'];
  const types = ['有限责任公司', '股份有限公司', '个人独资企业', '合伙企业', '农民专业合作社'];
  const usccs: string[] = [];
  const write = async (file: string, header: string, n: number, row: (i: number) => string) => {
    const ws = fs.createWriteStream(path.join(dir, file));
    ws.write(header + '\n');
    let buf = '';
    for (let i = 0; i < n; i++) {
      buf += row(i) + '\n';
      if (buf.length > 1 << 20) { if (!ws.write(buf)) await new Promise<void>((r) => ws.once('drain', () => r())); buf = ''; }
    }
    ws.write(buf);
    await new Promise<void>((resolve, reject) => ws.end((e?: Error | null) => (e ? reject(e) : resolve())));
  };
  await write('enterprises.csv', 'uscc,name,entity_type,reg_date,status,industry_code,region_code,address,legal_rep_id,legal_rep_name,reg_capital_wan,lng,lat,tags', opts.enterprises, (i) => {
    const county = pick(counties);
    const u = makeUscc('91', county, String(10_000_000 + i).slice(-8));
    usccs.push(u);
    const y = 1990 + Math.floor(rnd() * 34);
    const d = `${y}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    return [u, `吉林省测试${i}贸易有限公司`, pick(types), d, pick(statuses), pick(sections), county, `长春市朝阳区人民大街${1 + (i % 3000)}号`,
      `P${(i * 7919) % 1_000_003}`, '张三', (rnd() * 1000).toFixed(1), (125 + rnd()).toFixed(5), (43 + rnd()).toFixed(5),
      i % 5 === 0 ? '高新技术企业;食品经营' : ''].join(',');
  });
  const cats = ['annual_report', 'inspection', 'penalty', 'change', 'complaint', 'abnormal_list', 'license'];
  await write('events.csv', 'event_id,uscc,event_date,category,severity,end_date,result,source,amount_yuan,detail', opts.events, (i) => {
    const cat = pick(cats);
    const y = 2021 + Math.floor(rnd() * 3);
    const d = `${y}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    return [`E${i}`, pick(usccs), d, cat, rnd() < 0.1 ? 'serious' : 'general', '', cat === 'inspection' ? pick(['pass', 'problem', 'unreachable']) : '',
      '市场监管局', cat === 'penalty' ? String(Math.round(rnd() * 50000)) : '', cat === 'change' ? '住所' : '依法处理'].join(',');
  });
}

async function countLines(file: string): Promise<number> {
  const r = await import('node:readline');
  let n = 0;
  for await (const _ of r.createInterface({ input: fs.createReadStream(file) })) n++;
  return Math.max(0, n - 1);
}

/**
 * The raw baselines' tables for one file: inferred types (what `SELECT * FROM file(…, CSVWithNames)` gives),
 * unsorted (ORDER BY tuple()) and sorted like the table the file feeds (events: the same partitioning and sort
 * key; enterprises: region and industry codes as given, then uscc — the sort key's derived columns are not in
 * the file; roles: the same key).
 */
const SORTED: Record<(typeof FILES)[number], string> = {
  'enterprises.csv': 'ORDER BY (region_code, industry_code, uscc)',
  'roles.csv': 'ORDER BY (person_id, uscc)',
  'events.csv': 'PARTITION BY toYear(event_date) ORDER BY (uscc, event_date, category)',
};

export interface ImportBench {
  rows: number;
  rounds: number;
  /** Our import (best round). */
  ours_rows_per_s: number;
  /** The stated baseline: raw load into a MergeTree sorted like the target table (best round). */
  raw_rows_per_s: number;
  /** Raw load into an unsorted MergeTree (ORDER BY tuple()) (best round). */
  raw_unsorted_rows_per_s: number;
  /** ours / raw sorted. */
  ratio: number;
  /** ours / raw unsorted. */
  ratio_unsorted: number;
  /** Seconds of every round, per measurement. */
  seconds: { ours: number[]; raw_sorted: number[]; raw_unsorted: number[] };
}

/**
 * Measures raw engine CSV loads vs our import on the CSV files of `dir`, alternating them `rounds` times (best
 * round of each is reported: the machine is shared). With `reset`, the tables the folder feeds are emptied
 * before each of our rounds (a first import every time); without it (one round), our import runs on the data
 * as it is — a re-import when `dir` was imported before. Leaves the imported data in `db`.
 */
export async function benchImport(db: Db, dir: string, opts: { rounds?: number; reset?: boolean } = {}): Promise<ImportBench> {
  const rounds = opts.reset ? Math.max(1, opts.rounds ?? 3) : 1;
  const present = FILES.filter((f) => fs.existsSync(path.join(dir, f)));
  let rows = 0;
  for (const f of present) rows += await countLines(path.join(dir, f));
  const seconds = { ours: [] as number[], raw_sorted: [] as number[], raw_unsorted: [] as number[] };
  const rawLoad = async (order: (f: (typeof FILES)[number]) => string): Promise<number> => {
    let ms = 0;
    for (const f of present) {
      const src = `file(${`'${path.join(dir, f).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`}, 'CSVWithNames')`;
      await db.command(trusted('DROP TABLE IF EXISTS bench_raw'));
      await db.command(trusted(`CREATE TABLE bench_raw ENGINE = MergeTree ${order(f)} SETTINGS allow_nullable_key = 1 AS SELECT * FROM ${src} LIMIT 0`));
      const t0 = performance.now();
      await db.command(trusted(`INSERT INTO bench_raw SELECT * FROM ${src}`));
      ms += performance.now() - t0;
      await db.command(trusted('DROP TABLE IF EXISTS bench_raw'));
    }
    return ms / 1000;
  };
  for (let r = 0; r < rounds; r++) {
    seconds.raw_unsorted.push(await rawLoad(() => 'ORDER BY tuple()'));
    seconds.raw_sorted.push(await rawLoad((f) => SORTED[f]));
    if (opts.reset) for (const f of present) await db.command(trusted(`TRUNCATE TABLE ${f.replace('.csv', '')}`));
    const t1 = performance.now();
    await importFolder(db, dir, { actor: 'bench' });
    seconds.ours.push((performance.now() - t1) / 1000);
  }
  const rate = (a: number[]) => rows / Math.min(...a);
  const ours = rate(seconds.ours), rawS = rate(seconds.raw_sorted), rawU = rate(seconds.raw_unsorted);
  const r3 = (x: number) => Number(x.toFixed(3));
  return {
    rows, rounds, ours_rows_per_s: Math.round(ours), raw_rows_per_s: Math.round(rawS), raw_unsorted_rows_per_s: Math.round(rawU),
    ratio: r3(ours / rawS), ratio_unsorted: r3(ours / rawU),
    seconds: { ours: seconds.ours.map(r3), raw_sorted: seconds.raw_sorted.map(r3), raw_unsorted: seconds.raw_unsorted.map(r3) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Alone: `npx tsx bench/import.ts [DIR]`. Without DIR, writes a synthetic province; its enterprises are imported
  // first (not timed), then the events file is measured — the 1–2M-row case of a monthly import.
  const args = process.argv.slice(2);
  const flag = (name: string, dflt: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const given = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
  const { getDb, closeDb } = await import('../server/db/client');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xinyan-bench-import-'));
  try {
    const db = await getDb({ dataDir: path.join(work, 'data') });
    let dir: string;
    if (given) dir = path.resolve(given);
    else {
      const all = path.join(work, 'folder');
      const enterprises = flag('enterprises', 200_000);
      const events = flag('events', 2_000_000);
      process.stderr.write(`writing ${enterprises} enterprises + ${events} events to ${all}\n`);
      await writeBenchFolder(all, { enterprises, events });
      const base = path.join(work, 'base');
      dir = path.join(work, 'events');
      fs.mkdirSync(base);
      fs.mkdirSync(dir);
      fs.renameSync(path.join(all, 'enterprises.csv'), path.join(base, 'enterprises.csv'));
      fs.renameSync(path.join(all, 'events.csv'), path.join(dir, 'events.csv'));
      await importFolder(db, base, { actor: 'bench' });
    }
    const r = await benchImport(db, dir, { rounds: flag('rounds', 3), reset: true });
    process.stdout.write(JSON.stringify(r) + '\n');
    await closeDb();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
