/** What the commands print when there is nothing to print: an error on stderr, exit 1, nothing on stdout. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { dispatch } from '../../server/cli/dispatch';
import { importFolder } from '../../server/import';
import { loadReferenceData } from '../../server/reference/load';
import { makeUscc } from '../../server/domain/uscc';
import { tempDir, writeFolder } from './import-helpers';

const work = tempDir('xy-cli-output-');
let db: Db;
before(async () => { db = await getDb({ dataDir: path.join(work, 'data') }); await loadReferenceData(db); });
after(async () => { await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await dispatch(argv, { out: (s) => out.push(s), err: (s) => err.push(s), progress: () => {}, stdin: '', db: async () => db, actor: 'test' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('export classes --format csv for a month without results: exit 1 and not even the header on stdout', async () => {
  const r = await cli(['export', 'classes', '--month', '2024-05', '--format', 'csv']);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /2024-05 没有模型 general 的分类结果/);
});

test('rejects --import with an id no import has: exit 1 saying so, not an empty list', async () => {
  const U = makeUscc('91', '220102', '00000301');
  const dir = writeFolder(path.join(work, 'in'), {
    'enterprises.csv': `uscc,name,entity_type,reg_date,status,industry_code,region_code,address,legal_rep_id\n${U},甲,有限责任公司,2010-05-06,存续,F,220102,某地,P1\n${U},甲,有限责任公司,2010-05-06,存续,F,220102,某地,P1\n`,
  });
  const imp = await importFolder(db, dir, { actor: 'test' });
  const known = await cli(['rejects', '--import', imp.importId, '--json']);
  assert.equal(known.code, 0, known.err);
  assert.deepEqual((JSON.parse(known.out) as { rejects: Array<{ line: number }> }).rejects.map((x) => x.line), [3]);
  const unknown = await cli(['rejects', '--import', '20200101000000-abcdef', '--json']);
  assert.equal(unknown.code, 1);
  assert.equal(unknown.out, '');
  assert.match(unknown.err, /没有编号为 20200101000000-abcdef 的导入/);
});
