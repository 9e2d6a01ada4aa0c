/**
 * Child process for the killed-classification test: `node --import tsx classify-child.ts DATA_DIR MONTH [PAUSE_TAG]`.
 * With a fresh DATA_DIR it first writes a synthetic province (bench/classify.ts). Classifies MONTH with every model,
 * printing the results' hashes when done; with PAUSE_TAG it prints {paused} when a command with that tag is
 * about to run and waits there (the parent kills it), so the kill lands at a known point.
 */
import { getDb, closeDb, type Db } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { syntheticData } from '../../bench/classify';

const [dataDir, month, pauseTag] = process.argv.slice(2);
if (!dataDir || !month) throw new Error('usage: classify-child.ts DATA_DIR MONTH [PAUSE_TAG]');
const db = await getDb({ dataDir });
const n = await db.one<{ n: number }>({ text: 'SELECT toUInt32(count()) AS n FROM enterprises', params: {} });
if (Number(n?.n ?? 0) === 0) await syntheticData(db, 20_000);
const command = db.command.bind(db);
const paused: Db = {
  ...db,
  command: async (q, tag) => {
    if (pauseTag && tag === pauseTag) {
      process.stdout.write(JSON.stringify({ paused: tag }) + '\n');
      await new Promise((r) => setTimeout(r, 60_000));
    }
    await command(q, tag);
  },
};
const r = await classifyMonth(paused, month, undefined, { actor: 'child' });
const hashes = await db.rows({
  text: `SELECT model_id, toUInt32(count()) AS n, toString(sum(cityHash64(uscc, score, class, basis, reasons))) AS h
    FROM class_results WHERE month = {m:Date} GROUP BY model_id ORDER BY model_id`, params: { m: `${month}-01` } });
process.stdout.write(JSON.stringify({ done: r.models.map((m) => [m.modelId, m.enterprises]), hashes }) + '\n');
await closeDb();
