/** Users with scrypt password hashes; stateless signed session cookies checked against the users table. */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { Db } from '../db/client';
import { sql, p, trusted } from '../db/sql';
import { ROLES, type Role, type Viewer } from './viewer';
import { utcText } from '../db/time';
import { LOCK_MINUTES } from './loginError';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const N = 16384, R = 8, P = 1, KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, pp, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(pp) });
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}

export interface UserRow { name: string; role: Role; region_code: string; password_hash: string; disabled: number }

export const USERNAME_RE = /^[A-Za-z0-9_.\-\u4e00-\u9fa5]{2,32}$/;

export async function addUser(db: Db, u: { name: string; role: Role; regionCode: string; password: string }): Promise<void> {
  if (!USERNAME_RE.test(u.name)) throw new Error('用户名应为 2–32 位字母、数字、汉字或 _ . -');
  if (!ROLES.includes(u.role)) throw new Error(`角色应为 ${ROLES.join('|')}`);
  if (u.regionCode && !/^\d{6}$/.test(u.regionCode)) throw new Error('区域应为6位行政区划代码');
  if (u.regionCode) {
    const r = await db.one(sql`SELECT code FROM regions WHERE code = ${p.str(u.regionCode)} AND level <= 3 LIMIT 1`);
    if (!r) throw new Error(`未知行政区划代码: ${u.regionCode}`);
  }
  if (u.password.length < 8) throw new Error('密码至少 8 位');
  const password_hash = await hashPassword(u.password);
  await db.insert('users', [{ name: u.name, role: u.role, region_code: u.regionCode, password_hash, disabled: 0, created_at: Math.floor(Date.now() / 1000), version: Date.now() }]);
  userCache.delete(u.name);
}

export async function getUser(db: Db, name: string): Promise<UserRow | undefined> {
  return db.one<UserRow>(sql`SELECT name, role, region_code, password_hash, disabled FROM users FINAL WHERE name = ${p.str(name)}`);
}

export async function listUsers(db: Db): Promise<Array<Omit<UserRow, 'password_hash'>>> {
  return db.rows(trusted('SELECT name, role, region_code, disabled FROM users FINAL ORDER BY name'));
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db.one<{ n: number }>(trusted('SELECT toUInt32(count()) AS n FROM users FINAL'));
  return Number(r?.n ?? 0);
}

// ---- sessions -------------------------------------------------------------------------------------------
export const SESSION_COOKIE = 'xy_session';
const SESSION_HOURS = 12;

let secretPromise: Promise<Buffer> | undefined;
async function secret(db: Db): Promise<Buffer> {
  secretPromise ??= (async () => {
    const row = await db.one<{ value: string }>(trusted("SELECT value FROM app_secrets FINAL WHERE name = 'session'"));
    if (row) return Buffer.from(row.value, 'hex');
    const value = crypto.randomBytes(32).toString('hex');
    await db.insert('app_secrets', [{ name: 'session', value }]);
    // Re-read: if two processes raced, ReplacingMergeTree keeps one; both converge on it after merge — read FINAL.
    const again = await db.one<{ value: string }>(trusted("SELECT value FROM app_secrets FINAL WHERE name = 'session'"));
    return Buffer.from(again?.value ?? value, 'hex');
  })();
  return secretPromise;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * What a session is bound to besides the name: a digest of the account's password hash (new salt on every
 * `addUser`), so replacing an account — a new password after a leak, another role or region (`users add --force`) —
 * ends the sessions opened before it.
 */
const credentialOf = (passwordHash: string) => crypto.createHash('sha256').update(passwordHash).digest('base64url').slice(0, 22);

/**
 * A session cookie: `payload.mac`, the payload carrying the user (`n`), the expiry (`exp`, ms), a random id (`sid`)
 * and the account's credential digest (`k`).
 */
export async function issueSession(db: Db, name: string): Promise<{ value: string; maxAge: number }> {
  const sid = crypto.randomBytes(16).toString('base64url');
  const u = await getUser(db, name);
  const payload = b64(JSON.stringify({ n: name, exp: Date.now() + SESSION_HOURS * 3600_000, sid, k: u ? credentialOf(u.password_hash) : '' }));
  const mac = crypto.createHmac('sha256', await secret(db)).update(payload).digest('base64url');
  return { value: `${payload}.${mac}`, maxAge: SESSION_HOURS * 3600 };
}

/** The signed payload of a session cookie, or null (malformed, bad signature, expired). */
async function sessionData(db: Db, cookie: string | undefined): Promise<{ n: string; exp: number; sid?: string; k?: string } | null> {
  if (!cookie) return null;
  const [payload, mac] = cookie.split('.');
  if (!payload || !mac) return null;
  const expected = crypto.createHmac('sha256', await secret(db)).update(payload).digest();
  const got = Buffer.from(mac, 'base64url');
  if (got.length !== expected.length || !crypto.timingSafeEqual(got, expected)) return null;
  let data: { n?: unknown; exp?: unknown; sid?: unknown; k?: unknown };
  try { data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof data; } catch { return null; }
  if (typeof data.n !== 'string' || typeof data.exp !== 'number' || data.exp < Date.now()) return null;
  return { n: data.n, exp: data.exp, sid: typeof data.sid === 'string' ? data.sid : undefined, k: typeof data.k === 'string' ? data.k : undefined };
}

/**
 * Revoked session ids, re-read at most every REVOKED_REFRESH_MS: a sign-out in this process takes effect at once,
 * one in another process serving the same database within that time.
 */
const REVOKED_REFRESH_MS = 10_000;
const revoked = { at: 0, ids: new Set<string>() };
async function isRevoked(db: Db, sid: string): Promise<boolean> {
  if (Date.now() - revoked.at >= REVOKED_REFRESH_MS) {
    const rows = await db.rows<{ sid: string }>(trusted('SELECT sid FROM revoked_sessions WHERE expires_at > now()'));
    // (A sign-out in this process was inserted before it was added here: the table holds it too. Expired ids drop out.)
    revoked.ids = new Set(rows.map((r) => r.sid));
    revoked.at = Date.now();
  }
  return revoked.ids.has(sid);
}

/** Ends the session of `cookie` on the server (signing out): the cookie, or any copy of it, no longer signs anyone in. */
export async function revokeSession(db: Db, cookie: string | undefined): Promise<void> {
  const data = await sessionData(db, cookie);
  if (!data?.sid) return;
  await db.insert('revoked_sessions', [{ sid: data.sid, expires_at: utcText(new Date(data.exp), 's') }]);
  revoked.ids.add(data.sid);
}

const userCache = new Map<string, { at: number; viewer: Viewer | null; k: string }>();

/**
 * The viewer behind a session cookie, or null (bad signature, expired, signed out, unknown or disabled user, or an
 * account replaced since the session began).
 */
export async function viewerFromSession(db: Db, cookie: string | undefined): Promise<Viewer | null> {
  const data = await sessionData(db, cookie);
  if (!data) return null;
  // (A cookie issued before sessions carried an id cannot be revoked; it expires within SESSION_HOURS.)
  if (data.sid && await isRevoked(db, data.sid)) return null;
  let entry = userCache.get(data.n);
  if (!entry || Date.now() - entry.at >= 10_000) {
    const u = await getUser(db, data.n);
    entry = { at: Date.now(), viewer: u && !u.disabled ? { name: u.name, role: u.role, regionCode: u.region_code } : null, k: u ? credentialOf(u.password_hash) : '' };
    userCache.set(data.n, entry);
  }
  // (Likewise a cookie from before sessions carried `k` is not bound to the password; it expires within SESSION_HOURS.)
  if (data.k !== undefined && data.k !== entry.k) return null;
  return entry.viewer;
}

/** Failed sign-ins of a name within LOCK_WINDOW_MS before it is locked for LOCK_MS (登录失败处理: 限制非法登录次数). */
export const LOCK_AFTER = 5;
const LOCK_WINDOW_MS = 15 * 60_000;
const LOCK_MS = LOCK_MINUTES * 60_000;

/**
 * The lockout lives in the database (`login_attempts`, migration 020), not in this process: several processes
 * serving one ClickHouse each see every failure, and a restart forgets no lock. A name's state is its rows of the
 * last LOCK_WINDOW_MS + LOCK_MS replayed in order — a failure while not locked counts (one that completes
 * LOCK_AFTER within LOCK_WINDOW_MS locks the name for LOCK_MS from it and starts the count afresh), a failure while
 * locked does not, a success clears — so a lock still running at `now` and the failures it follows are in range.
 * Returns when the lock ends (0: none) and the failures counting towards the next one.
 */
async function lockState(db: Db, name: string, now: number): Promise<LockState> {
  const rows = await db.rows<{ t: number | string; ok: number }>(sql`
    SELECT toInt64(toUnixTimestamp64Milli(at)) AS t, ok FROM login_attempts
    WHERE name = ${p.str(name)} AND at > fromUnixTimestamp64Milli(${p.int(now - LOCK_WINDOW_MS - LOCK_MS)}, 'UTC')
    ORDER BY at, ok`, 'login lock');
  let state: LockState = { lockedUntil: 0, times: [] };
  for (const r of rows) {
    const t = Number(r.t);
    if (Number(r.ok)) state = { lockedUntil: 0, times: [] };
    else if (state.lockedUntil <= t) state = withFailure(state, t);
  }
  return state;
}

interface LockState { lockedUntil: number; times: number[] }

/** A failure at `t` of a name not locked then: counted, and the LOCK_AFTER-th within LOCK_WINDOW_MS locks it for LOCK_MS. */
function withFailure(s: LockState, t: number): LockState {
  const times = [...s.times.filter((x) => t - x < LOCK_WINDOW_MS), t];
  return times.length >= LOCK_AFTER ? { lockedUntil: t + LOCK_MS, times: [] } : { lockedUntil: s.lockedUntil, times };
}

/** A row of `login_attempts`: a failure (ok 0), or a success / an unlock that clears the failures before it (ok 1). */
function writeAttempt(db: Db, name: string, now: number, ok: 0 | 1): Promise<void> {
  return db.insert('login_attempts', [{ name, at: utcText(new Date(now)), ok }]);
}

/**
 * Locks this process has seen, until when: a locked name is refused without reading the table again for up to
 * KNOWN_LOCK_MS — then the table is read again, so an administrator's unlock (`users unlock`, unlockLogin) holds in
 * every process within that time. Only locks are kept (never "not locked", which another process's failures may
 * have changed since).
 */
const KNOWN_LOCK_MS = 30_000;
const knownLocks = new Map<string, { until: number; seen: number }>();
function noteLock(name: string, until: number, now: number): void {
  knownLocks.set(name, { until, seen: now });
  if (knownLocks.size > 10_000) for (const [k, v] of knownLocks) if (v.until <= now) knownLocks.delete(k);
}
/** The lock this process saw of `name` and may still trust at `now`, or undefined. */
function knownLock(name: string, now: number): number | undefined {
  const k = knownLocks.get(name);
  return k && k.until > now && now - k.seen < KNOWN_LOCK_MS && now >= k.seen ? k.until : undefined;
}

/**
 * Lifts the lock of `name` and clears its failures (an administrator's `users unlock`): a clearing row, as a
 * successful sign-in writes. Returns the minutes the lock still had (0: it was not locked).
 */
export async function unlockLogin(db: Db, name: string, now = Date.now()): Promise<number> {
  const { lockedUntil } = await lockState(db, name, now);
  await writeAttempt(db, name, now, 1);
  knownLocks.delete(name);
  return minutesLeft(lockedUntil, now);
}

/** Minutes left of the lock of `name` at `now` (rounded up), or 0: the lock as `login` would apply it. */
function minutesLeft(lockedUntil: number, now: number): number {
  return lockedUntil > now ? Math.ceil((lockedUntil - now) / 60_000) : 0;
}

/** Whether sign-ins of `name` are refused now (too many failures, in any process serving the database); the minutes left. */
export async function loginLocked(db: Db, name: string, now = Date.now()): Promise<number> {
  const known = knownLock(name, now);
  if (known !== undefined) return minutesLeft(known, now);
  const { lockedUntil } = await lockState(db, name, now);
  if (lockedUntil > now) noteLock(name, lockedUntil, now);
  return minutesLeft(lockedUntil, now);
}

/**
 * The viewer for a name and password, or null. After LOCK_AFTER failures of a name within 15 minutes the name is
 * locked for 15 minutes: null even with the right password (guessing stops there); `loginLocked` tells the page.
 */
export async function login(db: Db, name: string, password: string, now = Date.now()): Promise<Viewer | null> {
  const u = await getUser(db, name);
  // Same work whether or not the user exists (no user-enumeration by timing).
  const ok = await verifyPassword(password, u?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  if (knownLock(name, now) !== undefined) return null;
  const state = await lockState(db, name, now);
  if (state.lockedUntil > now) { noteLock(name, state.lockedUntil, now); return null; }
  if (!u || !ok || u.disabled) {
    await writeAttempt(db, name, now, 0);
    const after = withFailure(state, now);
    if (after.lockedUntil > now) noteLock(name, after.lockedUntil, now);
    return null;
  }
  // A success clears the failures before it (only written when there are some).
  if (state.times.some((t) => now - t < LOCK_WINDOW_MS)) await writeAttempt(db, name, now, 1);
  return { name: u.name, role: u.role, regionCode: u.region_code };
}
