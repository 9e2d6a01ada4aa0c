/**
 * Child process for the sign-in lockout test: `node --import tsx login-child.ts DATA_DIR NAME PASSWORD N`.
 * Tries to sign in as NAME with PASSWORD N times (another process serving the same database), printing one JSON
 * line per attempt: whether it signed in and the minutes of lock the process sees afterwards.
 */
import { getDb, closeDb } from '../../server/db/client';
import { login, loginLocked } from '../../server/auth/users';

const [dataDir, name, password, n] = process.argv.slice(2);
if (!dataDir || !name || !password || !n) throw new Error('usage: login-child.ts DATA_DIR NAME PASSWORD N');
const db = await getDb({ dataDir });
for (let i = 0; i < Number(n); i++) {
  const viewer = await login(db, name, password);
  process.stdout.write(JSON.stringify({ signedIn: viewer !== null, locked: await loginLocked(db, name) }) + '\n');
}
await closeDb();
