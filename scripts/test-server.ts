/**
 * The unit and integration suite against a ClickHouse server (`npm run test:server`): the product's server path —
 * @clickhouse/client over HTTP, CLICKHOUSE_URL, a database per test file — against a real server.
 *
 * With CLICKHOUSE_URL set, the suite runs against that server. Otherwise this starts one for the run: the embedded
 * engine's library (ClickHouse 26.7) serving its HTTP interface from a process of its own on a free loopback port
 * and a fresh data directory (scripts/chdb-server.py), and removes both afterwards. Exit status: the suite's.
 *
 *   npm run test:server                      (a server of its own)
 *   CLICKHOUSE_URL=http://host:8123 npm run test:server
 *   npm run test:server -- tests/integration/import.test.ts   (some files only)
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The engine's shared library as the chdb package installed it for this platform. */
function libchdb(): string {
  const pkg = `@chdb/lib-${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : ''}`;
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  const lib = path.join(dir, process.platform === 'darwin' ? 'libchdb.dylib' : 'libchdb.so');
  if (!fs.existsSync(lib)) throw new Error(`未找到 chdb 引擎库: ${lib}`);
  return lib;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string, spawnError: () => Error | null): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const e = spawnError();
    if (e) throw new Error(`无法启动测试用 ClickHouse 服务器（需要 python3）：${e.message}`);
    if (child.exitCode !== null) throw new Error(`测试用 ClickHouse 服务器已退出（${child.exitCode}）：${log()}`);
    try {
      const r = await fetch(`${url}/?query=${encodeURIComponent('SELECT version()')}`);
      if (r.ok) { process.stderr.write(`ClickHouse ${(await r.text()).trim()} at ${url}\n`); return; }
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`测试用 ClickHouse 服务器 60 秒内未就绪：${log()}`);
}

/** Starts a server on a fresh directory; `stop` ends it and removes the directory. */
export async function startServer(): Promise<{ url: string; stop(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinyan-chserver-'));
  const port = await freePort();
  let stderr = '';
  // The query opens the listener and then holds the command line — and so the server — open until the process is
  // stopped: one row a second for 30 years (sleepEachRow's per-block cap lifted, one row a block).
  const hold = `SYSTEM START LISTEN HTTP; SELECT sleepEachRow(1) FROM numbers(1000000000)
    SETTINGS max_block_size = 1, function_sleep_max_microseconds_per_block = 0 FORMAT Null`;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = spawn('python3', [path.join(here, 'chdb-server.py'), libchdb(), '--multiquery', `--path=${dir}`,
    `--http_port=${port}`, '--listen_host=127.0.0.1', `--query=${hold}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-4000); });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  let spawnError: Error | null = null;
  child.once('error', (e) => { spawnError = e; });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, () => stderr, () => spawnError);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, stop };
}

async function main(): Promise<number> {
  const files = process.argv.slice(2);
  const given = process.env.CLICKHOUSE_URL?.trim();
  const server = given ? { url: given, stop: () => {} } : await startServer();
  try {
    const tests = files.length ? files : [...glob('tests/unit'), ...glob('tests/integration')];
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...tests], {
      stdio: 'inherit', env: { ...process.env, CLICKHOUSE_URL: server.url, XINYAN_DATABASE_PER_DATA_DIR: '1' },
    });
    return await new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  } finally {
    server.stop();
  }
}

function glob(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => path.join(dir, f));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then((code) => process.exit(code), (e: Error) => { console.error(e.message); process.exit(1); });
}
