/**
 * Work-lease timing for tests of dead work (server/classify/housekeeping.ts). On a ClickHouse server, work is dead
 * once no process has renewed a lease on it within the lease and it is older than the lease; the embedded engine
 * has one process and takes work not live in it as dead at once.
 */
import type { Db } from '../../server/db/client';
import { leaseSeconds } from '../../server/classify/housekeeping';
import { engineConfigFromEnv } from '../../server/env';

/** A 2-second lease for this test process and the children it starts (unless the environment sets one). */
export function useShortLease(): void {
  process.env.XINYAN_WORK_LEASE_SECONDS ??= '2';
}

/** On a server, waits until work started or renewed before the call is older than the lease. */
export async function pastLease(db: Db): Promise<void> {
  if (db.config.mode !== 'embedded') await new Promise((r) => setTimeout(r, (leaseSeconds() + 1.2) * 1000));
}

/** Skips a test on the embedded engine (`skip` option of node:test). */
export const serverOnly = engineConfigFromEnv().mode === 'server' ? false : 'a ClickHouse server only (npm run test:server): the embedded engine has one process';
