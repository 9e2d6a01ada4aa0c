import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usccFromParam } from '../../app/enterprise/[uscc]/param';
import { typedUscc } from '../../server/domain/uscc';

test('the enterprise page code: decoded and upper-cased; a malformed escape is kept (the page said 500), not thrown', () => {
  assert.equal(usccFromParam('91220102ma00000001'), '91220102MA00000001');
  assert.equal(usccFromParam('91220102MA00000001%20'), '91220102MA00000001');
  assert.equal(usccFromParam('%E0%A4%A'), '%E0%A4%A');
});

test('a code typed in groups, with a full-width space or full-width characters, opens the enterprise (it was "not a USCC")', () => {
  assert.equal(usccFromParam('91220102%20MA00%200000%2001'), '91220102MA00000001');
  assert.equal(usccFromParam(encodeURIComponent('91220102\u3000ma00000001')), '91220102MA00000001');
  assert.equal(usccFromParam(encodeURIComponent('９１２２０１０２ＭＡ０００００００１')), '91220102MA00000001');
  // Not a code stays not a code.
  assert.equal(typedUscc('9122-0102'), '9122-0102');
  assert.equal(typedUscc('企业 名称'), '企业名称');
});
