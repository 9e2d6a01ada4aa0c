/**
 * Result cache for the read-heavy slice queries (research, map, overview): many analysts open the same views of the
 * same month, and the answer only changes when the tables it reads change.
 *
 * Exactness, not a time-to-live: every lookup first reads the current version of the tables the query declares
 * (`defineQuery({ cache: { tables } })`) from the engine — the table's UUID (changed by EXCHANGE TABLES, how imports
 * publish), and the names, row counts and modification times of its active parts (changed by every INSERT, REPLACE
 * PARTITION, mutation and merge). A cached answer is returned only if those are exactly what they were when it was
 * computed. Concurrent lookups share version reads (each one started after the lookup arrived, so a write that
 * finished before a request is always seen by it): 50 analysts cost a few small system-table queries, not 50,
 * and identical concurrent misses share one computation.
 *
 * Not cached: a table that is Distributed (on a cluster the parts live on the shards, invisible here), results of
 * more than MAX_ROWS rows, and everything when XINYAN_QUERY_CACHE=0 (the benchmark measures the engine that way).
 * Keys include the viewer's role and region: scope and partner suppression are applied before caching.
 */
import type { Db } from '../server/db/client';
import type { Viewer } from '../server/auth/viewer';

/** Tables a cached query may declare (the version read covers exactly these). */
export const CACHEABLE_TABLES = ['class_results', 'enterprises', 'events', 'event_corrections', 'regions', 'industries'] as const;
export type CacheableTable = (typeof CACHEABLE_TABLES)[number];

const MAX_ENTRIES = 500;
const MAX_ROWS = 5000;

interface Entry { version: string; rows: unknown[] }
interface State {
  entries: Map<string, Entry>;
  /** Misses being computed, by key and version: identical concurrent misses wait for one computation. */
  computing: Map<string, Promise<unknown[]>>;
  inflight?: Promise<Map<string, string>>;
  next?: Promise<Map<string, string>>;
  hits: number; misses: number; warned?: boolean;
}
const holder = globalThis as unknown as { __xinyanQueryCache?: State };
const state: State = (holder.__xinyanQueryCache ??= { entries: new Map(), computing: new Map(), hits: 0, misses: 0 });

export function cacheEnabled(): boolean { return process.env.XINYAN_QUERY_CACHE !== '0'; }
export function cacheStats(): { hits: number; misses: number; entries: number } {
  return { hits: state.hits, misses: state.misses, entries: state.entries.size };
}
export function clearQueryCache(): void { state.entries.clear(); state.hits = 0; state.misses = 0; }

function readVersions(db: Db): Promise<Map<string, string>> {
  const list = CACHEABLE_TABLES.map((t) => `'${t}'`).join(', ');
  const p = db.rows<{ tb: string; engine: string; u: string; n: string; r: string; mt: string; h: string }>({
    text: `SELECT t.name AS tb, t.engine AS engine, toString(t.uuid) AS u, toString(countIf(p.name != '')) AS n, toString(sum(p.rows)) AS r,
             toString(max(p.modification_time)) AS mt, toString(sum(cityHash64(p.name))) AS h
           FROM system.tables AS t
           LEFT JOIN (SELECT table, name, rows, modification_time FROM system.parts
                      WHERE database = currentDatabase() AND active AND table IN (${list})) AS p ON p.table = t.name
           WHERE t.database = currentDatabase() AND t.name IN (${list})
           GROUP BY tb, engine, u`,
    params: {},
  }, 'cache.versions').then((rows) => new Map(rows.map((r) => [r.tb, r.engine === 'Distributed' ? '' : `${r.u}/${r.n}/${r.r}/${r.mt}/${r.h}`])));
  state.inflight = p;
  const done = () => { if (state.inflight === p) state.inflight = undefined; };
  p.then(done, done);
  return p;
}

/**
 * table → version string ('' for a table that must not be cached), read by a probe that started after this call:
 * a probe already running may predate a write this caller must see, so callers arriving meanwhile share the next
 * one, started as soon as the running one ends.
 */
function tableVersions(db: Db): Promise<Map<string, string>> {
  const running = state.inflight;
  if (!running) return readVersions(db);
  state.next ??= running.catch(() => undefined).then(() => { state.next = undefined; return readVersions(db); });
  return state.next;
}

/**
 * Returns the cached rows of `name(input)` for this viewer if the declared tables have not changed since, else runs
 * `compute` and keeps its rows. The rows handed out are copies: callers may sort or change them.
 */
export async function cached<T>(db: Db, name: string, tables: readonly CacheableTable[], input: unknown, viewer: Viewer, compute: () => Promise<T[]>): Promise<T[]> {
  if (!cacheEnabled()) return compute();
  let versions: Map<string, string>;
  try {
    versions = await tableVersions(db);
  } catch (e) {
    // A server user without access to system.tables / system.parts: answer uncached rather than not at all.
    if (!state.warned) { state.warned = true; console.warn(`[cache] 无法读取表版本，查询不缓存：${(e as Error).message.split('\n')[0]}`); }
    return compute();
  }
  const parts = tables.map((t) => versions.get(t) ?? '');
  if (parts.some((v) => v === '')) return compute();
  const version = parts.join('|');
  const key = `${name}\u0000${viewer.role}\u0000${viewer.regionCode}\u0000${JSON.stringify(input)}`;
  const hit = state.entries.get(key);
  if (hit && hit.version === version) {
    state.hits++;
    state.entries.delete(key); // most recently used goes last
    state.entries.set(key, hit);
    return structuredClone(hit.rows) as T[];
  }
  const flight = `${version}\u0000${key}`;
  const running = state.computing.get(flight);
  if (running) { state.hits++; return structuredClone(await running) as T[]; }
  state.misses++;
  const p = compute();
  // Waiters and the cache get a snapshot taken before the first caller can change its rows.
  const snapshot = p.then((rows) => structuredClone(rows) as unknown[]);
  snapshot.catch(() => {});
  state.computing.set(flight, snapshot);
  try {
    const rows = await p;
    if (rows.length <= MAX_ROWS) {
      state.entries.delete(key);
      state.entries.set(key, { version, rows: await snapshot });
      while (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value as string);
    }
    return rows;
  } finally {
    state.computing.delete(flight);
  }
}
