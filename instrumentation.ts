/** Runs once when the Next server starts: opens the engine (claiming the data directory) so CLI jobs hand off to us. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDb } = await import('./server/db/client');
  const { claimOwnership } = await import('./server/owner');
  const db = await getDb();
  if (db.config.mode === 'embedded') claimOwnership(db.config.dataDir, Number(process.env.PORT ?? 3000));
}
