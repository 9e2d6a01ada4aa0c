import path from 'node:path';
import { createHash } from 'node:crypto';

/** Runtime configuration, read once from the environment (and CLI flags, see server/cli/args.ts). */
export interface EngineConfig {
  /** 'embedded' = chdb in-process on `dataDir`; 'server' = a ClickHouse server/cluster at `url`. */
  mode: 'embedded' | 'server';
  dataDir: string;
  url?: string;
  username?: string;
  password?: string;
  database: string;
}

export function engineConfigFromEnv(overrides: { dataDir?: string } = {}): EngineConfig {
  const url = process.env.CLICKHOUSE_URL?.trim();
  const dataDir = path.resolve(/*turbopackIgnore: true*/ overrides.dataDir ?? process.env.XINYAN_DATA_DIR ?? './data');
  const database = process.env.CLICKHOUSE_DATABASE?.trim() || 'xinyan';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw new Error(`CLICKHOUSE_DATABASE 不是合法的库名: ${database}`);
  if (url) {
    // The test suite against a server (npm run test:unit with CLICKHOUSE_URL set): each data directory — one per test
    // file, as in the embedded engine — gets a database of its own, so test files running side by side never meet.
    const perDir = process.env.XINYAN_DATABASE_PER_DATA_DIR === '1'
      ? `${database}_t${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}` : database;
    return { mode: 'server', dataDir, url, username: process.env.CLICKHOUSE_USER, password: process.env.CLICKHOUSE_PASSWORD, database: perDir };
  }
  return { mode: 'embedded', dataDir, database };
}
