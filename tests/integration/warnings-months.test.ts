/** `warnings --all` months: from the first month with events to the current month, whatever a mistyped future date says. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { makeUscc } from '../../server/domain/uscc';
import { monthsWithData } from '../../server/warnings/engine';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-wmonths-'));
let db: Db;
const u = makeUscc('91', '220104', '80000000');
const ev = (id: string, date: string) => ({ event_id: id, uscc: u, event_date: date, category: 'complaint', severity: 'general', end_date: null, result: '', source: 't', amount_yuan: null, detail: '', import_id: 't' });

before(async () => {
  db = await getDb({ dataDir });
  await db.insert('events', [ev('M-1', '2026-04-20'), ev('M-2', '2026-06-03')]);
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('the months from the first with events to the last, gaps included', async () => {
  assert.deepEqual(await monthsWithData(db, new Date('2026-07-15T04:00:00Z')), ['2026-04', '2026-05', '2026-06']);
});

test('an event dated after the current month (2099 for 2019) neither adds future months nor pushes out the real ones', async () => {
  await db.insert('events', [ev('M-3', '2099-01-01')]);
  assert.deepEqual(await monthsWithData(db, new Date('2026-07-15T04:00:00Z')), ['2026-04', '2026-05', '2026-06']);
  // the current month counts once it has begun (China time: 2026-07-01 00:30 is 2026-06-30 16:30 UTC)
  await db.insert('events', [ev('M-4', '2026-07-01')]);
  assert.deepEqual(await monthsWithData(db, new Date('2026-06-30T16:30:00Z')), ['2026-04', '2026-05', '2026-06', '2026-07']);
  assert.deepEqual(await monthsWithData(db, new Date('2026-06-30T15:30:00Z')), ['2026-04', '2026-05', '2026-06']);
});
