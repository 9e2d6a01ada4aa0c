/**
 * Events the workbench's pages write into `events` themselves — 双随机 inspection results, the warning desk's
 * inspections, credit repairs — beside the imported ones, told apart by their import_id. An import rebuilds `events`
 * as a new copy and swaps it in (server/import): a page write that lands in the old table after the copy was made
 * would be swapped out with it and lost. So page writers hold the `events-write` gate while they write, and the
 * import, holding the same gate, brings the new copy's page rows in line with the live table's just before the swap
 * (`carryPageEvents`). Embedded, every write passes this process's gate, which counts them: an import during which
 * no page wrote (the common case) skips the carry-over. On a server several processes write: there the gate is per
 * process, the carry-over always runs, and it narrows the window to the moment between it and the swap.
 */
import type { Db } from '../db/client';
import { p, sql, trusted } from '../db/sql';
import { serialized } from '../db/serialized';

export const PAGE_EVENT_SOURCES = ['inspections', 'warning-desk', 'credit-repair'] as const;
export type PageEventSource = (typeof PAGE_EVENT_SOURCES)[number];

const counter = globalThis as unknown as { __xinyanPageEventWrites?: number };

/** Runs a page's write of `events` (and what goes with it, such as the delete of the row it replaces) under the gate. */
export function withEventWrites<T>(fn: () => Promise<T>): Promise<T> {
  return serialized('events-write', async () => {
    counter.__xinyanPageEventWrites = (counter.__xinyanPageEventWrites ?? 0) + 1;
    return fn();
  });
}

/** How many page writes this process has begun (compare two readings: did any page write in between?). */
export function pageEventWrites(): number {
  return counter.__xinyanPageEventWrites ?? 0;
}

/**
 * Makes the page rows of `next` (the import's new copy of events) equal to those of the live table: rows a page removed
 * or replaced since the copy go, rows it wrote come in — except under an id the imported file itself brings (the
 * file's row stands, as for any key it writes). `rowHash` is the import's content hash of an events row; `work` a
 * prefix for two small work tables (the page rows of each side: the large tables are read once each). The caller
 * holds the gate (withEventWrites).
 */
export async function carryPageEvents(db: Db, next: string, rowHash: string, work: string): Promise<void> {
  const pages = p.strs([...PAGE_EVENT_SOURCES]);
  const live = trusted(`${work}live`);
  const copied = trusted(`${work}copied`);
  try {
    for (const [t, from] of [[live, 'events'], [copied, next]] as const) {
      await db.command(sql`DROP TABLE IF EXISTS ${t}`);
      await db.command(sql`CREATE TABLE ${t} ENGINE = Memory AS
        SELECT *, ${trusted(rowHash)} AS h__ FROM ${trusted(from)} WHERE import_id IN ${pages}`, 'import carry page events');
    }
    const gone = await db.rows<{ event_id: string }>(sql`
      SELECT event_id FROM ${copied} WHERE (event_id, h__) NOT IN (SELECT event_id, h__ FROM ${live})`, 'import carry page events');
    if (gone.length) {
      await db.command(sql`DELETE FROM ${trusted(next)} WHERE import_id IN ${pages} AND event_id IN ${p.strs(gone.map((g) => g.event_id))}`, 'import carry page events');
    }
    const add = `FROM ${live.text} WHERE (event_id, h__) NOT IN (SELECT event_id, h__ FROM ${copied.text})`;
    const n = await db.one<{ n: number }>(trusted(`SELECT toUInt32(count()) AS n ${add}`));
    if (Number(n?.n ?? 0) > 0) {
      await db.command(sql`INSERT INTO ${trusted(next)} SELECT * EXCEPT h__ ${trusted(add)}
        AND event_id NOT IN (SELECT event_id FROM ${trusted(next)} WHERE import_id NOT IN ${pages}
                             AND event_id IN (SELECT event_id FROM ${live}))`, 'import carry page events');
    }
  } finally {
    for (const t of [live, copied]) await db.command(sql`DROP TABLE IF EXISTS ${t}`);
  }
}
