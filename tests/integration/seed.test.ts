import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb } from '../../server/db/client';
import { trusted } from '../../server/db/sql';
import { dispatch } from '../../server/cli/dispatch';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-seedint-'));
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

async function runCli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await dispatch(argv, {
    out: (t) => out.push(t), err: (t) => err.push(t), progress: () => {}, stdin: '', actor: 'test',
    db: () => getDb({ dataDir }),
  });
  return { code, out, err };
}

const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length - 1;

test('seed 2,000 enterprises × 12 months through the real import: every row accepted, counts match the files', async () => {
  const r = await runCli(['seed', '--enterprises', '2000', '--months', '12', '--seed', '3', '--end-month', '2024-12', '--json']);
  assert.equal(r.code, 0, r.err.join('\n'));
  assert.equal(r.out.length, 1);
  const s = JSON.parse(r.out[0]!) as { outDir: string; enterprises: number; roles: number; events: number; import: { files: Record<string, { accepted: number; rejected: number }> } };
  assert.equal(s.outDir, path.join(dataDir, 'seed-out'));
  assert.equal(s.enterprises, 2000);
  assert.equal(lines(path.join(s.outDir, 'events.csv')), s.events);
  assert.deepEqual(s.import.files['enterprises.csv'], { accepted: 2000, rejected: 0 });
  assert.deepEqual(s.import.files['roles.csv'], { accepted: s.roles, rejected: 0 });
  assert.deepEqual(s.import.files['events.csv'], { accepted: s.events, rejected: 0 });
  assert.equal(s.import.files['truth.csv'], undefined, 'the ground truth is not imported');

  const db = await getDb({ dataDir });
  const n = async (q: string) => Number((await db.one<{ n: number }>(trusted(q)))?.n);
  assert.equal(await n('SELECT toUInt32(count()) AS n FROM enterprises'), 2000);
  assert.equal(await n('SELECT toUInt32(count()) AS n FROM events'), s.events);
  assert.equal(await n('SELECT toUInt32(count()) AS n FROM roles'), s.roles);
  // Region codes resolved to prefectures of 吉林; the capital 长春 holds the largest share.
  assert.equal(await n("SELECT toUInt32(countIf(prefecture_code = '' OR province_code != '220000')) AS n FROM enterprises"), 0);
  const top = await db.one<{ p: string }>(trusted('SELECT prefecture_code AS p FROM enterprises GROUP BY p ORDER BY count() DESC LIMIT 1'));
  assert.equal(top?.p, '220100');
  // The events of the last 12 months cover every month of the window.
  assert.equal(await n("SELECT toUInt32(uniqExact(toStartOfMonth(event_date))) AS n FROM events WHERE event_date >= '2024-01-01'"), 12);
});

test('the history before the window is drawn like the window: the year before it has as many records per enterprise', async () => {
  // Window 2024-01 … 2024-12 (seeded above); 2023 is history. Per enterprise registered and not closed by the year's
  // start, each kind of record is about as frequent in both years (the planted risk drifts both ways on average).
  const db = await getDb({ dataDir });
  const rate = async (year: number, category: string) => {
    const r = await db.one<{ n: number; e: number }>(trusted(`SELECT
        (SELECT toUInt32(count()) FROM events WHERE category = '${category}' AND toYear(event_date) = ${year}) AS n,
        (SELECT toUInt32(count()) FROM enterprises WHERE reg_date < toDate('${year}-01-01')) AS e`));
    return Number(r!.n) / Number(r!.e);
  };
  for (const c of ['inspection', 'penalty', 'complaint', 'change', 'license']) {
    const ratio = (await rate(2023, c)) / (await rate(2024, c));
    assert.ok(ratio > 0.75 && ratio < 1.33, `${c}: 2023 / 2024 = ${ratio.toFixed(2)}`);
  }
});

test('--no-import with --out writes the files without opening the engine', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-seedout-'));
  try {
    let opened = false;
    const code = await dispatch(['seed', '--enterprises', '300', '--months', '3', '--end-month', '2024-12', '--no-import', '--out', out], {
      out: () => {}, err: () => {}, progress: () => {}, stdin: '', actor: 'test',
      db: () => { opened = true; return getDb({ dataDir }); },
    });
    assert.equal(code, 0);
    assert.equal(opened, false);
    assert.equal(lines(path.join(out, 'enterprises.csv')), 300);
    assert.equal((await runCli(['seed', '--province', '99', '--no-import', '--out', out])).code, 2);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
