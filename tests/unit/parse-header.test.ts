import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseColumn, parseFirstRecord } from '../../server/import/header';

test('header record: quotes, embedded commas and line breaks, CRLF', () => {
  assert.deepEqual(parseFirstRecord('uscc,name,"a,b"\r\n1,2,3'), ['uscc', 'name', 'a,b']);
  assert.deepEqual(parseFirstRecord('"x\ny",z\nrest'), ['x\ny', 'z']);
  assert.deepEqual(parseFirstRecord('"say ""hi""",b'), ['say "hi"', 'b']);
  assert.deepEqual(parseFirstRecord('only'), ['only']);
  assert.equal(parseFirstRecord('"unterminated,b'), null);
});

test('column names are matched trimmed and case-insensitively, BOM removed', () => {
  assert.equal(normaliseColumn('\uFEFF USCC '), 'uscc');
  assert.equal(normaliseColumn('Event_ID'), 'event_id');
});
