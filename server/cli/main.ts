/**
 * `npm run cli -- <command>`: runs in this process on the engine, or — when the workbench server
 * holds the data directory — hands the command to the server and relays its output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { engineConfigFromEnv } from '../env';
import { closeDb, getDb } from '../db/client';
import { readOwner } from '../owner';
import { dispatch } from './dispatch';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Takes `--data-dir DIR` off the arguments. A `--data-dir` without a directory is a usage error (null). */
function extractDataDir(argv: string[]): { argv: string[]; dataDir?: string } | null {
  const out: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    let value: string | undefined;
    if (a === '--data-dir') value = argv[++i];
    else if (a.startsWith('--data-dir=')) value = a.slice('--data-dir='.length);
    else { out.push(a); continue; }
    // Without this, `--data-dir` last fell back to ./data, and `--data-dir --json` made a directory named --json.
    if (!value || value.startsWith('--')) return null;
    dataDir = value;
  }
  return { argv: out, dataDir: dataDir ? path.resolve(dataDir) : undefined };
}

async function forward(port: number, token: string, argv: string[], stdin: string): Promise<number> {
  const cwd = process.cwd();
  // Relative paths (import DIR, --out DIR, an existing file) are resolved here, where the user typed them;
  // anything else — SQL text, codes, months — travels as it is.
  const PATH_FLAGS = new Set(['--out', '--file', '--dir']);
  const resolved = argv.map((a, i) => {
    if (i === 0 || a.startsWith('--') || path.isAbsolute(a)) return a;
    const prev = argv[i - 1] ?? '';
    const isPath = PATH_FLAGS.has(prev) || (!prev.startsWith('--') && fs.existsSync(path.resolve(cwd, a)));
    return isPath ? path.resolve(cwd, a) : a;
  });
  const res = await fetch(`http://127.0.0.1:${port}/api/cli`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-xinyan-token': token },
    body: JSON.stringify({ argv: resolved, stdin }),
  });
  if (!res.ok || !res.body) throw new Error(`工作台服务拒绝了命令: HTTP ${res.status} ${await res.text()}`);
  const decoder = new TextDecoder();
  let buf = '';
  let code = 1;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line) continue;
      const msg = JSON.parse(line) as { t: 'out' | 'err' | 'progress' | 'exit'; s?: string; code?: number };
      if (msg.t === 'out') process.stdout.write(msg.s + '\n');
      else if (msg.t === 'err') process.stderr.write(msg.s + '\n');
      else if (msg.t === 'progress') { if (process.stderr.isTTY) process.stderr.write(`\r${msg.s}\x1b[K`); }
      else if (msg.t === 'exit') code = msg.code ?? 1;
    }
  }
  return code;
}

async function main(): Promise<number> {
  const extracted = extractDataDir(process.argv.slice(2));
  if (!extracted) {
    process.stderr.write('用法错误: --data-dir 需要一个目录，例如 --data-dir ./data\n');
    return 2;
  }
  const { argv, dataDir } = extracted;
  const stdin = argv.includes('users') ? await readStdin() : '';
  const config = engineConfigFromEnv({ dataDir });
  if (config.mode === 'embedded') {
    const owner = readOwner(config.dataDir);
    if (owner) {
      try {
        if (process.stderr.isTTY) process.stderr.write(`（工作台服务 pid ${owner.pid} 正在使用 ${config.dataDir}，命令交由它执行）\n`);
        return await forward(owner.port, owner.token, argv, stdin);
      } catch (e) {
        if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') throw e;
      }
    }
  }
  let progressShown = false;
  const code = await dispatch(argv, {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => { if (progressShown) { process.stderr.write('\n'); progressShown = false; } process.stderr.write(s + '\n'); },
    progress: (s) => { if (process.stderr.isTTY) { process.stderr.write(`\r${s}\x1b[K`); progressShown = true; } },
    stdin,
    db: () => getDb({ dataDir }),
    actor: 'cli',
  });
  if (progressShown) process.stderr.write('\n');
  await closeDb();
  return code;
}

main().then((code) => process.exit(code), (e) => { process.stderr.write(`失败: ${(e as Error).message}\n`); process.exit(1); });
