/**
 * `npm run bench [-- --enterprises N --months M --runs R --load-seconds S --load-users U --json]`
 *
 * One run, figures side by side, on its own data directory (bench-data/<N>x<M>, reused when present):
 * seed + import throughput and our import vs a raw engine CSV load; classify one month vs a plain scan;
 * all warning rules for one month; every workbench slice p50/p95 on the engine and through the running
 * server's API; the same slices on DuckDB (the peer) over the same data; Arrow vs JSON for 1,000,000 map
 * points; 50 simulated analysts for 60 s; peak memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { getDb, closeDb, type Db } from '../server/db/client';
import { dispatch } from '../server/cli/dispatch';
import { trusted } from '../server/db/sql';
import { addUser, getUser } from '../server/auth/users';
import { benchImport } from './import';
import { benchClassify } from './classify';
import { readOwner } from '../server/owner';
import { benchWarnings } from './warnings';
import { benchSlicesEngine, benchSlicesApi, sliceCases } from './slices';
import { benchPeer } from './peer';

interface Args { enterprises: number; months: number; runs: number; loadSeconds: number; loadUsers: number; json: boolean; dataDir: string; port: number; skip: Set<string> }

function parse(argv: string[]): Args {
  const get = (n: string) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? argv[i + 1] : undefined; };
  const num = (n: string, d: number) => { const v = get(n); return v === undefined ? d : Number(v); };
  const enterprises = num('enterprises', 2_000_000);
  const months = num('months', 36);
  return {
    enterprises, months, runs: num('runs', 20), loadSeconds: num('load-seconds', 60), loadUsers: num('load-users', 50),
    json: argv.includes('--json'), port: num('port', 3277),
    dataDir: path.resolve(get('data-dir') ?? path.join('bench-data', `${enterprises}x${months}`)),
    skip: new Set((get('skip') ?? '').split(',').filter(Boolean)),
  };
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

async function cli(db: Db, argv: string[], stdin = ''): Promise<string> {
  let out = '';
  const code = await dispatch(argv, { out: (s) => { out += s + '\n'; }, err: (s) => log(s), progress: () => {}, stdin, db: async () => db, actor: 'bench' });
  if (code !== 0) throw new Error(`${argv.join(' ')} → exit ${code}`);
  return out;
}

async function count(db: Db, table: string): Promise<number> {
  return Number((await db.one<{ n: number }>(trusted(`SELECT toUInt64(count()) AS n FROM ${table}`)))?.n ?? 0);
}

function serverRss(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : 0;
  } catch { return 0; }
}

function childPids(pid: number): number[] {
  try {
    const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return kids.flatMap((k) => [k, ...childPids(k)]);
  } catch { return []; }
}

const NEXT_BIN = path.join('node_modules', 'next', 'dist', 'bin', 'next');

async function startServer(a: Args, cache: boolean): Promise<ChildProcess> {
  if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) {
    log('no production build yet: next build …');
    await new Promise<void>((resolve, reject) => {
      const b = spawn(process.execPath, [NEXT_BIN, 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
      b.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
    });
  }
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(a.port), '-H', '127.0.0.1'], {
    env: { ...process.env, XINYAN_DATA_DIR: a.dataDir, PORT: String(a.port), XINYAN_QUERY_CACHE: cache ? '1' : '0' }, stdio: ['ignore', 'ignore', 'inherit'], detached: true,
  });
  for (let i = 0; i < 600; i++) {
    try { const r = await fetch(`http://127.0.0.1:${a.port}/api/trpc/system.health`); if (r.ok) return child; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

async function signIn(base: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', body: new URLSearchParams({ name, password, next: '/' }), redirect: 'manual' });
  const set = res.headers.get('set-cookie') ?? '';
  const m = /xy_session=([^;]+)/.exec(set);
  if (!m) throw new Error('bench sign-in failed');
  return `xy_session=${m[1]}`;
}

/** `users` simulated analysts, each looping over random slices through the API for `seconds`. */
async function load(base: string, cookie: string, month: string, users: number, seconds: number) {
  const cases = Object.values(sliceCases(month));
  const lat: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  let seed = 12345;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  await Promise.all(Array.from({ length: users }, async () => {
    while (Date.now() < until) {
      const c = cases[Math.floor(rnd() * cases.length)]!;
      const url = `${base}/api/trpc/research.${c.procedure}?input=${encodeURIComponent(JSON.stringify({ json: c.input }))}`;
      const t = performance.now();
      try {
        const res = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (!res.ok) errors++;
      } catch { errors++; }
      lat.push(performance.now() - t);
    }
  }));
  lat.sort((x, y) => x - y);
  const at = (q: number) => lat[Math.min(lat.length - 1, Math.max(0, Math.ceil(q * lat.length) - 1))] ?? NaN;
  return { users, seconds, requests: lat.length, rps: r1(lat.length / seconds), p50_ms: r1(at(0.5)), p95_ms: r1(at(0.95)), errors };
}

async function main() {
  const a = parse(process.argv.slice(2));
  // Slices are measured without the result cache (queries/cache.ts), in this process and in the server: the figures
  // are the engine's work. The load runs twice, without and with the cache.
  process.env.XINYAN_QUERY_CACHE = '0';
  fs.mkdirSync(a.dataDir, { recursive: true });
  log(`data dir ${a.dataDir} (${a.enterprises} enterprises × ${a.months} months)`);
  const owner = readOwner(a.dataDir);
  if (owner) {
    process.stderr.write(`数据目录 ${a.dataDir} 正被运行中的工作台占用（pid ${owner.pid}，端口 ${owner.port}）：先停止它再运行基准测试。\n`);
    process.exit(1);
  }
  const db = await getDb({ dataDir: a.dataDir });
  const seedOut = path.join(a.dataDir, 'seed-out');
  const result: Record<string, unknown> = { enterprises: a.enterprises, months: a.months, machine: `${(await import('node:os')).cpus().length} cores, ${Math.round((await import('node:os')).totalmem() / 2 ** 30)} GiB` };

  // 1. Seed (generation + the real import) — only when the data set is not there yet.
  if ((await count(db, 'enterprises')) !== a.enterprises) {
    log('seeding …');
    const t = performance.now();
    await cli(db, ['seed', '--enterprises', String(a.enterprises), '--months', String(a.months), '--seed', '1', '--end-month', '2026-10', '--out', seedOut]);
    const s = (performance.now() - t) / 1000;
    const rows = (await count(db, 'enterprises')) + (await count(db, 'events')) + (await count(db, 'roles'));
    result.seed_s = r1(s);
    result.seed_rows_per_s = Math.round(rows / s);
  } else log('reusing seeded data');
  const rows = { enterprises: await count(db, 'enterprises'), events: await count(db, 'events'), roles: await count(db, 'roles') };
  result.rows = rows;

  // 2. Import vs raw engine load of the same files (a re-import of unchanged data: the replace path).
  if (!a.skip.has('import') && fs.existsSync(seedOut)) {
    log('import vs raw …');
    const imp = await benchImport(db, seedOut);
    result.import_rows_per_s = imp.ours_rows_per_s;
    result.raw_insert_rows_per_s = imp.raw_rows_per_s;
    result.import_vs_raw_ratio = imp.ratio; // raw = a load into a table sorted/partitioned like ours (see bench/import.ts)
    result.raw_unsorted_rows_per_s = imp.raw_unsorted_rows_per_s;
    result.import_vs_raw_unsorted_ratio = imp.ratio_unsorted;
  }

  // 3. Classification: all months once (needed by the slices), then one month timed against a plain scan.
  const month = '2026-10';
  const have = Number((await db.one<{ n: number }>(trusted(`SELECT toUInt32(uniqExact(month)) AS n FROM class_results WHERE model_id = 'general'`)))?.n ?? 0);
  if (have < Math.min(a.months, 13)) {
    log('classifying the last 13 months …');
    await cli(db, ['classify', '--all', '--since', '2025-10']);
  }
  if (!a.skip.has('classify')) {
    log('classify one month …');
    const c = await benchClassify(db, month);
    result.classify_month_s = c.classify_s;
    result.classify_scan_s = c.scan_s;
    result.classify_vs_scan_ratio = c.ratio;
    result.classify_floor_s = c.floor_s;
    result.classify_floor_vs_scan = c.floor_vs_scan;
    result.classify_vs_floor = c.classify_vs_floor;
    result.classify_stages_s = c.stages_s;
  }

  // 4. Warnings, all rules, one month.
  if (!a.skip.has('warnings')) {
    log('warnings …');
    const w = await benchWarnings(db, month);
    result.warnings_s = w.seconds;
    result.warnings = w.warnings;
  }

  // 5. Slices on the engine alone.
  log('slices (engine) …');
  const engine = await benchSlicesEngine(db, month, a.runs);

  // 6. Arrow vs JSON map points.
  if (!a.skip.has('points')) {
    try {
      // bench/points.ts belongs to the map work; the run goes on without it.
      const pointsModule = './points';
      const { benchPoints } = (await import(pointsModule)) as { benchPoints: (db: Db, n: number) => Promise<{ ratio: number } & Record<string, number>> };
      log('points …');
      const pts = await benchPoints(db, Math.min(1_000_000, rows.enterprises));
      result.points = pts;
      result.arrow_json_bytes_ratio = pts.ratio;
    } catch (e) { log(`points skipped: ${(e as Error).message}`); }
  }

  // 7. The peer: the same slices on DuckDB over the same data (exported once to Parquet by the engine).
  let peer: Record<string, { ours_ms: number; duckdb_ms: number; ratio: number }> = {};
  if (!a.skip.has('peer')) {
    log('peer (DuckDB) …');
    peer = await benchPeer(db, a.dataDir, month, a.runs);
  }

  if (!(await getUser(db, 'bench'))) await addUser(db, { name: 'bench', role: 'admin', regionCode: '', password: 'bench-password' });
  await closeDb();
  const benchRss = process.resourceUsage().maxRSS / 1024;

  // 8. Through the API of the running server, then load.
  log('starting server …');
  let server = await startServer(a, false);
  const base = `http://127.0.0.1:${a.port}`;
  let serverPeak = 0;
  // The server is killed by process group (process.kill), so `s.killed` stays false: its exit shows in exitCode or signalCode.
  const stop = async (s: ChildProcess) => {
    try { process.kill(-s.pid!, 'SIGTERM'); } catch { /* gone */ }
    for (let i = 0; i < 120 && s.exitCode === null && s.signalCode === null; i++) await new Promise((r) => setTimeout(r, 250));
  };
  const sampleServerRss = (s: ChildProcess) => { for (const pid of [s.pid!, ...childPids(s.pid!)]) serverPeak = Math.max(serverPeak, serverRss(pid)); };
  try {
    const cookie = await signIn(base, 'bench', 'bench-password');
    log('slices (API) …');
    const api = await benchSlicesApi(base, cookie, month, a.runs);
    const slices: Record<string, Record<string, number>> = {};
    for (const [k, v] of Object.entries(engine)) slices[k] = { ...v, ...(api[k] ?? {}), api_over_engine_p95: r3((api[k]?.api_p95_ms ?? NaN) / v.engine_p95_ms) };
    result.slices = slices;
    if (!a.skip.has('load') && a.loadSeconds > 0) {
      log(`load: ${a.loadUsers} analysts × ${a.loadSeconds} s …`);
      result.load = await load(base, cookie, month, a.loadUsers, a.loadSeconds);
      sampleServerRss(server);
      log('load again with the result cache on …');
      await stop(server);
      server = await startServer(a, true);
      const cookie2 = await signIn(base, 'bench', 'bench-password');
      result.load_cached = await load(base, cookie2, month, a.loadUsers, a.loadSeconds);
    }
    sampleServerRss(server);
  } finally {
    await stop(server);
  }
  result.peer = peer;
  result.peak_rss_mb = Math.round(Math.max(benchRss, serverPeak));
  result.peak_rss_detail = { bench_process_mb: Math.round(benchRss), server_mb: Math.round(serverPeak) };

  if (a.json) { process.stdout.write(JSON.stringify(result) + '\n'); return; }
  const lines: string[] = [];
  lines.push(`信研 benchmark — ${a.enterprises.toLocaleString()} enterprises × ${a.months} months (${String(result.machine)})`);
  lines.push(`rows: ${JSON.stringify(rows)}`);
  for (const k of ['seed_s', 'seed_rows_per_s', 'import_rows_per_s', 'raw_insert_rows_per_s', 'import_vs_raw_ratio', 'raw_unsorted_rows_per_s', 'import_vs_raw_unsorted_ratio', 'classify_month_s', 'classify_scan_s', 'classify_vs_scan_ratio', 'classify_floor_s', 'classify_floor_vs_scan', 'classify_vs_floor', 'warnings_s', 'warnings', 'arrow_json_bytes_ratio', 'peak_rss_mb']) {
    if (result[k] !== undefined) lines.push(`${k.padEnd(26)} ${String(result[k])}`);
  }
  if (result.classify_stages_s) lines.push(`classify stages (s)        ${JSON.stringify(result.classify_stages_s)}`);
  lines.push('', 'slice'.padEnd(36) + 'engine p50  engine p95  api p50  api p95  api/engine');
  for (const [k, v] of Object.entries(result.slices as Record<string, Record<string, number>>)) {
    lines.push(`${k.padEnd(36)}${String(v.engine_p50_ms).padStart(10)}${String(v.engine_p95_ms).padStart(12)}${String(v.api_p50_ms).padStart(9)}${String(v.api_p95_ms).padStart(9)}${String(v.api_over_engine_p95).padStart(12)}`);
  }
  lines.push('', 'peer'.padEnd(36) + 'ours ms   duckdb ms   duckdb/ours');
  for (const [k, v] of Object.entries(peer)) lines.push(`${k.padEnd(36)}${String(v.ours_ms).padStart(7)}${String(v.duckdb_ms).padStart(12)}${String(v.ratio).padStart(14)}`);
  if (result.load) lines.push('', `load: ${JSON.stringify(result.load)}`);
  if (result.load_cached) lines.push(`load with the result cache: ${JSON.stringify(result.load_cached)}`);
  if (result.points) lines.push(`points: ${JSON.stringify(result.points)}`);
  process.stdout.write(lines.join('\n') + '\n');
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
