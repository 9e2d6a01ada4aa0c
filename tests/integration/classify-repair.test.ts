/**
 * Which records a credit repair repairs (features.ts buildRepairedSet), seen through the county model as of 2025-06
 * (one unrepaired general penalty within 12 months → B, none → A):
 *  - a repair names a record of its own enterprise; a repair naming another enterprise's record leaves that record
 *    unrepaired (and, naming no event of its own enterprise, is a blanket repair of its own records);
 *  - repairs are read with objection corrections applied, like every other event: a removed repair repairs nothing,
 *    a repair whose detail was corrected names the corrected record.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { freshDb, ent, ev, id, results } from './classify-fixtures';

const MONTH = '2025-06';
let db: Db;
const U: Record<string, string> = {};
for (const k of ['own', 'removed', 'changed', 'victim', 'filer', 'idle']) U[k] = id();

const correction = (n: number, eventId: string, uscc: string, action: 'remove' | 'change', detail: string | null = null) => ({
  correction_id: `x${n}`, objection_id: `o${n}`, event_id: eventId, uscc, action, severity: null, amount_yuan: null, end_date: null,
  detail, note: '', actor: 'test', ts: '2025-05-01 00:00:00.000',
});

before(async () => {
  db = await freshDb();
  await db.insert('enterprises', Object.values(U).map((u) => ent(u)));
  await db.insert('events', [
    // A repair of the enterprise's own penalty: repaired (the control).
    ev(U.own!, '2025-01-05', 'penalty', { event_id: 'PEN-OWN' }), ev(U.own!, '2025-03-01', 'credit_repair', { event_id: 'CR-OWN', detail: 'PEN-OWN' }),
    // A repair an objection removed.
    ev(U.removed!, '2025-01-05', 'penalty', { event_id: 'PEN-RM' }), ev(U.removed!, '2025-03-01', 'credit_repair', { event_id: 'CR-RM', detail: 'PEN-RM' }),
    // A repair whose detail an objection corrected to name the enterprise's complaint instead of its penalty.
    ev(U.changed!, '2025-01-05', 'penalty', { event_id: 'PEN-CH' }), ev(U.changed!, '2025-02-01', 'complaint', { event_id: 'CMP-CH' }),
    ev(U.changed!, '2025-03-01', 'credit_repair', { event_id: 'CR-CH', detail: 'PEN-CH' }),
    // Another enterprise's repair naming this one's penalty.
    ev(U.victim!, '2025-01-05', 'penalty', { event_id: 'PEN-V' }),
    ev(U.filer!, '2025-01-05', 'penalty', { event_id: 'PEN-F' }), ev(U.filer!, '2025-03-01', 'credit_repair', { event_id: 'CR-F', detail: 'PEN-V' }),
    // An unrepaired penalty (nothing names it).
    ev(U.idle!, '2025-01-05', 'penalty', { event_id: 'PEN-I' }),
  ]);
  await db.insert('event_corrections', [correction(1, 'CR-RM', U.removed!, 'remove'), correction(2, 'CR-CH', U.changed!, 'change', 'CMP-CH')]);
  await classifyMonth(db, MONTH, 'county-public-credit');
});

after(async () => { await closeDb(); });

const classOf = async (name: string) => (await results(db, MONTH, 'county-public-credit')).get(U[name]!)?.class;

test('a repair of the enterprise\'s own record repairs it', async () => {
  assert.equal(await classOf('own'), 'A');
  assert.equal(await classOf('idle'), 'B');
});

test('a repair an objection removed repairs nothing; one whose detail was corrected repairs the corrected record only', async () => {
  assert.equal(await classOf('removed'), 'B');
  assert.equal(await classOf('changed'), 'B');
});

test("a repair naming another enterprise's record does not repair it; it is a blanket repair of its own enterprise", async () => {
  assert.equal(await classOf('victim'), 'B');
  assert.equal(await classOf('filer'), 'A');
});
