/**
 * 吊销营业执照 when an objection removed the revocation record: the rule is "a license_revoked event on file by the
 * month's end, or status 吊销 with no such event on file", and a record an objection removed is not on file — so an
 * enterprise whose status is 吊销 is still revoked (its status decides), and one whose status is not 吊销 is not.
 * The month-independent closures table read the uncorrected events, saw the removed record, and so let neither the
 * event nor the status decide: the 吊销 enterprise was not revoked.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { freshDb, ent, ev, id, results } from './classify-fixtures';

const MONTH = '2025-06';
let db: Db;
const U = { removedRevoked: id(), keptRevoked: id(), removedActive: id(), plain: id() };

before(async () => {
  db = await freshDb();
  await db.insert('enterprises', [
    ent(U.removedRevoked, { status: '吊销' }), ent(U.keptRevoked, { status: '吊销' }), ent(U.removedActive), ent(U.plain),
  ]);
  await db.insert('events', [
    ev(U.removedRevoked, '2025-02-01', 'license_revoked', { event_id: 'REV-RM' }),
    ev(U.keptRevoked, '2025-02-01', 'license_revoked', { event_id: 'REV-KEEP' }),
    ev(U.removedActive, '2025-02-01', 'license_revoked', { event_id: 'REV-RM2' }),
    ev(U.plain, '2025-02-01', 'complaint', { event_id: 'CMP-P' }),
  ]);
  await db.insert('event_corrections', ['REV-RM', 'REV-RM2'].map((eventId, k) => ({
    correction_id: `x${k}`, objection_id: `o${k}`, event_id: eventId, uscc: k === 0 ? U.removedRevoked : U.removedActive, action: 'remove',
    severity: null, amount_yuan: null, end_date: null, detail: null, note: '', actor: 'test', ts: '2025-05-01 00:00:00.000',
  })));
  await classifyMonth(db, MONTH, 'general');
});

after(async () => { await closeDb(); });

test('status 吊销 decides when the revocation record was removed by an objection; the record alone no longer does', async () => {
  const r = await results(db, MONTH, 'general');
  const revoked = (u: string) => r.get(u)?.hard_rule === 'license_revoked';
  assert.equal(r.get(U.keptRevoked)?.class, 'D');
  assert.ok(revoked(U.keptRevoked), 'the control: record and status');
  assert.equal(r.get(U.removedRevoked)?.class, 'D', JSON.stringify(r.get(U.removedRevoked)));
  assert.ok(revoked(U.removedRevoked), 'status 吊销, the record removed: revoked by its status');
  assert.ok(!revoked(U.removedActive), 'status 存续, the record removed: not revoked');
  assert.ok(!revoked(U.plain));
});
