/** The briefing map's legend (components/briefing/ChoroplethSvg.tsx legendRows): ranges that read forwards, one row for a flat map. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { legendRows } from '../../components/briefing/ChoroplethSvg';
import { RISK_RAMP } from '../../components/palette';

test('a single area (a county analyst\'s map) or areas all at one value: one legend row, the value in the ramp\'s middle colour (as drawn)', () => {
  assert.deepEqual(legendRows([0.167]), [{ colour: RISK_RAMP[2], label: '16.7%' }]);
  assert.deepEqual(legendRows([0.165]), [{ colour: RISK_RAMP[2], label: '16.5%' }]); // not the colour of where in its bin it falls
  assert.deepEqual(legendRows([0.5, 0.5]).map((r) => r.label), ['50.0%']);
  assert.deepEqual(legendRows([]), []);
});

test('ranges run forwards from the rounded bounds of the bins', () => {
  // 8.6%…8.8%: bins between 8.5% and 9.0%. The raw ends gave "8.6%–8.6%" first and "8.9%–8.8%" last.
  assert.deepEqual(legendRows([0.086, 0.087, 0.088]).map((r) => r.label), ['8.5%–8.6%', '8.6%–8.7%', '8.7%–8.8%', '8.8%–8.9%', '8.9%–9.0%']);
  assert.deepEqual(legendRows([0.086, 0.135]).map((r) => r.label), ['8.5%–9.5%', '9.5%–10.5%', '10.5%–11.5%', '11.5%–12.5%', '12.5%–13.5%']);
});
