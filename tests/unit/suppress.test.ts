/** The complementary-suppression algorithm on its own (queries/research/suppress.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suppressTable, suppressLines, determinedCells, type Line } from '../../queries/research/suppress';

/** Every row and column (both margins public) has 0 or ≥ 2 hidden cells. */
function linesOk(mask: boolean[][]): boolean {
  const rows = mask.map((r) => r.filter(Boolean).length);
  const cols = mask[0]!.map((_, j) => mask.filter((r) => r[j]).length);
  return [...rows, ...cols].every((k) => k !== 1);
}
/** A reader's attack independent of the implementation: solve any line with a single unknown, repeat. */
function recover(cells: number[][], mask: boolean[][]): Array<[number, number]> {
  const known = mask.map((r) => r.map((h) => !h));
  const found: Array<[number, number]> = [];
  for (let changed = true; changed;) {
    changed = false;
    const lines = [...cells.map((_, i) => cells[0]!.map((__, j) => [i, j] as [number, number])), ...cells[0]!.map((_, j) => cells.map((__, i) => [i, j] as [number, number]))];
    for (const l of lines) {
      const unk = l.filter(([i, j]) => !known[i]![j]);
      if (unk.length === 1) { const [i, j] = unk[0]!; known[i]![j] = true; found.push([i, j]); changed = true; }
    }
  }
  return found;
}

test('one row: the primary cell and the smallest non-zero cell are hidden; zeros are not sensitive', () => {
  assert.deepEqual(suppressTable([[120, 40, 3, 0]], { min: 10, rowTotalsPublic: true, colTotalsPublic: false }), [[false, true, true, false]]);
  assert.deepEqual(suppressTable([[120, 40, 3, 5]], { min: 10, rowTotalsPublic: true, colTotalsPublic: false }), [[false, false, true, true]]);
  assert.deepEqual(suppressTable([[50, 20, 10, 0]], { min: 10, rowTotalsPublic: true, colTotalsPublic: false }), [[false, false, false, false]]);
});

test('a zero is a complement only when nothing else is left', () => {
  assert.deepEqual(suppressTable([[0, 0, 3]], { min: 10, rowTotalsPublic: true, colTotalsPublic: false }), [[true, false, true]]);
  assert.deepEqual(suppressTable([[0, 12, 3]], { min: 10, rowTotalsPublic: true, colTotalsPublic: false }), [[false, true, true]]);
});

test('the fixed point takes several rounds: each complement breaks another line', () => {
  const cells = [[5, 20, 30], [40, 50, 15], [60, 12, 70]];
  const mask = suppressTable(cells, { min: 10, rowTotalsPublic: true, colTotalsPublic: true });
  assert.ok(linesOk(mask));
  assert.ok(mask.flat().filter(Boolean).length >= 4, 'a complement in row 0 forces column 0 and column 1, which force rows 1 and 2');
  assert.equal(mask[0]![0], true);
  assert.deepEqual(recover(cells, mask), []);
  // with row totals only, one complement in row 0 is enough
  assert.deepEqual(suppressTable(cells, { min: 10, rowTotalsPublic: true, colTotalsPublic: false }).flat().filter(Boolean).length, 2);
});

test('the migration of finding 5 (both margins public): no hidden cell follows from the sums', () => {
  const cells = [[500, 40, 0, 0, 30], [20, 600, 30, 0, 25], [0, 123, 773, 69, 1], [0, 2, 16, 7290, 0], [1923, 698, 5, 0, 0]];
  const structural = cells.map((r, i) => r.map((_, j) => i === 4 && j === 4));
  const mask = suppressTable(cells, { min: 10, rowTotalsPublic: true, colTotalsPublic: true, structural });
  assert.ok(linesOk(mask));
  assert.equal(mask[4]![4], false, 'the impossible cell is never a complement');
  assert.deepEqual(recover(cells, mask), []);
  assert.deepEqual(determinedCells(mask.flat(), lines5x5(), linesOf(lines5x5(), 25)), []);
});

function lines5x5(): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < 5; i++) out.push({ cells: [0, 1, 2, 3, 4].map((j) => i * 5 + j) }, { cells: [0, 1, 2, 3, 4].map((j) => j * 5 + i) });
  return out;
}
function linesOf(lines: Line[], n: number): number[][] {
  const o: number[][] = Array.from({ length: n }, () => []);
  lines.forEach((l, k) => l.cells.forEach((c) => o[c]!.push(k)));
  return o;
}

test('two hidden cells per line is not enough: a bridge between two cycles is found and protected', () => {
  // 4 × 4, both margins public. Hidden: a 2×2 cycle in rows 0–1 × cols 0–1, another in rows 2–3 × cols 2–3, and
  // cell (0, 2) linking them. Every line has ≥ 2 hidden cells, yet rows 0+1 minus columns 0+1 leave (0, 2) alone.
  const at = (i: number, j: number) => i * 4 + j;
  const lines: Line[] = [];
  for (let i = 0; i < 4; i++) lines.push({ cells: [0, 1, 2, 3].map((j) => at(i, j)) }, { cells: [0, 1, 2, 3].map((j) => at(j, i)) });
  const hidden = [at(0, 0), at(0, 1), at(1, 0), at(1, 1), at(2, 2), at(2, 3), at(3, 2), at(3, 3), at(0, 2)];
  const mask = Array.from({ length: 16 }, (_, k) => hidden.includes(k));
  assert.deepEqual(determinedCells(mask, lines, linesOf(lines, 16)), [at(0, 2)]);
  const vals = [3, 4, 12, 30, 5, 6, 40, 50, 60, 70, 7, 8, 80, 90, 9, 2];
  const out = suppressLines(16, lines, { primary: mask, candidate: vals.map(() => true), cost: vals });
  assert.deepEqual(determinedCells(out, lines, linesOf(lines, 16)), []);
  assert.ok(out.filter(Boolean).length > hidden.length);
});
