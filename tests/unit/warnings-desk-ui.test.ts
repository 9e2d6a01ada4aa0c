import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deskParams } from '../../app/warnings/params';
import { closeKinds, closeRefusal, disposedSinceClose, lastActSinceClose, resultTargets, resultToRecord } from '../../server/warnings/steps';

const q = (s: string) => new URLSearchParams(s);

test('desk URL parameters the server would refuse are dropped, not sent', () => {
  assert.deepEqual(deskParams(q('m=2026-06&r=220104001&rule=multi-enterprise-person&sev=high&st=closed&p=2')),
    { month: '2026-06', region: '220104001', rule: 'multi-enterprise-person', severity: 'high', state: 'closed', page: 2 });
  assert.deepEqual(deskParams(q('m=2026-13&r=2201&rule=nope&sev=urgent&st=done&p=-1')),
    { month: undefined, region: undefined, rule: undefined, severity: undefined, state: undefined, page: 0 });
  assert.equal(deskParams(q('p=abc')).page, 0);
  assert.equal(deskParams(q('p=1.5')).page, 0);
  assert.equal(deskParams(q('sev=constructor')).severity, undefined, 'not a key of the prototype either');
});

test('case page: an inspection result is recorded only after a 检查 measure; a result needs a measure since the last close', () => {
  assert.equal(resultToRecord('pass', '检查'), 'pass');
  assert.equal(resultToRecord('pass', '提醒'), 'rectified', 'the select offers only 已整改/其他 after 提醒 and shows 已整改');
  assert.equal(resultToRecord('other', '提醒'), 'other');
  assert.equal(resultToRecord('unreachable', undefined), 'rectified');
  // The 检查对象 chosen after a 检查 is not sent with a result after a later 提醒 (the page no longer shows it).
  assert.deepEqual(resultTargets('91220102MA00000001', '检查'), ['91220102MA00000001']);
  assert.equal(resultTargets('91220102MA00000001', '提醒'), undefined);
  assert.equal(resultTargets('', '检查'), undefined, '全部成员企业');
  assert.equal(lastActSinceClose([{ step: 'act', action: '检查' }, { step: 'close' }])?.step, undefined);
  assert.equal(lastActSinceClose([{ step: 'act', action: '检查' }, { step: 'close' }, { step: 'act', action: '提醒' }, { step: 'result' }])?.action, '提醒');
});

test('case page: 办结 is offered after a measure and its result since the last close, or with a reason of 5 characters', () => {
  const act = (action: string) => ({ step: 'act', action });
  const [result, close, assign] = [{ step: 'result' }, { step: 'close' }, { step: 'assign' }];
  assert.equal(disposedSinceClose([act('提醒'), result]), true);
  assert.equal(disposedSinceClose([act('提醒'), result, act('检查')]), false, 'the latest measure has no result yet');
  assert.equal(disposedSinceClose([act('提醒'), result, close]), false, 'a reopened case starts over');
  assert.equal(disposedSinceClose([result]), false, 'a result with no measure before it (not recordable, but not a disposal either)');
  assert.equal(closeRefusal([act('提醒'), result, assign], undefined), null);
  assert.match(closeRefusal([], undefined)!, /^尚未记录处置措施和处置结果，不能办结/);
  assert.match(closeRefusal([act('约谈')], '已约谈')!, /^最近的处置措施（约谈）尚未记录处置结果/);
  assert.match(closeRefusal([act('约谈')], '约谈后核实无风险')!, /^最近的处置措施（约谈）尚未记录处置结果/, 'a measure taken needs its result, a reason does not replace it');
  assert.match(closeRefusal([act('提醒'), result, close], '')!, /^该预警办结后重新出现/);
  assert.equal(closeRefusal([assign], ' 核实无风险 '), null);
  assert.match(closeRefusal([assign], '误报 \n ')!, /现为 2 字/);
  const n = <T extends { step: string }>(x: T, note = '') => ({ ...x, note });
  assert.deepEqual(closeKinds([n(assign), n(close, '核实无风险，误报'), n(act('提醒')), n(result), n(close), n(act('检查')), n(close, '已检查，无问题'), n(close)]),
    [null, 'no-action', null, null, 'disposed', null, 'undisposed', 'undisposed'], 'the last two: closes recorded before the rule');
});
