/** The engine-side USCC check and date parsing agree with the TypeScript definitions on many inputs. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { p, sql, trusted } from '../../server/db/sql';
import { usccProblem, USCC_ALPHABET } from '../../server/domain/uscc';
import { parseImportDate } from '../../server/import/dates';
import { dateProblemSql, dateValueSql, usccProblemSql } from '../../server/import/sqlparts';
import { tempDir } from './import-helpers';

const work = tempDir('xy-import-sql-');
let db: Db;
before(async () => { db = await getDb({ dataDir: path.join(work, 'data') }); });
after(async () => { await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });

function rng(seed: number) {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

test('USCC: SQL classification equals usccProblem on real, corrupted and random codes', async () => {
  const r = rng(1);
  const codes = ['91350100M000100Y43', '91110000802100433B', '914403001922038216', '91350100M000100Y44', '9135010OM000100Y43', '9135', '', '91350100m000100Y43'];
  const all = USCC_ALPHABET + 'IOSVZ';
  for (let i = 0; i < 3000; i++) {
    let c = '';
    for (let k = 0; k < 18; k++) c += (r() < 0.97 ? USCC_ALPHABET : all)[Math.floor(r() * (r() < 0.97 ? USCC_ALPHABET.length : all.length))];
    codes.push(c);
  }
  const rows = await db.rows<{ c: string; problem: string }>(sql`SELECT c, ${trusted(usccProblemSql('c'))} AS problem FROM (SELECT arrayJoin(${p.strs(codes)}) AS c)`);
  const valid = rows.filter((x) => x.problem === '').length;
  assert.ok(valid > 50 && valid < 300, `about 1 in 31 random codes passes (${valid})`);
  for (const row of rows) assert.equal(row.problem, usccProblem(row.c) ?? '', row.c);
});

test('dates: SQL problem and value equal parseImportDate on a battery of shapes', async () => {
  const inputs = ['2023-03-05', '2023/03/05', '20230305', '2023/3/5', '2023-3-5', '2023-02-29', '2024-02-29', '2100-02-29', '2000-02-29',
    '2023-13-01', '2023-00-01', '2023-04-31', '2023-04-30', '1969-12-31', '1970-01-01', '2149-06-06', '2149-06-07', '1949-09-30', '1949-10-01', '1956/1/15', '2100-12-31', '2101-01-01', '19551231', '2023.03.05',
    '2023-03', '', 'abc', '2023/03-05', '0000-01-01', '99991231', '2023-1-31', '2023/12/31', '2023-02-28'];
  const r = rng(7);
  for (let i = 0; i < 2000; i++) {
    const y = 1940 + Math.floor(r() * 170), m = Math.floor(r() * 14), d = Math.floor(r() * 33);
    const two = (n: number) => String(n).padStart(2, '0');
    inputs.push([`${y}-${two(m)}-${two(d)}`, `${y}/${m}/${d}`, `${y}${two(m)}${two(d)}`][i % 3]!);
  }
  const rows = await db.rows<{ s: string; problem: string; value: string }>(
    sql`SELECT s, ${trusted(dateProblemSql('s'))} AS problem, toString(${trusted(dateValueSql('s'))}) AS value FROM (SELECT arrayJoin(${p.strs(inputs)}) AS s)`);
  let ok = 0;
  for (const row of rows) {
    const ts = parseImportDate(row.s);
    if ('date' in ts) {
      ok++;
      assert.equal(row.problem, 'ok', row.s);
      assert.equal(row.value, ts.date, row.s);
    } else assert.equal(row.problem, ts.problem, row.s);
  }
  assert.ok(ok > 500, `enough valid dates in the battery (${ok})`);
});
