import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deskParams } from '../../app/warnings/params';
import { lastActSinceClose, resultToRecord } from '../../server/warnings/steps';

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
  assert.equal(lastActSinceClose([{ step: 'act', action: '检查' }, { step: 'close' }])?.step, undefined);
  assert.equal(lastActSinceClose([{ step: 'act', action: '检查' }, { step: 'close' }, { step: 'act', action: '提醒' }, { step: 'result' }])?.action, '提醒');
});
