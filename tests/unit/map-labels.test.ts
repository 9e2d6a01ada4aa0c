import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visibleLabels } from '../../components/map/labels';

test('area names that would overlap on screen are left out, the larger area keeping its name', () => {
  // 长春's inner districts at province zoom: anchors a few pixels apart.
  const labels = [
    { code: '220102', x: 400, y: 300, text: '南关区', priority: 8083 },
    { code: '220103', x: 404, y: 292, text: '宽城区', priority: 1826 },
    { code: '220104', x: 396, y: 306, text: '朝阳区', priority: 15685 },
    { code: '220106', x: 380, y: 296, text: '绿园区', priority: 10027 },
    { code: '220183', x: 480, y: 200, text: '德惠市', priority: 418 },
  ];
  const shown = visibleLabels(labels);
  assert.deepEqual([...shown].sort(), ['220104', '220183']);
  // Zoomed in, the same names are far apart: all written.
  const zoomed = labels.map((l) => ({ ...l, x: (l.x - 400) * 12 + 400, y: (l.y - 300) * 12 + 300 }));
  assert.equal(visibleLabels(zoomed).size, 5);
  // The selected area's name is written whatever its size.
  assert.ok(visibleLabels(labels.map((l) => (l.code === '220103' ? { ...l, priority: Infinity } : l))).has('220103'));
});

test('side by side names of 3 characters 40 px apart both fit; 30 px apart they do not', () => {
  const two = (dx: number) => visibleLabels([{ code: 'a', x: 0, y: 0, text: '双阳区', priority: 2 }, { code: 'b', x: dx, y: 0, text: '九台区', priority: 1 }]);
  assert.equal(two(41).size, 2);
  assert.deepEqual([...two(30)], ['a']);
});
