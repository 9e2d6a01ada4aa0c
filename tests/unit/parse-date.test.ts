import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseImportDate } from '../../server/import/dates';

test('the three contract formats give the same date', () => {
  for (const s of ['2023-03-05', '2023/03/05', '20230305', '2023/3/5', '2023-3-05']) {
    assert.deepEqual(parseImportDate(s), { date: '2023-03-05' }, s);
  }
});

test('impossible dates are refused, leap years respected', () => {
  for (const s of ['2023-02-30', '2023-02-29', '2100-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '20230431', '2023/06/00']) {
    assert.deepEqual(parseImportDate(s), { problem: 'impossible' }, s);
  }
  assert.deepEqual(parseImportDate('2024-02-29'), { date: '2024-02-29' });
  assert.deepEqual(parseImportDate('2000-02-29'), { date: '2000-02-29' });
  assert.deepEqual(parseImportDate('2023-12-31'), { date: '2023-12-31' });
});

test('other shapes are refused as unrecognised, empty is its own case', () => {
  for (const s of ['2023.03.05', '05/03/2023', '2023-03', '2023-03-05T00:00', '2023/03-05', 'abc', '202303051']) {
    assert.deepEqual(parseImportDate(s), { problem: 'shape' }, s);
  }
  assert.deepEqual(parseImportDate(''), { problem: 'empty' });
});

test('real dates outside 1949-10-01 … 2100-12-31 are out of range; the 1950s are accepted', () => {
  assert.deepEqual(parseImportDate('1949-09-30'), { problem: 'range' });
  assert.deepEqual(parseImportDate('1949-10-01'), { date: '1949-10-01' });
  assert.deepEqual(parseImportDate('1956/1/15'), { date: '1956-01-15' });
  assert.deepEqual(parseImportDate('1969-12-31'), { date: '1969-12-31' });
  assert.deepEqual(parseImportDate('2100-12-31'), { date: '2100-12-31' });
  assert.deepEqual(parseImportDate('2101-01-01'), { problem: 'range' });
});
