/** The bulk enterprise route: Arrow decodes in apache-arrow, CSV has a BOM, Excel opens; leaders/partners refused. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { addUser, issueSession, SESSION_COOKIE } from '../../server/auth/users';
import { flushAudit } from '../../server/auth/audit';
import { classRow } from './class-rows';
import { trusted } from '../../server/db/sql';
import { EXPORT_MAX } from '../../queries/research/exportLimit';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-research-route-'));
process.env.XINYAN_DATA_DIR = dataDir;
let db: Db;
let GET: (req: Request) => Promise<Response>;
const cookies: Record<string, string> = {};
const N = 1500;

before(async () => {
  db = await getDb({ dataDir });
  GET = (await import('../../app/api/research/enterprises/route')).GET;
  const rows: object[] = [];
  for (let i = 0; i < N; i++) {
    const county = i % 2 ? '220102' : '220202';
    const cls = ['A', 'B', 'C', 'D'][i % 4]!;
    rows.push(classRow({
      month: '2026-10-01', model_id: 'general', uscc: `91220000MA${String(i).padStart(8, '0')}`, county_code: county,
      industry_section: 'C', industry_division: 'C13', industry_code: 'C1391', raw_score: i % 1000, score: i % 1000, class: cls,
      reasons: [{ indicator: 'x', name: '=危险公式', value: 1, points: 10 }],
    }));
  }
  await db.insert('class_results', rows);
  await db.insert('regions', [{ code: '220100', name: '长春市', level: 2, parent_code: '220000', province_code: '220000', prefecture_code: '220100', county_code: '' }]);
  for (const [name, role, region] of [['ana', 'analyst', ''], ['cc', 'analyst', '220100'], ['ld', 'leader', ''], ['pt', 'partner', '']] as const) {
    await addUser(db, { name, role, regionCode: region, password: 'pass-word-1' });
    cookies[name] = `${SESSION_COOKIE}=${encodeURIComponent((await issueSession(db, name)).value)}`;
  }
});
after(async () => { await flushAudit(db); await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

const get = (qs: string, who?: string) => GET(new Request(`http://x/api/research/enterprises${qs}`, { headers: who ? { cookie: cookies[who]! } : {} }));

test('no session → 401; leader and partner → 403', async () => {
  assert.equal((await get('?format=csv')).status, 401);
  assert.equal((await get('?format=arrow', 'ld')).status, 403);
  assert.equal((await get('?format=csv', 'pt')).status, 403);
  assert.equal((await get('?sort=password_hash', 'ana')).status, 400);
});

test('Arrow page decodes with apache-arrow, sorted, with the cell total in a header', async () => {
  const res = await get('?m=2026-10&cls=C&cls=D&sort=score&dir=desc&limit=100', 'ana');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('X-Total-Count'), String(N / 2));
  const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  assert.equal(table.numRows, 100);
  const scores = table.getChild('score')!.toArray() as Float64Array;
  for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1]! >= scores[i]!);
  const classes = [...table.getChild('class')!].map(String);
  assert.ok(classes.every((c) => c === 'C' || c === 'D'));
  assert.equal(String(table.getChild('uscc')!.get(0)).length, 18);
});

test('scope applies to the route: a prefecture analyst only gets their prefecture', async () => {
  const res = await get('?m=2026-10&limit=5000', 'cc');
  assert.equal(res.headers.get('X-Total-Count'), String(N / 2));
  const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  assert.ok([...table.getChild('county_code')!].every((c) => String(c) === '220102'));
});

test('CSV export: UTF-8 BOM, Chinese headings, every row, formulas neutralised', async () => {
  const res = await get('?m=2026-10&r=220202&format=csv', 'ana');
  assert.match(res.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = buf.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(lines[0]!.split(',')[0], '统一社会信用代码');
  assert.equal(lines.length - 1, N / 2);
  assert.ok(lines[1]!.includes("'=危险公式"));
});

test('Excel export opens with exceljs and holds the rows', async () => {
  const res = await get('?m=2026-10&cls=D&format=xlsx', 'ana');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const ws = wb.getWorksheet('企业明细')!;
  assert.equal(ws.getCell('A1').value, '统一社会信用代码');
  assert.equal(ws.rowCount - 1, N / 4);
});

test('an export larger than the limit is refused with the count, not cut to its first 200,000 rows', async () => {
  await db.command(trusted(`INSERT INTO class_results (month, model_id, uscc, province_code, prefecture_code, county_code, class, score)
    SELECT toDate('2026-08-01'), 'general', concat('91220000MB', leftPad(toString(number), 8, '0')), '220000', '220100', '220102', 'A', number % 1000
    FROM numbers(${EXPORT_MAX + 1})`));
  const csv = await get('?m=2026-08&format=csv', 'ana');
  assert.equal(csv.status, 413);
  assert.match(((await csv.json()) as { error: string }).error, /200,001 户/);
  assert.equal((await get('?m=2026-08&format=xlsx', 'ana')).status, 413);
  // The page in the browser still loads, with the true total.
  const page = await get('?m=2026-08&limit=10', 'ana');
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('X-Total-Count'), String(EXPORT_MAX + 1));
});
