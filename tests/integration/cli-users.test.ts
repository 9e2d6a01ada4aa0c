/** `users add NAME --role R [--region CODE]` with the password on stdin (CONTRACT.md): creates, never silently replaces. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { dispatch } from '../../server/cli/dispatch';
import { getUser, verifyPassword } from '../../server/auth/users';
import { tempDir } from './import-helpers';

const work = tempDir('xy-cli-users-');
let db: Db;
before(async () => { db = await getDb({ dataDir: path.join(work, 'data') }); });
after(async () => { await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });

async function users(argv: string[], stdin: string) {
  const out: string[] = [], err: string[] = [];
  const code = await dispatch(['users', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s), progress: () => {}, stdin, db: async () => db, actor: 'test' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('users add on an existing name is refused (exit 1) and the account stays as it was; --force replaces it', async () => {
  const made = await users(['add', 'changchun2', '--role', 'analyst', '--region', '220100'], 'first-password\n');
  assert.equal(made.code, 0, made.err);
  assert.match(made.out, /已创建用户 changchun2/);

  const again = await users(['add', 'changchun2', '--role', 'admin'], 'second-password\n');
  assert.equal(again.code, 1);
  assert.equal(again.out, '');
  assert.match(again.err, /用户 changchun2 已存在（analyst，范围 220100）.*--force/);
  let row = await getUser(db, 'changchun2');
  assert.deepEqual([row?.role, row?.region_code], ['analyst', '220100']);
  assert.equal(await verifyPassword('first-password', row!.password_hash), true);

  const forced = await users(['add', 'changchun2', '--role', 'admin', '--force', '--json'], 'second-password\n');
  assert.equal(forced.code, 0, forced.err);
  assert.deepEqual(JSON.parse(forced.out), { user: 'changchun2', role: 'admin', region: '', replaced: true });
  row = await getUser(db, 'changchun2');
  assert.deepEqual([row?.role, row?.region_code], ['admin', '']);
  assert.equal(await verifyPassword('second-password', row!.password_hash), true);
});
