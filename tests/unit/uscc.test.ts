import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidUscc, makeUscc, usccCheckChar, usccProblem } from '../../server/domain/uscc';

test('real USCCs pass the GB 32100-2015 check', () => {
  for (const code of ['91350100M000100Y43', '91110000802100433B', '914403001922038216']) {
    assert.equal(usccProblem(code), null, code);
    assert.equal(isValidUscc(code), true);
  }
});

test('a wrong check character is detected, whichever character it is replaced by', () => {
  const good = '91350100M000100Y43';
  for (const ch of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
    if (ch === '3') continue;
    assert.equal(usccProblem(good.slice(0, 17) + ch), 'check', ch);
  }
  assert.equal(usccCheckChar(good.slice(0, 17)), '3');
});

test('I, O, S, V, Z and lower case are outside the alphabet', () => {
  for (const bad of ['I', 'O', 'S', 'V', 'Z', 'a']) {
    assert.equal(usccProblem(`9135010${bad}M000100Y43`), 'alphabet', bad);
  }
});

test('length is checked first', () => {
  assert.equal(usccProblem('91350100M000100Y4'), 'length');
  assert.equal(usccProblem('91350100M000100Y433'), 'length');
  assert.equal(usccProblem(''), 'length');
});

test('makeUscc builds codes that pass and differ in their check character', () => {
  const a = makeUscc('91', '220102', '00000001');
  const b = makeUscc('91', '220102', '00000002');
  assert.equal(usccProblem(a), null);
  assert.equal(usccProblem(b), null);
  assert.notEqual(a, b);
});
