/**
 * A killed import leaves the previous data intact: a child process imports a large folder and is SIGKILLed
 * mid-way (once while the engine loads the file, once while rows are checked and `<table>_next` is filled); the data then
 * equals the previous import exactly, and the next import clears the leftovers.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { getDb, closeDb } from '../../server/db/client';
import { importFolder, listImports } from '../../server/import';
import { writeBenchFolder } from '../../bench/import';
import { checksums, runImportChild, tableNames, tempDir } from './import-helpers';

const work = tempDir('xy-import-kill-');
after(async () => { await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });

/** Runs the child; kills it with SIGKILL when `killWhen` matches a progress line. */
const runChild = (dataDir: string, folder: string, killWhen?: RegExp) =>
  runImportChild(dataDir, folder, { killWhen: killWhen && ((line) => !!line.progress && killWhen.test(line.progress)) });

test('SIGKILL during load and during publish preparation leaves the previous data', async () => {
  const dataDir = path.join(work, 'data');
  const small = path.join(work, 'small');
  const big = path.join(work, 'big');
  await writeBenchFolder(small, { enterprises: 500, events: 200, seed: 1 });
  await writeBenchFolder(big, { enterprises: 2000, events: 400_000, seed: 2 });

  const first = await runChild(dataDir, small);
  const reference = first.lines.at(-1)?.checksums;
  assert.ok(reference, 'first import reported its checksums');
  assert.match(reference.events!, /^200:/);

  const k1 = await runChild(dataDir, big, /^载入 events\.csv/);
  assert.ok(k1.killed && k1.code === null, 'killed while loading events');
  const k2 = await runChild(dataDir, big, /^检查 events\.csv 的每一行/);
  assert.ok(k2.killed && k2.code === null, 'killed while building events_next');
  assert.ok(k2.lines.some((l) => /enterprises\.csv：接受/.test(l.progress ?? '')), `enterprises_next had been built before the kill: ${JSON.stringify(k2.lines)}`);

  const db = await getDb({ dataDir });
  const leftovers = (await tableNames(db)).filter((n) => n.startsWith('imp_') || n.endsWith('_next'));
  assert.ok(leftovers.length > 0, `the kill left staging tables behind (${leftovers.join(', ')})`);
  assert.deepEqual(await checksums(db), reference, 'data exactly as after the first import');

  const again = await importFolder(db, small, { actor: 'test' });
  assert.deepEqual(again.files, { 'enterprises.csv': { accepted: 500, rejected: 0 }, 'events.csv': { accepted: 200, rejected: 0 } });
  assert.deepEqual(await checksums(db), reference, 're-import of the same folder changes nothing');
  assert.deepEqual((await tableNames(db)).filter((n) => n.startsWith('imp_') || n.endsWith('_next')), [], 'leftovers dropped');
  const statuses = (await listImports(db)).map((i) => i.status);
  assert.deepEqual(statuses.sort(), ['done', 'done', 'failed', 'failed'], 'killed imports recorded as failed');
});
