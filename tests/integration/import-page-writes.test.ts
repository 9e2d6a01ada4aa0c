/**
 * Events the pages write (双随机 results, the warning desk's inspections, credit repairs) while an import runs are not
 * lost: the import rebuilds `events` as a new copy and swaps it in, and a page write landing in the old table after
 * the copy was swapped out with it. Here page writes are made the moment the import starts publishing (its new copy
 * built): a new result, and a result replaced (deleted and written again, as the plan page does). After the import
 * both stand, once each, beside a page row written before the import.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { getDb, closeDb } from '../../server/db/client';
import { sql, p } from '../../server/db/sql';
import { importFolder } from '../../server/import';
import { withEventWrites } from '../../server/import/pageEvents';
import { writeBenchFolder } from '../../bench/import';
import { tempDir } from './import-helpers';

const work = tempDir('xy-import-page-writes-');
after(async () => { await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });

test('page writes made while an import publishes are in the events it swaps in', async () => {
  const db = await getDb({ dataDir: path.join(work, 'data') });
  const first = path.join(work, 'first');
  const second = path.join(work, 'second');
  await writeBenchFolder(first, { enterprises: 400, events: 300, seed: 1 });
  await writeBenchFolder(second, { enterprises: 500, events: 700, seed: 2 });
  await importFolder(db, first, { actor: 'test' });
  const uscc = (await db.one<{ u: string }>(sql`SELECT min(uscc) AS u FROM enterprises`))!.u;
  const row = (id: string, result: string, source: string) => ({
    event_id: id, uscc, event_date: '2026-11-02', category: 'inspection', severity: 'general', end_date: null, result,
    source: '双随机抽查', amount_yuan: null, detail: 'page write', import_id: source,
  });
  // Written before the import: the copy carries it over as it is.
  await db.insert('events', [row('INSP-BEFORE', 'pass', 'inspections'), row('INSP-REPLACED', 'pass', 'inspections')]);

  const writes: Array<Promise<unknown>> = [];
  await importFolder(db, second, {
    actor: 'test',
    onProgress: (text) => {
      if (text !== '发布') return;
      // The new copy of events is built; the pages write now, as they would from another request.
      writes.push(withEventWrites(async () => {
        await db.insert('events', [row('INSP-DURING', 'problem', 'inspections'), row('WD-DURING', 'unreachable', 'warning-desk')]);
        await db.command(sql`DELETE FROM events WHERE event_id = ${p.str('INSP-REPLACED')}`);
        await db.insert('events', [row('INSP-REPLACED', 'problem', 'inspections')]);
      }));
    },
  });
  await Promise.all(writes);
  assert.equal(writes.length, 1, 'the import reached its publication');
  const rows = await db.rows<{ event_id: string; result: string }>(sql`
    SELECT event_id, result FROM events WHERE import_id IN ('inspections', 'warning-desk') ORDER BY event_id, result`);
  assert.deepEqual(rows.map((r) => [r.event_id, r.result]), [
    ['INSP-BEFORE', 'pass'], ['INSP-DURING', 'problem'], ['INSP-REPLACED', 'problem'], ['WD-DURING', 'unreachable'],
  ]);
  // The imported rows are all there too (the second folder adds to the first).
  const imported = await db.one<{ n: number }>(sql`SELECT toUInt32(count()) AS n FROM events WHERE import_id NOT IN ('inspections', 'warning-desk')`);
  assert.ok(Number(imported?.n) >= 700, String(imported?.n));
});
