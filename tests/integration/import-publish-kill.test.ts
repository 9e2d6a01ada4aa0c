/**
 * An import killed while publishing — between two table swaps, or after the last — never leaves a mix of old and
 * new tables: a child process imports a folder and kills itself right after swapping in one table
 * (XINYAN_TEST_KILL_AFTER_EXCHANGE, server/import). Opening the data directory again swaps the new enterprises back
 * out (the data equals the previous import exactly, the import is recorded failed); killed after the last swap, the
 * import was published and is recorded done.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { getDb, closeDb } from '../../server/db/client';
import { importFolder, listImports } from '../../server/import';
import { writeBenchFolder } from '../../bench/import';
import { checksums, runImportChild, tableNames, tempDir } from './import-helpers';
import { engineConfigFromEnv } from '../../server/env';

// On a server several processes share the database: the publication is put back when the next import starts, not
// when a process connects (it could be another process's publication in progress).
const server = engineConfigFromEnv().mode === 'server';

const work = tempDir('xy-import-publish-kill-');
after(async () => { await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });

const runChild = (dataDir: string, folder: string, killAfter?: string, accept?: string) =>
  runImportChild(dataDir, folder, killAfter ? { killWhen: () => false, env: { ...process.env, XINYAN_TEST_KILL_AFTER_EXCHANGE: killAfter }, accept } : { accept });

test('killed between two swaps: the swapped table goes back; killed after the last: the import stands', async () => {
  const dataDir = path.join(work, 'data');
  const first = path.join(work, 'first');
  const second = path.join(work, 'second');
  await writeBenchFolder(first, { enterprises: 400, events: 300, seed: 1 });
  await writeBenchFolder(second, { enterprises: 500, events: 700, seed: 2 });

  const base = await runChild(dataDir, first);
  const reference = base.lines.at(-1)?.checksums;
  assert.ok(reference, 'first import reported its checksums');

  // Killed right after enterprises was swapped in, before events.
  const k1 = await runChild(dataDir, second, 'enterprises');
  assert.equal(k1.code, null, 'the child killed itself');
  assert.ok(k1.lines.some((l) => l.progress === '发布'), 'it reached the publication');

  let db = await getDb({ dataDir });
  // (On a server: the next import — here the first folder again, which changes nothing — puts it back.)
  if (server) await importFolder(db, first, { actor: 'test' });
  assert.deepEqual(await checksums(db), reference, 'enterprises swapped back: data exactly as after the first import');
  const failed = (await listImports(db)).find((i) => i.status === 'failed');
  assert.match(failed?.message ?? '', /发布途中中断.*enterprises.*已换回/);
  assert.deepEqual((await listImports(db)).map((i) => i.status).sort(), server ? ['done', 'done', 'failed'] : ['done', 'failed']);
  await closeDb();

  // Killed after the last swap: the import was whole; it is recorded done and the data is the second folder's, and
  // the codes it accepted with --accept-uscc are recorded as accepted (they were written only after the swaps).
  const acceptCode = '91220102MA0000000X';
  const k2 = await runChild(dataDir, second, 'events', acceptCode);
  assert.equal(k2.code, null);
  // What the two imports give when nothing is killed (in a directory of its own).
  const clean = path.join(work, 'clean');
  await runChild(clean, first);
  const expected = (await runChild(clean, second)).lines.at(-1)?.checksums;
  db = await getDb({ dataDir });
  const published = await checksums(db);
  assert.notDeepEqual(published, reference);
  // (The row hashes differ between directories: rows carry their import's id. The counts are the imports' union.)
  const counts = (c: Record<string, string> | undefined) => Object.fromEntries(Object.entries(c ?? {}).map(([t, v]) => [t, v.split(':')[0]]));
  assert.deepEqual(counts(published), counts(expected), 'the data is that of both imports, whole');
  assert.notEqual(counts(published).events, counts(reference).events);
  if (!server) assert.deepEqual((await listImports(db)).map((i) => i.status).sort(), ['done', 'done', 'failed']);
  // The next import drops the old copies left behind and finds nothing to change.
  await importFolder(db, second, { actor: 'test' });
  assert.deepEqual(await checksums(db), published, 're-importing the same folder changes nothing');
  // (Recorded when the directory was opened; on a server, when this import started.)
  const accepted = await db.rows<{ uscc: string }>({ text: 'SELECT uscc FROM accepted_uscc FINAL ORDER BY uscc', params: {} });
  assert.deepEqual(accepted.map((r) => r.uscc), [acceptCode], 'the published import\'s --accept-uscc code is recorded');
  assert.deepEqual((await listImports(db)).map((i) => i.status).sort(), server ? ['done', 'done', 'done', 'done', 'failed'] : ['done', 'done', 'done', 'failed']);
  assert.deepEqual((await tableNames(db)).filter((n) => n.startsWith('imp_') || n.endsWith('_next')), [], 'leftovers dropped');
});
