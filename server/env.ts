import path from 'node:path';

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
  const dataDir = path.resolve(overrides.dataDir ?? process.env.XINYAN_DATA_DIR ?? './data');
  const database = process.env.CLICKHOUSE_DATABASE?.trim() || 'xinyan';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw new Error(`CLICKHOUSE_DATABASE 不是合法的库名: ${database}`);
  if (url) {
    return { mode: 'server', dataDir, url, username: process.env.CLICKHOUSE_USER, password: process.env.CLICKHOUSE_PASSWORD, database };
  }
  return { mode: 'embedded', dataDir, database };
}
