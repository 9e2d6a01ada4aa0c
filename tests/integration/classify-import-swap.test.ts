/**
 * A classification reads enterprises, roles and events in several statements; an import that swaps new copies of them
 * in between two of those reads (EXCHANGE TABLES) left a month computed partly from the old data and partly from the
 * new. Now the tables' copies (UUIDs) are compared before and after the reads, and the month's features are built
 * again from the new copy (classifyAll rebuilds its month-independent tables first). Here a real import runs right
 * after a month's features are built: the published results equal those of a run made after the import.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql, p } from '../../server/db/sql';
import { importFolder } from '../../server/import';
import { classifyMonth, classifyAll, monthsWithEvents } from '../../server/classify/run';
import { writeBenchFolder } from '../../bench/import';
import { tempDir } from './import-helpers';

const work = tempDir('xy-classify-swap-');
let db: Db;
let months: string[] = [];

before(async () => {
  db = await getDb({ dataDir: path.join(work, 'data') });
  await writeBenchFolder(path.join(work, 'first'), { enterprises: 600, events: 3000, seed: 11 });
  await writeBenchFolder(path.join(work, 'second'), { enterprises: 900, events: 6000, seed: 12 });
  await writeBenchFolder(path.join(work, 'third'), { enterprises: 1200, events: 9000, seed: 13 });
  await importFolder(db, path.join(work, 'first'), { actor: 'test' });
  months = await monthsWithEvents(db);
  assert.ok(months.length >= 2, months.join());
});
after(async () => { await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });

/** The month's published results of a model, as one fingerprint (enterprises, scores, classes, reasons). */
async function fingerprint(month: string, model: string): Promise<string> {
  const r = await db.one<{ n: number; h: string }>(sql`SELECT toUInt32(count()) AS n, toString(sum(cityHash64(uscc, score, class, toString(reasons)))) AS h
    FROM class_results WHERE month = ${p.date(`${month}-01`)} AND model_id = ${p.str(model)}`);
  return `${r?.n}:${r?.h}`;
}

test('an import swapping the tables in while a month is classified: the month is computed again from the new data', async () => {
  const month = months.at(-1)!;
  const seen: string[] = [];
  let imported = false;
  const summary = await classifyMonth(db, month, undefined, {
    progress: (text) => seen.push(text),
    afterFeatures: async () => {
      if (imported) return;
      imported = true;
      await importFolder(db, path.join(work, 'second'), { actor: 'test' });
    },
  });
  assert.ok(imported);
  assert.ok(seen.some((t) => t.includes('重新计算特征')), seen.join(' | '));
  const during = { general: await fingerprint(month, 'general'), effective: await fingerprint(month, 'effective') };
  const n = summary.models.find((m) => m.modelId === 'general')!.enterprises;
  // A run made after the import gives the same results.
  await classifyMonth(db, month);
  assert.deepEqual(during, { general: await fingerprint(month, 'general'), effective: await fingerprint(month, 'effective') });
  const now = await db.one<{ n: number }>(sql`SELECT toUInt32(count()) AS n FROM class_results WHERE month = ${p.date(`${month}-01`)} AND model_id = 'general'`);
  assert.equal(n, Number(now?.n), 'the run reported the enterprises it published');
});

test('classify --all: an import during one month rebuilds the month-independent tables and runs that month again', async () => {
  const target = months.at(-2)!;
  const seen: string[] = [];
  let imported = false;
  await classifyAll(db, {
    since: target,
    progress: (text) => seen.push(text),
    afterFeatures: async (m) => {
      if (imported || m !== target) return;
      imported = true;
      await importFolder(db, path.join(work, 'third'), { actor: 'test' });
    },
  });
  assert.ok(imported);
  assert.ok(seen.some((t) => t.includes(`${target} 计算中数据已被导入替换，重新计算…`)), seen.join(' | '));
  const during = [await fingerprint(target, 'general'), await fingerprint(months.at(-1)!, 'general')];
  await classifyAll(db, { since: target });
  assert.deepEqual(during, [await fingerprint(target, 'general'), await fingerprint(months.at(-1)!, 'general')]);
});

test('warnings: an import swapping the tables in while a month\'s rules run — the month is computed again from the new data', async () => {
  const { runWarnings } = await import('../../server/warnings/engine');
  const month = months.at(-1)!;
  const warned = async () => (await db.one<{ n: number; h: string }>(sql`SELECT toUInt32(count()) AS n,
    toString(sum(cityHash64(id, rule, key, members, severity, evidence))) AS h FROM warnings WHERE month = ${p.date(`${month}-01`)}`))!;
  let attempts = 0;
  const fourth = path.join(work, 'fourth');
  await writeBenchFolder(fourth, { enterprises: 1500, events: 12000, seed: 14 });
  await runWarnings(db, month, {
    afterRules: async (attempt) => {
      attempts = attempt;
      if (attempt === 1) await importFolder(db, fourth, { actor: 'test' });
    },
  });
  assert.equal(attempts, 2, 'computed twice');
  const during = await warned();
  assert.ok(Number(during.n) > 0, 'the month has warnings');
  await runWarnings(db, month);
  assert.deepEqual(await warned(), during);
});
