/**
 * 投诉激增 in the first months of complaint data: the baseline is the months since the first complaint on record
 * (not twelve months of which most had no data), and an older enterprise in the data's very first month has no
 * baseline at all. New enterprises are measured as before.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql, p } from '../../server/db/sql';
import { makeUscc } from '../../server/domain/uscc';
import { runWarnings } from '../../server/warnings/engine';
import { loadReferenceData } from '../../server/reference/load';
import { caseEnterprises } from './warning-fixtures';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-cstart-'));
let db: Db;
const [steady, firstMonth, bornInFirst, bornWithComplaints] = Array.from({ length: 4 }, (_, i) => makeUscc('91', '220104', String(70_000_000 + i)));
const events: object[] = [];
const complaint = (uscc: string, date: string) => events.push({ event_id: `CS-${events.length}`, uscc, event_date: date, category: 'complaint', severity: 'general', end_date: null, result: '', source: '12315平台', amount_yuan: null, detail: '投诉', import_id: 't' });

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  await db.insert('enterprises', caseEnterprises([steady!, firstMonth!, bornInFirst!, bornWithComplaints!], { label: '投诉', street: '投诉街', rep: 'X', repName: '某' })
    .map((e, i) => ({ ...e, legal_rep_id: `PC-${i}`, reg_date: ['2018-03-01', '2019-01-01', '2026-05-10', '2026-05-03'][i] })));
  // Complaint data begins in May 2026.
  complaint(steady!, '2026-05-04'); complaint(steady!, '2026-05-20');                       // 2 in May …
  for (const d of ['2026-06-03', '2026-06-11', '2026-06-25']) complaint(steady!, d);        // … 3 in June: its usual level
  for (const d of ['2026-05-02', '2026-05-09', '2026-05-16', '2026-05-23']) complaint(firstMonth!, d); // 4 in the data's first month
  for (const d of ['2026-06-02', '2026-06-09', '2026-06-16', '2026-06-23']) complaint(bornInFirst!, d); // none in May, 4 in June
  for (const d of ['2026-05-12', '2026-05-13', '2026-05-14', '2026-05-15']) complaint(bornWithComplaints!, d);
  await db.insert('events', events);
  await runWarnings(db, '2026-05', { rules: ['complaint-surge'] });
  await runWarnings(db, '2026-06', { rules: ['complaint-surge'] });
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

const surges = async (month: string) => (await db.rows<{ key: string; evidence: string }>(sql`
  SELECT key, evidence FROM warnings WHERE rule = 'complaint-surge' AND month = ${p.date(`${month}-01`)} ORDER BY key`));

test('the data\'s first month: an older enterprise has no baseline; one registered that month is measured as new', async () => {
  assert.deepEqual((await surges('2026-05')).map((w) => w.key), [bornWithComplaints]);
});

test('the next month: the baseline is the one month of data, not twelve', async () => {
  const june = await surges('2026-06');
  assert.deepEqual(june.map((w) => w.key), [bornInFirst], '3 after 2 is no surge; 4 after none (registered in May) is');
  const e = JSON.parse(june[0]!.evidence) as { baseline_months: number };
  assert.equal(e.baseline_months, 1);
});
