/**
 * Events the workbench's pages write into `events` themselves — 双随机 inspection results, the warning desk's
 * inspections, credit repairs — beside the imported ones, told apart by their import_id. An import rebuilds `events`
 * as a new copy and swaps it in (server/import): a page write that lands in the old table after the copy was made
 * would be swapped out with it and lost. So page writers hold the `events-write` gate while they write, and the
 * import, holding the same gate, brings the new copy's page rows in line with the live table's just before the swap
 * (`carryPageEvents`). On a server several processes write: there the gate is per process and the carry-over
 * narrows the window to the moment between it and the swap.
 */
import type { Db } from '../db/client';
import { p, sql, trusted } from '../db/sql';
import { serialized } from '../db/serialized';

export const PAGE_EVENT_SOURCES = ['inspections', 'warning-desk', 'credit-repair'] as const;
export type PageEventSource = (typeof PAGE_EVENT_SOURCES)[number];

/** Runs a page's write of `events` (and what goes with it, such as the delete of the row it replaces) under the gate. */
export function withEventWrites<T>(fn: () => Promise<T>): Promise<T> {
  return serialized('events-write', fn);
}

/**
 * Makes the page rows of `next` (the import's new copy of events) equal to those of the live table: rows a page removed
 * or replaced since the copy go, rows it wrote come in — except under an id the imported file itself brings (the
 * file's row stands, as for any key it writes). `rowHash` is the import's content hash of an events row. The caller
 * holds the gate (withEventWrites).
 */
export async function carryPageEvents(db: Db, next: string, rowHash: string): Promise<void> {
  const pages = p.strs([...PAGE_EVENT_SOURCES]);
  const live = sql`SELECT event_id, ${trusted(rowHash)} AS h FROM events WHERE import_id IN ${pages}`;
  const copied = sql`SELECT event_id, ${trusted(rowHash)} AS h FROM ${trusted(next)} WHERE import_id IN ${pages}`;
  const gone = await db.rows<{ event_id: string }>(sql`SELECT event_id FROM (${copied}) WHERE (event_id, h) NOT IN (${live})`, 'import carry page events');
  if (gone.length) {
    await db.command(sql`DELETE FROM ${trusted(next)} WHERE import_id IN ${pages} AND event_id IN ${p.strs(gone.map((g) => g.event_id))}`, 'import carry page events');
  }
  await db.command(sql`INSERT INTO ${trusted(next)} SELECT * FROM events
    WHERE import_id IN ${pages} AND (event_id, ${trusted(rowHash)}) NOT IN (${copied})
      AND event_id NOT IN (SELECT event_id FROM ${trusted(next)} WHERE import_id NOT IN ${pages}
                           AND event_id IN (SELECT event_id FROM events WHERE import_id IN ${pages}))`, 'import carry page events');
}
