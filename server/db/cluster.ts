/**
 * Cluster DDL derived from the same migration files: each MergeTree-family table becomes
 * `<name>_local ON CLUSTER` with the Replicated engine, plus a Distributed `<name>` over it (sharded by
 * USCC where the table has one, so an enterprise's rows live on one shard). Small reference and
 * administrative tables are replicated to every node instead of sharded.
 *   npm run cli -- cluster-ddl [--cluster NAME] > cluster.sql
 */
import { loadMigrations } from './migrate';

export const REPLICATED_ONLY = new Set(['regions', 'industries', 'users', 'app_secrets', 'schema_migrations', 'accepted_uscc', 'imports', 'work_leases', 'revoked_sessions', 'login_attempts']);

const NAME = '[A-Za-z_][A-Za-z0-9_]*';

/**
 * Statements other than CREATE TABLE … MergeTree: ALTER, EXCHANGE and DROP run ON CLUSTER on the local tables
 * (and, for a sharded table, on its Distributed front as well where the front has the same columns); an
 * INSERT … SELECT that copies data inside a migration is a one-off job, not DDL: it is shown as a comment to
 * run once through the Distributed tables when the cluster already holds data.
 */
function otherStatement(statement: string, cluster: string): string[] | null {
  const on = `ON CLUSTER '${cluster}'`;
  const sharded = (name: string) => !REPLICATED_ONLY.has(name);
  let m = new RegExp(`^ALTER\\s+TABLE\\s+(${NAME})\\s+([\\s\\S]*)$`, 'i').exec(statement.trim());
  if (m) {
    const [, name, rest] = m as unknown as [string, string, string];
    if (!sharded(name)) return [`ALTER TABLE ${name} ${on} ${rest}`];
    const out = [`ALTER TABLE ${name}_local ${on} ${rest}`];
    // Column changes must reach the Distributed front too; data mutations only concern the local tables.
    if (/^\s*(MODIFY|ADD|DROP|RENAME|COMMENT)\s+COLUMN\b/i.test(rest)) out.push(`ALTER TABLE ${name} ${on} ${rest}`);
    return out;
  }
  m = new RegExp(`^EXCHANGE\\s+TABLES\\s+(${NAME})\\s+AND\\s+(${NAME})\\s*$`, 'i').exec(statement.trim());
  if (m) {
    const [, a, b] = m as unknown as [string, string, string];
    // The Distributed fronts read `<name>_local` by name: swapping the local tables swaps the data.
    return [sharded(a) && sharded(b) ? `EXCHANGE TABLES ${a}_local AND ${b}_local ${on}` : `EXCHANGE TABLES ${a} AND ${b} ${on}`];
  }
  m = new RegExp(`^DROP\\s+(TABLE|VIEW)\\s+(IF\\s+EXISTS\\s+)?(${NAME})\\s*$`, 'i').exec(statement.trim());
  if (m) {
    const [, kind, ifExists = '', name] = m as unknown as [string, string, string | undefined, string];
    const drop = (n: string) => `DROP ${kind!.toUpperCase()} ${ifExists ? 'IF EXISTS ' : ''}${n} ${on}`;
    return kind!.toUpperCase() === 'TABLE' && sharded(name) ? [drop(name), drop(`${name}_local`)] : [drop(name)];
  }
  if (/^INSERT\s+INTO\b/i.test(statement.trim())) {
    return [`-- once, when the cluster already holds data (through the Distributed tables): ${statement.trim().replace(/\s+/g, ' ')}`];
  }
  return null;
}

export function clusterStatements(statement: string, cluster = '{cluster}'): string[] {
  const other = otherStatement(statement, cluster);
  if (other) return other;
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
    for (const s of m.statements) out.push(...clusterStatements(s, cluster).map((x) => (x.startsWith('--') ? x : `${x};`)));
  }
  return out;
}
