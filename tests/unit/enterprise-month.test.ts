import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monthView } from '../../components/classify/enterpriseMonth';

const row = (month: string, model_id: string, basis = model_id, score = 0) => ({ month, model_id, basis, score });
const history = [
  row('2026-02', 'effective', 'general', 300), row('2026-02', 'food', 'food', 820), row('2026-02', 'general', 'general', 300),
  row('2026-03', 'effective', 'food', 780), row('2026-03', 'food', 'food', 780), row('2026-03', 'general', 'general', 410),
  row('2026-04', 'effective', 'general', 380), row('2026-04', 'general', 'general', 380),
];

test('the enterprise page shows the month its address asks for: that month\'s headline, deciding model and every model', () => {
  const v = monthView(history, '2026-03');
  assert.equal(v.month, '2026-03');
  assert.equal(v.latest, false);
  assert.equal(v.row!.score, 780);
  assert.equal(v.decider!.model_id, 'food', 'the reasons are those of the model that decided the month');
  assert.deepEqual(v.sameMonth.map((h) => h.model_id), ['effective', 'food', 'general']);
  assert.deepEqual(v.months, ['2026-04', '2026-03', '2026-02']);
});

test('without a month, or with a malformed one, the latest classified month', () => {
  for (const m of [undefined, null, '', '2026-13', 'abc']) {
    const v = monthView(history, m);
    assert.deepEqual([v.month, v.latest, v.missing, v.row!.score, v.decider!.model_id], ['2026-04', true, false, 380, 'general'], String(m));
  }
  assert.deepEqual(monthView(history).series.map((h) => h.month), ['2026-02', '2026-03', '2026-04']);
});

test('a month the enterprise was not classified in is said so, not replaced by another month', () => {
  const v = monthView(history, '2026-06');
  assert.deepEqual([v.month, v.missing, v.row, v.decider, v.sameMonth.length], ['2026-06', true, undefined, undefined, 0]);
});

test('never classified: no month; general only: the general series and rows', () => {
  const none = monthView([], '2026-03');
  assert.deepEqual([none.months, none.missing, none.row], [[], true, undefined]);
  const empty = monthView([]);
  assert.deepEqual([empty.month, empty.missing, empty.row], ['', false, undefined]);
  // A newer month classified by general alone (its effective rows not built yet) is the latest, shown by general.
  const newer = monthView([...history, row('2026-05', 'general', 'general', 390)]);
  assert.deepEqual([newer.month, newer.row!.model_id, newer.row!.score, newer.latest], ['2026-05', 'general', 390, true]);
  const g = monthView([row('2026-01', 'general'), row('2026-02', 'general'), row('2026-02', 'county-public-credit')]);
  assert.deepEqual([g.month, g.row!.model_id, g.decider!.model_id, g.series.length], ['2026-02', 'general', 'general', 2]);
});

test('links from a month\'s lists open the enterprise at that month', async () => {
  const { enterpriseHref } = await import('../../components/classify/enterpriseMonth');
  assert.equal(enterpriseHref('91220102MA00000001', '2026-03'), '/enterprise/91220102MA00000001?month=2026-03');
  assert.equal(enterpriseHref('91220102MA00000001'), '/enterprise/91220102MA00000001');
  assert.equal(enterpriseHref('91220102MA00000001', 'x'), '/enterprise/91220102MA00000001');
});

test('a closed enterprise\'s latest class is said to be an old month\'s, not a current one', async () => {
  const { staleNote, monthView: mv } = await import('../../components/classify/enterpriseMonth');
  const v = mv(history);
  assert.match(staleNote(v, '2026-10', '注销')!, /2026-04.*注销，其后不再分类.*2026-10/);
  assert.match(staleNote(v, '2026-10', '存续')!, /其后各月（至 2026-10）没有本企业的分类结果/);
  assert.equal(staleNote(v, '2026-04', '注销'), null, 'classified in the latest month');
  assert.equal(staleNote(mv(history, '2026-03'), '2026-10', '注销'), null, 'an earlier month chosen on purpose');
});

test('an enterprise never classified: registered after the latest classified month, or closed', async () => {
  const { staleNote, monthView: mv } = await import('../../components/classify/enterpriseMonth');
  assert.match(staleNote(mv([]), '2026-10', '存续', '2026-11-05')!, /成立于 2026-11-05，晚于最近的分类月份 2026-10，尚未分类/);
  assert.match(staleNote(mv([]), '2026-10', '注销', '2001-01-01')!, /登记状态为注销，在已分类的月份中均未参与分类/);
  assert.match(staleNote(mv([]), '2026-10', '存续', '2001-01-01')!, /没有本企业的分类结果/);
  assert.equal(staleNote(mv([]), undefined, '存续', '2026-11-05'), null, 'nothing classified at all');
});
