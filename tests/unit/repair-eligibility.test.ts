import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonthsDay, repairEligibility, type RepairRecord, type LaterEvent } from '../../server/repair/eligibility';

const plain = { tags: [] as string[], industry_code: 'I6510' };
const pen = (o: Partial<RepairRecord> = {}): RepairRecord => ({
  event_id: 'P1', category: 'penalty', severity: 'general', event_date: '2025-01-10', end_date: null, source: '市场监管局', detail: '罚款', amount_yuan: 20000, ...o,
});

test('month arithmetic clamps to the month end', () => {
  assert.equal(addMonthsDay('2025-08-31', 6), '2026-02-28');
  assert.equal(addMonthsDay('2025-01-10', 12), '2026-01-10');
  assert.equal(addMonthsDay('2024-02-29', 12), '2025-02-28');
});

test('a penalty: 5 months after publication not yet, 6 months eligible', () => {
  const five = repairEligibility(pen(), plain, [], '2025-06-10');
  assert.equal(five.status, 'not_yet');
  assert.equal(five.eligibleFrom, '2025-07-10');
  assert.match(five.reason, /6个月/);
  const dayBefore = repairEligibility(pen(), plain, [], '2025-07-09');
  assert.equal(dayBefore.status, 'not_yet');
  const six = repairEligibility(pen(), plain, [], '2025-07-10');
  assert.equal(six.status, 'eligible');
  assert.equal(six.rule, 'penalty_period');
});

test('food: 11 months not yet, 12 months eligible (by the penalty source, a tag, or the industry)', () => {
  const food = pen({ source: '食品安全监督管理科' });
  const eleven = repairEligibility(food, plain, [], '2025-12-10');
  assert.equal(eleven.status, 'not_yet');
  assert.equal(eleven.keyArea, '食品');
  assert.equal(eleven.eligibleFrom, '2026-01-10');
  assert.equal(repairEligibility(food, plain, [], '2026-01-10').status, 'eligible');
  // same penalty, no food source, but the enterprise is tagged 食品生产 → also 12 months
  assert.equal(repairEligibility(pen(), { tags: ['食品生产'], industry_code: 'I6510' }, [], '2025-12-10').status, 'not_yet');
  // by industry: C14 food manufacturing; drugs C27; special equipment by detail
  assert.equal(repairEligibility(pen(), { tags: [], industry_code: 'C1431' }, [], '2025-12-10').keyArea, '食品');
  assert.equal(repairEligibility(pen(), { tags: [], industry_code: 'C2710' }, [], '2025-12-10').keyArea, '药品');
  const se = repairEligibility(pen({ detail: '未按规定使用特种设备' }), plain, [], '2025-12-10');
  assert.equal(se.status, 'not_yet');
  assert.equal(se.keyArea, '特种设备');
});

test('a warning is not repaired', () => {
  const w = repairEligibility(pen({ detail: '警告', amount_yuan: null }), plain, [], '2027-01-01');
  assert.equal(w.status, 'not_repairable');
  assert.equal(w.rule, 'warning');
  assert.equal(repairEligibility(pen({ detail: '通报批评', amount_yuan: 0 }), plain, [], '2027-01-01').rule, 'warning');
  // a warning together with a large fine is an ordinary penalty
  assert.equal(repairEligibility(pen({ detail: '警告并处罚款', amount_yuan: 50000 }), plain, [], '2027-01-01').status, 'eligible');
});

test('a small fine (≤ 1,000 元) is not repaired; 1,001 元 is', () => {
  const s = repairEligibility(pen({ amount_yuan: 1000 }), plain, [], '2027-01-01');
  assert.equal(s.status, 'not_repairable');
  assert.equal(s.rule, 'small_fine');
  assert.equal(repairEligibility(pen({ amount_yuan: 1001 }), plain, [], '2027-01-01').status, 'eligible');
});

test('an abnormal listing is repaired by curing its ground', () => {
  const abn: RepairRecord = { event_id: 'A1', category: 'abnormal_list', severity: 'general', event_date: '2025-07-01', end_date: null, source: '', detail: '未按规定报送年度报告', amount_yuan: null };
  const notCured = repairEligibility(abn, plain, [], '2025-09-01');
  assert.equal(notCured.status, 'needs_cure');
  const report: LaterEvent = { event_id: 'R1', category: 'annual_report', event_date: '2025-08-15', result: '', detail: '' };
  const cured = repairEligibility(abn, plain, [report], '2025-09-01');
  assert.equal(cured.status, 'eligible');
  assert.equal(cured.rule, 'abnormal_cured');
  assert.match(cured.reason, /2025-08-15/);
  // a report filed before the listing does not cure it
  assert.equal(repairEligibility(abn, plain, [{ ...report, event_date: '2025-05-01' }], '2025-09-01').status, 'needs_cure');
  // removed from the list = cured and repaired
  const removed = repairEligibility({ ...abn, end_date: '2025-08-20' }, plain, [], '2025-09-01');
  assert.equal(removed.status, 'repaired');
  assert.equal(removed.repairedOn, '2025-08-20');
  // unreachable at the address: cured by an address change
  const unreach = { ...abn, detail: '通过登记的住所无法联系' };
  assert.equal(repairEligibility(unreach, plain, [{ event_id: 'C1', category: 'change', event_date: '2025-08-01', result: '', detail: '住所' }], '2025-09-01').status, 'eligible');
  assert.equal(repairEligibility(unreach, plain, [report], '2025-09-01').status, 'needs_cure');
});

test('records named by a credit_repair event (imported or registered) are already repaired', () => {
  const r = repairEligibility(pen(), plain, [{ event_id: 'CR1', category: 'credit_repair', event_date: '2025-08-01', result: '', detail: 'P1' }], '2025-09-01');
  assert.equal(r.status, 'repaired');
  assert.equal(r.repairedOn, '2025-08-01');
  // a repair dated after asOf does not count yet
  assert.equal(repairEligibility(pen(), plain, [{ event_id: 'CR1', category: 'credit_repair', event_date: '2025-10-01', result: '', detail: 'P1' }], '2025-09-01').status, 'eligible');
});

test('licence revoked is not repairable; serious list after 1 year; inspections are not credit records', () => {
  assert.equal(repairEligibility(pen({ category: 'license_revoked' }), plain, [], '2027-01-01').status, 'not_repairable');
  const sl = pen({ category: 'serious_dishonest_list', amount_yuan: null });
  assert.equal(repairEligibility(sl, plain, [], '2025-12-31').status, 'not_yet');
  assert.equal(repairEligibility(sl, plain, [], '2026-01-10').status, 'eligible');
  assert.equal(repairEligibility(pen({ category: 'inspection' }), plain, [], '2027-01-01').status, 'not_applicable');
});
