import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usccFromParam } from '../../app/enterprise/[uscc]/param';

test('the enterprise page code: decoded and upper-cased; a malformed escape is kept (the page said 500), not thrown', () => {
  assert.equal(usccFromParam('91220102ma00000001'), '91220102MA00000001');
  assert.equal(usccFromParam('91220102MA00000001%20'), '91220102MA00000001');
  assert.equal(usccFromParam('%E0%A4%A'), '%E0%A4%A');
});
