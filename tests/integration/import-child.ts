/**
 * Child process for the killed-import test: `node --import tsx import-child.ts DATA_DIR FOLDER`.
 * Imports FOLDER, printing one JSON line per progress step, then the final checksums. A third argument: codes to
 * accept although their check character fails (--accept-uscc), comma-separated.
 */
import { getDb, closeDb } from '../../server/db/client';
import { importFolder } from '../../server/import';
import { checksums } from './import-helpers';

const [dataDir, folder, accept] = process.argv.slice(2);
if (!dataDir || !folder) throw new Error('usage: import-child.ts DATA_DIR FOLDER');
const db = await getDb({ dataDir });
const r = await importFolder(db, folder, {
  actor: 'child',
  acceptUscc: accept ? accept.split(',') : undefined,
  onProgress: (text, fraction) => process.stdout.write(JSON.stringify({ progress: text, fraction }) + '\n'),
});
process.stdout.write(JSON.stringify({ done: r.files, checksums: await checksums(db) }) + '\n');
await closeDb();
