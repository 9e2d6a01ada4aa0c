/**
 * The only module that talks to ClickHouse. Embedded (chdb, in-process, on a data directory) by default;
 * a ClickHouse server or cluster when CLICKHOUSE_URL is set. Same SQL for both.
 *
 * chdb allows one data directory per process and one process per directory, so the client is created
 * lazily, once, and kept on globalThis (Next dev reloads modules).
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { engineConfigFromEnv, type EngineConfig } from '../env';
import type { Sql } from './sql';

export interface Db {
  readonly config: EngineConfig;
  /** Runs a SELECT and returns its rows (JSONEachRow). 64-bit integers arrive as strings: cast in SQL. */
  rows<T = Record<string, unknown>>(q: Sql, tag?: string): Promise<T[]>;
  /** First row or undefined. */
  one<T = Record<string, unknown>>(q: Sql, tag?: string): Promise<T | undefined>;
  /** DDL / INSERT … SELECT / ALTER: anything without a result set. */
  command(q: Sql, tag?: string): Promise<void>;
  /** Inserts JS objects (JSONEachRow). */
  insert(table: string, rows: readonly object[]): Promise<void>;
  /** Raw byte stream of a query in a binary format (ArrowStream); the caller consumes it fully. */
  stream(q: Sql, tag?: string): Promise<Readable>;
  /**
   * Runs `INSERT INTO … SELECT … FROM <source>` where `<source>` reads a local CSV/TSV file:
   * `file(path, fmt, structure)` in the embedded engine (read by the engine itself, streamed, never
   * held in memory here) or `input(structure)` with the file streamed in the request body on a server.
   * `build` receives the source expression and returns the whole statement.
   */
  loadFile(path: string, format: string, structure: string, build: (source: string) => Sql): Promise<void>;
  close(): Promise<void>;
}

interface Holder { db?: Promise<Db>; dbConfig?: EngineConfig }
const holder = globalThis as unknown as { __xinyanDb?: Holder };
const state: Holder = (holder.__xinyanDb ??= {});

function quoteString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

async function connect(config: EngineConfig): Promise<Db> {
  let client: ClickHouseClient;
  if (config.mode === 'embedded') {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const { createChdbConnection } = await import('chdb/connection');
    // chdb's types come from an older @clickhouse/client-common: the shapes match at run time.
    const connection = createChdbConnection({ path: config.dataDir }) as unknown as never;
    client = createClient({ connection } as unknown as Parameters<typeof createClient>[0]);
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.database} ENGINE = Atomic` });
    await client.command({ query: `USE ${config.database}` });
  } else {
    const bootstrap = createClient({ url: config.url, username: config.username, password: config.password });
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.database}` });
    await bootstrap.close();
    client = createClient({
      url: config.url, username: config.username, password: config.password, database: config.database,
      request_timeout: 600_000,
      // A classification or import statement runs for minutes on a province: the server sends progress headers
      // every 110 s so that a load balancer in front of a cluster does not close the idle connection.
      clickhouse_settings: { date_time_input_format: 'best_effort', send_progress_in_http_headers: 1, http_headers_progress_interval_ms: '110000' },
    });
  }

  const withTag = (q: Sql, tag?: string) => (tag ? `/* ${tag.replace(/\*\//g, '')} */ ${q.text}` : q.text);

  const db: Db = {
    config,
    async rows<T>(q: Sql, tag?: string) {
      const rs = await client.query({ query: withTag(q, tag), query_params: { ...q.params }, format: 'JSONEachRow' });
      return (await rs.json()) as T[];
    },
    async one<T>(q: Sql, tag?: string) {
      const r = await db.rows<T>(q, tag);
      return r[0];
    },
    async command(q: Sql, tag?: string) {
      await client.command({ query: withTag(q, tag), query_params: { ...q.params } });
    },
    async insert(table: string, rows: readonly object[]) {
      if (rows.length === 0) return;
      await client.insert({ table, values: rows as object[], format: 'JSONEachRow' });
    },
    async stream(q: Sql, tag?: string) {
      const res = await client.exec({ query: withTag(q, tag), query_params: { ...q.params } });
      return res.stream as Readable;
    },
    async loadFile(path, format, structure, build) {
      if (config.mode === 'embedded') {
        const source = `file(${quoteString(path)}, ${quoteString(format)}, ${quoteString(structure)})`;
        const q = build(source);
        await client.command({ query: q.text, query_params: { ...q.params } });
      } else {
        const source = `input(${quoteString(structure)})`;
        const q = build(source);
        const res = await client.exec({
          query: `${q.text} FORMAT ${format}`,
          query_params: { ...q.params },
          values: fs.createReadStream(path),
        });
        res.stream.resume();
        await new Promise<void>((resolve, reject) => { res.stream.on('end', resolve); res.stream.on('error', reject); });
      }
    },
    async close() {
      await client.close();
    },
  };
  return db;
}

/**
 * The process-wide engine. The first call fixes the configuration; a later call asking for another
 * data directory is refused (chdb cannot open two in one process).
 */
export function getDb(overrides: { dataDir?: string } = {}): Promise<Db> {
  const config = engineConfigFromEnv(overrides);
  if (state.db && state.dbConfig) {
    if (state.dbConfig.mode === 'embedded' && config.mode === 'embedded' && state.dbConfig.dataDir !== config.dataDir) {
      return Promise.reject(new Error(`本进程已打开数据目录 ${state.dbConfig.dataDir}，不能再打开 ${config.dataDir}`));
    }
    return state.db;
  }
  state.dbConfig = config;
  state.db = connect(config).then(async (db) => {
    const { migrate } = await import('./migrate');
    await migrate(db);
    // An import killed between two table swaps is put back as soon as its (one-process) data directory is opened
    // again, not only when the next import starts: readers would otherwise see new events beside old enterprises.
    if (config.mode === 'embedded') {
      const { recoverPublish } = await import('../import');
      await recoverPublish(db);
    }
    return db;
  });
  state.db.catch(() => { state.db = undefined; state.dbConfig = undefined; });
  return state.db;
}

const beforeClose: Array<(db: Db) => Promise<void>> = [];
/** Work to finish on the engine before it closes (e.g. flushing buffered audit entries). */
export function onBeforeClose(fn: (db: Db) => Promise<void>): void { if (!beforeClose.includes(fn)) beforeClose.push(fn); }

export async function closeDb(): Promise<void> {
  const p = state.db;
  if (p) { const db = await p.catch(() => undefined); if (db) for (const fn of beforeClose) await fn(db).catch(() => {}); }
  state.db = undefined;
  state.dbConfig = undefined;
  if (p) await (await p).close();
}
