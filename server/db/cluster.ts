/**
 * Cluster DDL derived from the same migration files: each MergeTree-family table becomes
 * `<name>_local ON CLUSTER` with the Replicated engine, plus a Distributed `<name>` over it (sharded by
 * USCC where the table has one, so an enterprise's rows live on one shard). Small reference and
 * administrative tables are replicated to every node instead of sharded.
 *   npm run cli -- cluster-ddl [--cluster NAME] > cluster.sql
 */
import { loadMigrations } from './migrate';

export const REPLICATED_ONLY = new Set(['regions', 'industries', 'users', 'app_secrets', 'schema_migrations', 'accepted_uscc', 'imports']);

export function clusterStatements(statement: string, cluster = '{cluster}'): string[] {
  const m = /^CREATE TABLE IF NOT EXISTS\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([\s\S]*)\)\s*ENGINE\s*=\s*(\w*MergeTree)(\(([^)]*)\))?([\s\S]*)$/i.exec(statement.trim());
  if (!m) return [statement.replace(/^(CREATE\s+\w+(?:\s+IF NOT EXISTS)?\s+[A-Za-z_][A-Za-z0-9_.]*)/i, `$1 ON CLUSTER '${cluster}'`)];
  const [, name, columns, engine, , engineArgs = '', rest] = m as unknown as [string, string, string, string, string, string | undefined, string];
  const replicatedOnly = REPLICATED_ONLY.has(name);
  const local = replicatedOnly ? name : `${name}_local`;
  // Replicated-only tables form one replication group across all shards (every node holds a full copy).
  const zkPath = replicatedOnly ? `/clickhouse/tables/all/{database}/${local}` : `/clickhouse/tables/{shard}/{database}/${local}`;
  const args = [`'${zkPath}'`, `'{replica}'`, ...(engineArgs.trim() ? [engineArgs.trim()] : [])];
  const out = [`CREATE TABLE IF NOT EXISTS ${local} ON CLUSTER '${cluster}' (${columns}) ENGINE = Replicated${engine}(${args.join(', ')})${rest}`];
  if (!replicatedOnly) {
    const shardKey = /\buscc String\b/.test(columns) ? 'cityHash64(uscc)' : 'rand()';
    out.push(`CREATE TABLE IF NOT EXISTS ${name} ON CLUSTER '${cluster}' AS ${local} ENGINE = Distributed('${cluster}', currentDatabase(), ${local}, ${shardKey})`);
  }
  return out;
}

export function clusterDdl(cluster = '{cluster}'): string[] {
  const out: string[] = [];
  for (const m of loadMigrations()) {
    out.push(`-- ${String(m.version).padStart(3, '0')} ${m.name}`);
    for (const s of m.statements) out.push(...clusterStatements(s, cluster).map((x) => `${x};`));
  }
  return out;
}
