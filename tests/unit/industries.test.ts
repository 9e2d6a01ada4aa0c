import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SECTIONS, DIVISIONS, GROUPS, CLASSES } from '../../server/reference/industries';
import { industryRows } from '../../server/reference/load';

test('97 distinct divisions, each its section letter + two digits, numbered 01–97 in section order', () => {
  assert.equal(DIVISIONS.length, 97);
  assert.equal(new Set(DIVISIONS.map((d) => d.code)).size, 97);
  const sections = new Set(SECTIONS.map((s) => s.code));
  DIVISIONS.forEach((d, i) => {
    assert.match(d.code, /^[A-T]\d{2}$/, d.code);
    assert.ok(sections.has(d.code[0]!), `section of ${d.code}`);
    assert.equal(Number(d.code.slice(1)), i + 1, `division ${d.code} is number ${i + 1}`);
    assert.ok(d.name.length >= 2 && !/[A-Za-z]/.test(d.name), `name of ${d.code}`);
  });
  // Sections are contiguous ranges of division numbers: letters never go backwards.
  for (let i = 1; i < DIVISIONS.length; i++) assert.ok(DIVISIONS[i]!.code[0]! >= DIVISIONS[i - 1]!.code[0]!);
});

test('section sizes follow GB/T 4754-2017 (C = 31 divisions 13–43, F = 51–52 …)', () => {
  const count = (s: string) => DIVISIONS.filter((d) => d.code.startsWith(s)).map((d) => Number(d.code.slice(1)));
  const c = count('C');
  assert.equal(c.length, 31);
  assert.equal(Math.min(...c), 13);
  assert.equal(Math.max(...c), 43);
  const expected: Record<string, number> = { A: 5, B: 7, C: 31, D: 3, E: 4, F: 2, G: 8, H: 2, I: 3, J: 4, K: 1, L: 2, M: 3, N: 4, O: 3, P: 1, Q: 2, R: 5, S: 6, T: 1 };
  for (const s of SECTIONS) assert.equal(count(s.code).length, expected[s.code], `section ${s.code}`);
  const byCode = new Map(DIVISIONS.map((d) => [d.code, d.name]));
  assert.equal(byCode.get('C13'), '农副食品加工业');
  assert.equal(byCode.get('F51'), '批发业');
  assert.equal(byCode.get('F52'), '零售业');
  assert.equal(byCode.get('L72'), '商务服务业');
  assert.equal(byCode.get('I65'), '软件和信息技术服务业');
  assert.equal(byCode.get('H62'), '餐饮业');
  assert.equal(byCode.get('E47'), '房屋建筑业');
});

test('every group and class has an existing parent; codes are distinct', () => {
  const divisions = new Set(DIVISIONS.map((d) => d.code));
  const groups = new Set(GROUPS.map((g) => g.code));
  assert.equal(groups.size, GROUPS.length);
  for (const g of GROUPS) {
    assert.match(g.code, /^[A-T]\d{3}$/);
    assert.ok(divisions.has(g.code.slice(0, 3)), `parent of ${g.code}`);
  }
  assert.equal(new Set(CLASSES.map((c) => c.code)).size, CLASSES.length);
  for (const c of CLASSES) {
    assert.match(c.code, /^[A-T]\d{4}$/);
    assert.ok(groups.has(c.code.slice(0, 4)), `parent of ${c.code}`);
  }
  for (const d of ['C13', 'C14', 'C15', 'F51', 'F52', 'H61', 'H62', 'C34', 'C35']) {
    assert.ok(GROUPS.some((g) => g.code.startsWith(d)), `groups of ${d}`);
    assert.ok(CLASSES.some((c) => c.code.startsWith(d)), `classes of ${d}`);
  }
});

test('the table rows link each level to its parent', () => {
  const rows = industryRows();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  assert.equal(byCode.size, rows.length);
  for (const r of rows) {
    assert.equal(r.level, r.code.length === 1 ? 1 : r.code.length - 1);
    if (r.level > 1) assert.equal(byCode.get(r.parent_code)?.level, r.level - 1, r.code);
    assert.equal(r.section, r.code[0]);
  }
});
