/** The command line refuses flags a command does not take; what a command takes is what its usage names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { acceptedFlags, dispatch } from '../../server/cli/dispatch';
import { commands } from '../../server/cli/registry';

function run(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  let opened = false;
  const code = dispatch(argv, {
    out: (s) => out.push(s), err: (s) => err.push(s), progress: () => {}, stdin: '', actor: 'test',
    db: async () => { opened = true; throw new Error('the engine must not be opened'); },
  });
  return code.then((c) => ({ code: c, out: out.join('\n'), err: err.join('\n'), opened }));
}

test('a misspelt or foreign flag is a usage error (exit 2) naming it, before the command runs', async () => {
  for (const argv of [
    ['rejects', '--jsno'],
    ['classify', '--month', '2024-05', '--modle', 'county-public-credit'],
    ['export', 'classes', '--month', '2024-05', '--fromat', 'csv'],
    ['import', '/nonexistent', '--accept', 'X'],
    ['models', '--all'],
  ]) {
    const r = await run(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.opened, false, argv.join(' '));
    assert.equal(r.out, '', argv.join(' '));
    const bad = argv.find((a) => a.startsWith('--') && !['--month', '--format'].includes(a))!;
    assert.match(r.err, new RegExp(`没有参数 ${bad}`), argv.join(' '));
    assert.match(r.err, new RegExp(`用法: npm run cli -- ${argv[0]}`), argv.join(' '));
  }
});

test('--json is one JSON document for cluster-ddl too; warnings cannot take both --json and --format jsonl', async () => {
  const ddl = await run(['cluster-ddl', '--cluster', 'prov', '--json']);
  assert.equal(ddl.code, 0, ddl.err);
  const doc = JSON.parse(ddl.out) as { cluster: string; statements: string[] };
  assert.equal(doc.cluster, 'prov');
  assert.ok(doc.statements.some((x) => /CREATE TABLE IF NOT EXISTS events_local ON CLUSTER 'prov'/.test(x)), 'the events table on the cluster');
  assert.equal(doc.statements.join('\n'), (await run(['cluster-ddl', '--cluster', 'prov'])).out);
  const both = await run(['warnings', '--month', '2024-05', '--format', 'jsonl', '--json']);
  assert.equal(both.code, 2);
  assert.equal(both.opened, false);
  assert.match(both.err, /二者只能选一个/);
});

test('--help: the command\'s own usage on stdout, exit 0; no command with flags is a usage error', async () => {
  const own = await run(['objections', '--help']);
  assert.equal(own.code, 0);
  assert.match(own.out, /^用法: npm run cli -- objections \[list\]/);
  assert.match(own.out, /objections add --uscc U/);
  assert.equal((await run(['help', 'import'])).out.split('\n')[0], `用法: npm run cli -- ${commands.import!.usage}`);
  assert.equal((await run(['--help'])).code, 0);
  assert.equal((await run([])).code, 0);
  const bare = await run(['--json']);
  assert.equal(bare.code, 2);
  assert.equal(bare.out, '');
});

test('every flag a command reads is named in its usage (else the flag check would refuse it)', () => {
  const dir = path.join(process.cwd(), 'server/cli/commands');
  for (const [name, cmd] of Object.entries(commands)) {
    const src = fs.readFileSync(path.join(dir, `${name}.ts`), 'utf8');
    const read = new Set<string>();
    for (const m of src.matchAll(/flag(?:String|Int|Month)\(\s*[\w.]+\s*(?:,\s*'([a-z0-9-]+)')?/g)) read.add(m[1] ?? 'month');
    for (const m of src.matchAll(/flags(?:\.([a-z]+)|\['([a-z0-9-]+)'\])/g)) read.add(m[1] ?? m[2]!);
    const accepted = acceptedFlags(cmd);
    assert.deepEqual([...read].filter((f) => !accepted.has(f)), [], `${name}: flags read but not in its usage`);
  }
});
