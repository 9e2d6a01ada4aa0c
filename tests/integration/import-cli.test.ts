/** The contract's command line: `import DIR --json`, `rejects --json`, `accept-uscc`, exit statuses. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { makeUscc } from '../../server/domain/uscc';
import { tempDir, writeFolder } from './import-helpers';

const work = tempDir('xy-import-cli-');
after(() => fs.rmSync(work, { recursive: true, force: true }));
const dataDir = path.join(work, 'data');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args, '--data-dir', dataDir], {
    cwd: process.cwd(), encoding: 'utf8', env: { ...process.env, CLICKHOUSE_URL: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const U = makeUscc('91', '220102', '00000201');
const BAD = `${U.slice(0, 17)}${U.endsWith('0') ? '1' : '0'}`;

test('import --json prints the files summary; rejects --json lists file, line, key, reason; accept-uscc takes effect', () => {
  const dir = writeFolder(path.join(work, 'f'), {
    'enterprises.csv': 'uscc,name,entity_type,reg_date,status,industry_code,region_code,address,legal_rep_id\n' +
      `${U},甲,有限责任公司,2010-05-06,存续,F,220102,某地,P1\n${BAD},乙,有限责任公司,2010-05-06,存续,F,220102,某地,P2\n`,
    'events.csv': `event_id,uscc,event_date,category\nE1,${U},2023-01-01,penalty\n`,
  });
  const r = cli('import', dir, '--json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as { files: Record<string, { accepted: number; rejected: number }> };
  assert.deepEqual(doc.files, { 'enterprises.csv': { accepted: 1, rejected: 1 }, 'events.csv': { accepted: 1, rejected: 0 } });

  const rj = cli('rejects', '--json');
  assert.equal(rj.code, 0, rj.err);
  const rejects = JSON.parse(rj.out) as { rejects: Array<{ file: string; line: number; key: string; reason: string }> };
  assert.deepEqual(rejects.rejects.map(({ file, line, key }) => ({ file, line, key })), [{ file: 'enterprises.csv', line: 3, key: BAD }]);
  assert.match(rejects.rejects[0]!.reason, /校验位/);

  const acc = cli('accept-uscc', BAD, '--note', '工商登记原始代码');
  assert.equal(acc.code, 0, acc.err);
  const again = cli('import', dir, '--json');
  assert.equal(again.code, 0, again.err);
  assert.deepEqual((JSON.parse(again.out) as typeof doc).files['enterprises.csv'], { accepted: 2, rejected: 0 });
});

test('exit 1 on an unreadable file (message on stderr, nothing on stdout), 2 on usage errors', () => {
  const dir = writeFolder(path.join(work, 'bad'), { 'events.csv': 'event_id,uscc\nE1,x\n' });
  const r = cli('import', dir, '--json');
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /events\.csv.*缺少必需列 event_date, category/);
  assert.equal(cli('import').code, 2);
  assert.equal(cli('accept-uscc', 'ABC').code, 1);
});

test('--data-dir without a directory is a usage error (exit 2): it neither falls back to the default nor takes the next flag as a directory', () => {
  const fallback = path.join(work, 'fallback');
  const cwd = path.join(work, 'cwd');
  fs.mkdirSync(cwd, { recursive: true });
  const main = path.join(process.cwd(), 'server/cli/main.ts');
  for (const args of [['rejects', '--json', '--data-dir'], ['rejects', '--data-dir', '--json'], ['rejects', '--data-dir=']]) {
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), main, ...args], {
      cwd, encoding: 'utf8', env: { ...process.env, CLICKHOUSE_URL: '', XINYAN_DATA_DIR: fallback },
    });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /--data-dir 需要一个目录/, args.join(' '));
    assert.deepEqual(fs.readdirSync(cwd), [], args.join(' '));
    assert.equal(fs.existsSync(fallback), false, args.join(' '));
  }
});

test('an import file that cannot be read (a dangling link) stops the import with exit 1 and its name, not a stack trace', () => {
  const dir = writeFolder(path.join(work, 'dangling'), {
    'enterprises.csv': 'uscc,name,entity_type,reg_date,status,industry_code,region_code,address,legal_rep_id\n' +
      `${U},甲,有限责任公司,2010-05-06,存续,F,220102,某地,P1\n`,
  });
  fs.symlinkSync(path.join(work, 'no-such-file.csv'), path.join(dir, 'events.csv'));
  fs.symlinkSync(path.join(work, 'no-such-file.txt'), path.join(dir, 'notes.txt')); // not an import file: ignored
  const r = cli('import', dir, '--json');
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /^输入错误: events\.csv 无法读取：ENOENT/);
  assert.doesNotMatch(r.err, /\n\s+at /);
});

test('objections and repair: a malformed USCC is bad input (exit 1, a message), not a stack trace', () => {
  for (const args of [['repair', 'check', '123'], ['repair', 'list', '--uscc', 'abc'], ['objections', 'list', '--uscc', 'abc'],
    ['objections', 'add', '--uscc', '123', '--event', 'E1', '--objector', '甲', '--grounds', '理由']]) {
    const r = cli(...args);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.err.trim(), '输入错误: 统一社会信用代码格式不正确（uscc）', args.join(' '));
  }
});
