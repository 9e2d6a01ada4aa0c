/** Engine configuration from the environment: embedded by default, a server with CLICKHOUSE_URL, one database per data directory for tests. */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { engineConfigFromEnv } from '../../server/env';

const saved = { ...process.env };
afterEach(() => { for (const k of ['CLICKHOUSE_URL', 'CLICKHOUSE_DATABASE', 'XINYAN_DATABASE_PER_DATA_DIR']) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; } });

test('embedded unless CLICKHOUSE_URL is set; the per-data-directory database applies to a server only', () => {
  delete process.env.CLICKHOUSE_URL;
  process.env.XINYAN_DATABASE_PER_DATA_DIR = '1';
  const e = engineConfigFromEnv({ dataDir: '/tmp/a' });
  assert.equal(e.mode, 'embedded');
  assert.equal(e.database, 'xinyan');
  process.env.CLICKHOUSE_URL = 'http://127.0.0.1:8123';
  delete process.env.XINYAN_DATABASE_PER_DATA_DIR;
  assert.deepEqual([engineConfigFromEnv({ dataDir: '/tmp/a' }).mode, engineConfigFromEnv({ dataDir: '/tmp/a' }).database], ['server', 'xinyan']);
});

test('tests against a server: each data directory gets its own valid, stable database name', () => {
  process.env.CLICKHOUSE_URL = 'http://127.0.0.1:8123';
  process.env.CLICKHOUSE_DATABASE = 'xy';
  process.env.XINYAN_DATABASE_PER_DATA_DIR = '1';
  const a = engineConfigFromEnv({ dataDir: '/tmp/xy-research-1' }).database;
  const b = engineConfigFromEnv({ dataDir: '/tmp/xy-research-2' }).database;
  assert.notEqual(a, b);
  assert.equal(engineConfigFromEnv({ dataDir: '/tmp/xy-research-1' }).database, a, 'a child process on the same directory finds the same database');
  for (const d of [a, b]) assert.match(d, /^xy_t[0-9a-f]{12}$/);
});

test('an invalid database name is refused', () => {
  process.env.CLICKHOUSE_DATABASE = 'x; DROP';
  assert.throws(() => engineConfigFromEnv({ dataDir: '/tmp/a' }), /不是合法的库名/);
});
