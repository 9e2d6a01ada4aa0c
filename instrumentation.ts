/**
 * Runs once when the Next server starts: opens the engine (claiming the data directory) so CLI jobs hand off to us,
 * and closes the classification runs and re-classifications a dead process left 'running' (dropping
 * their work tables).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDb } = await import('./server/db/client');
  const { claimOwnership } = await import('./server/owner');
  const { clearStale } = await import('./server/classify/housekeeping');
  const db = await getDb();
  if (db.config.mode === 'embedded') claimOwnership(db.config.dataDir, Number(process.env.PORT ?? 3000));
  try {
    const c = await clearStale(db);
    if (c.runs.length || c.tables.length || c.reclass.length) {
      console.log(`[xinyan] closed ${c.runs.length} interrupted classification run(s) and ${c.reclass.length} re-classification(s) after a correction or repair, dropped ${c.tables.length} work table(s)`);
    }
  } catch (e) {
    console.error(`[xinyan] could not close interrupted classification runs: ${(e as Error).message}`);
  }
}
