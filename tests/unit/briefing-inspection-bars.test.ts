/** The briefing's problem-rate bars (components/briefing/inspectionBars.ts): no bar for a class without inspections. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectionBars } from '../../components/briefing/inspectionBars';

test('a class without inspections (with a result) has no bar, not a bar at 0.0%', () => {
  const bars = inspectionBars([
    { class: 'A', inspections: 20, enterprises: 20, problems: 2, withResult: 20 },
    { class: 'B', inspections: 0, enterprises: 0, problems: 0, withResult: 0 },
    { class: 'C', inspections: 3, enterprises: 3, problems: 0, withResult: 0 }, // inspected, no result yet
    { class: 'D', inspections: 4, enterprises: 4, problems: 3, withResult: 4 },
  ]);
  assert.deepEqual(bars.map((b) => [b.key, b.value]), [['A', 10], ['D', 75]]);
  assert.deepEqual(inspectionBars([{ class: 'A', inspections: 0, enterprises: 0, problems: 0, withResult: 0 }]), []);
});
