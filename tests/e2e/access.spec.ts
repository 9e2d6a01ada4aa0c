/**
 * Access rules tested from the outside, over HTTP, for every role and every tRPC procedure:
 * the policy below is declared here, independently of the routers; a procedure missing from it fails the test,
 * so every new procedure gets a deliberate decision. Also: SQL injection attempts through every workbench filter,
 * region scope of a county/prefecture analyst, and partner suppression.
 */
import { test, expect, type APIRequestContext } from '@playwright/test';
import { appRouter } from '../../server/trpc/root';
import { E2E_USERS } from './users';
import { readSeedCsv } from './seedCsv';

type Role = 'admin' | 'analyst' | 'leader' | 'partner';
const ALL: Role[] = ['admin', 'analyst', 'leader', 'partner'];
const STAFF: Role[] = ['admin', 'analyst'];
const READERS: Role[] = ['admin', 'analyst', 'leader'];
const ADMIN: Role[] = ['admin'];

/** Who may call what. Patterns: exact procedure names, or 'router.*'. Public procedures: role list 'public'. */
const POLICY: Record<string, Role[] | 'public'> = {
  'system.health': 'public',
  'system.me': ALL,
  'admin.*': ADMIN,
  'data.*': ADMIN,
  'overview.*': ALL,
  'reference.*': ALL,
  'research.meta': ALL,
  'research.facets': ALL,
  'research.distribution': ALL,
  'research.matrix': ALL,
  'research.trend': ALL,
  'research.migration': ALL,
  'research.concentrations': ALL,
  'research.rising': ALL,
  'research.enterprises': STAFF,
  'research.notes': READERS,
  'research.saveNote': STAFF,
  'research.deleteNote': STAFF,
  'map.options': ALL,
  'map.areas': ALL,
  'map.addressEnterprises': STAFF,
  'map.unplaced': STAFF,
  'warnings.*': STAFF,
  'classify.models': ALL,
  'classify.months': ALL,
  'classify.start': ADMIN,
  'classify.*': STAFF,
  'inspections.*': STAFF,
  'objections.setDay': ADMIN,
  'objections.resetDay': ADMIN,
  'objections.*': STAFF,
  'briefing.*': READERS,
};

function policyFor(name: string): Role[] | 'public' | undefined {
  if (POLICY[name]) return POLICY[name];
  const router = name.split('.')[0];
  return POLICY[`${router}.*`];
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>)
  .map(([name, p]) => ({ name, type: p._def.type }));

const cookies: Partial<Record<string, string>> = {};

async function signInCookie(request: APIRequestContext, name: string): Promise<string> {
  if (cookies[name]) return cookies[name]!;
  const u = E2E_USERS.find((x) => x.name === name)!;
  const res = await request.post('/api/auth/login', { form: { name: u.name, password: u.password, next: '/' }, maxRedirects: 0 });
  expect(res.status()).toBe(303);
  const set = res.headers()['set-cookie'] ?? '';
  const m = /xy_session=([^;]+)/.exec(set);
  expect(m, `session cookie for ${name}`).toBeTruthy();
  cookies[name] = `xy_session=${m![1]}`;
  return cookies[name]!;
}

async function call(request: APIRequestContext, cookie: string | null, name: string, type: string, input: unknown) {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const body = { json: input };
  const res = type === 'mutation'
    ? await request.post(`/api/trpc/${name}`, { headers: { ...headers, 'content-type': 'application/json' }, data: body })
    : await request.get(`/api/trpc/${name}?input=${encodeURIComponent(JSON.stringify(body))}`, { headers });
  const text = await res.text();
  return { status: res.status(), text, json: (() => { try { return JSON.parse(text) as { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string; data?: { code?: string } } } }; } catch { return null; } })() };
}

const roleUser: Record<Role, string> = { admin: 'admin', analyst: 'analyst', leader: 'leader', partner: 'partner' };

test('every procedure has a declared policy', () => {
  const missing = procedures.filter((p) => !policyFor(p.name)).map((p) => p.name);
  expect(missing, 'procedures without a policy in tests/e2e/access.spec.ts').toEqual([]);
  expect(procedures.length).toBeGreaterThan(30);
});

test('anonymous requests are refused (401) everywhere but health', async ({ request }) => {
  for (const p of procedures) {
    const r = await call(request, null, p.name, p.type, {});
    if (policyFor(p.name) === 'public') expect(r.status, p.name).toBe(200);
    else expect(r.status, p.name).toBe(401);
  }
});

for (const role of ALL) {
  test(`role ${role}: forbidden procedures answer 403, allowed ones never 401/403/500`, async ({ request }) => {
    const cookie = await signInCookie(request, roleUser[role]);
    for (const p of procedures) {
      const pol = policyFor(p.name);
      if (pol === 'public' || pol === undefined) continue;
      // Empty input: allowed procedures answer 200 (defaults) or 400 (validation) — never run anything with garbage.
      const r = await call(request, cookie, p.name, p.type, {});
      if (pol.includes(role)) {
        expect([200, 400, 404], `${role} → ${p.name}: ${r.text.slice(0, 200)}`).toContain(r.status);
      } else {
        expect(r.status, `${role} must not reach ${p.name}`).toBe(403);
      }
    }
  });
}

const baseFilters = { model: 'general', tags: [], status: [] };
const INJECTIONS = ["220100' OR 1=1 --", "C'; DROP TABLE enterprises; --", '1) UNION SELECT name FROM users --', "\\' OR ''='"];

test('SQL injection through every filter is rejected or treated as data', async ({ request }) => {
  const cookie = await signInCookie(request, 'analyst');
  const base = await call(request, cookie, 'research.distribution', 'query', { filters: baseFilters, by: 'prefecture', limit: 40 });
  expect(base.status).toBe(200);
  const total = (base.json?.result?.data?.json as { rows: Array<{ total?: number; n?: number }> }).rows.length;
  expect(total).toBeGreaterThan(0);
  for (const bad of INJECTIONS) {
    // Validated fields: the value cannot even reach SQL.
    for (const filters of [{ region: bad }, { industry: bad }, { month: bad }, { model: bad }, { status: [bad] }]) {
      const r = await call(request, cookie, 'research.distribution', 'query', { filters: { ...baseFilters, ...filters }, by: 'prefecture', limit: 40 });
      expect(r.status, JSON.stringify(filters)).toBe(400);
    }
    // Free-text fields: refused when too long (400), otherwise they travel as placeholders — a value that
    // matches nothing returns nothing (never every row).
    for (const filters of [{ entityType: bad }, { tags: [bad] }, { tags: [bad.slice(0, 12)] }]) {
      const r = await call(request, cookie, 'research.distribution', 'query', { filters: { ...baseFilters, ...filters }, by: 'prefecture', limit: 40 });
      expect([200, 400], JSON.stringify(filters)).toContain(r.status);
      if (r.status === 200) expect((r.json?.result?.data?.json as { rows: unknown[] }).rows, JSON.stringify(filters)).toEqual([]);
    }
    // Dimensions come from allowlists.
    const dim = await call(request, cookie, 'research.distribution', 'query', { filters: baseFilters, by: bad, limit: 40 });
    expect(dim.status).toBe(400);
  }
  // The tables are still there.
  const after = await call(request, cookie, 'research.distribution', 'query', { filters: baseFilters, by: 'prefecture', limit: 40 });
  expect(after.status).toBe(200);
  expect(after.text).toBe(base.text);
});

test('a prefecture-scoped analyst sees only their region, whatever they ask for', async ({ request }) => {
  const cookie = await signInCookie(request, 'changchun');
  const all = await call(request, cookie, 'research.distribution', 'query', { filters: baseFilters, by: 'county', limit: 200 });
  expect(all.status).toBe(200);
  const rows = (all.json?.result?.data?.json as { rows: Array<{ key: string }> }).rows;
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.key.startsWith('2201'), r.key).toBe(true);
  const other = await call(request, cookie, 'research.distribution', 'query', { filters: { ...baseFilters, region: '220200' }, by: 'county', limit: 200 });
  expect(other.status).toBe(200);
  expect((other.json?.result?.data?.json as { rows: unknown[] }).rows).toEqual([]);
  // An enterprise outside the region cannot be opened.
  const outside = readSeedCsv('enterprises.csv').find((e) => !e.region_code!.startsWith('2201'))!;
  const inside = readSeedCsv('enterprises.csv').find((e) => e.region_code!.startsWith('2201'))!;
  const denied = await call(request, cookie, 'classify.enterprise', 'query', { uscc: outside.uscc });
  expect([403, 404]).toContain(denied.status);
  expect(denied.text).not.toContain(outside.name!);
  const ok = await call(request, cookie, 'classify.enterprise', 'query', { uscc: inside.uscc });
  expect(ok.status).toBe(200);
  expect(ok.text).toContain(inside.name!);
});

test('partners get aggregates only: no identities, small cells suppressed', async ({ request }) => {
  const cookie = await signInCookie(request, 'partner');
  const some = readSeedCsv('enterprises.csv').slice(0, 50);
  for (const [name, input] of [
    ['research.distribution', { filters: baseFilters, by: 'county', limit: 200 }],
    ['research.matrix', { filters: baseFilters, rows: 'county', cols: 'division', maxRows: 24, maxCols: 20 }],
    ['research.concentrations', { filters: baseFilters, rows: 'county', cols: 'division', minSize: 1, rankBy: 'share', limit: 50 }],
  ] as const) {
    const r = await call(request, cookie, name, 'query', input);
    expect(r.status, name).toBe(200);
    for (const e of some) {
      expect(r.text, name).not.toContain(e.uscc!);
      expect(r.text, name).not.toContain(e.name!);
    }
    // Every group (cell) a partner receives has at least 10 enterprises, or its size is suppressed (null).
    // (Class counts inside a published group of ≥ 10 are part of the aggregate.)
    const counts: number[] = [];
    JSON.stringify(r.json?.result?.data?.json, (k, v: unknown) => {
      if (['n', 'count', 'total'].includes(k) && typeof v === 'number') counts.push(v);
      return v;
    });
    expect(counts.length, name).toBeGreaterThan(0);
    for (const c of counts) expect(c === 0 || c >= 10, `${name}: a count of ${c} reached a partner`).toBe(true);
  }
});

test('signing out ends the session on the server: a copy of the cookie is refused (401) afterwards', async ({ request }) => {
  const u = E2E_USERS.find((x) => x.name === 'leader')!;
  const res = await request.post('/api/auth/login', { form: { name: u.name, password: u.password, next: '/' }, maxRedirects: 0 });
  const copy = `xy_session=${/xy_session=([^;]+)/.exec(res.headers()['set-cookie'] ?? '')![1]}`;
  expect((await call(request, copy, 'overview.summary', 'query', {})).status).toBe(200);
  const out = await request.post('/api/auth/logout', { headers: { cookie: copy }, maxRedirects: 0 });
  expect(out.status()).toBe(303);
  expect((await call(request, copy, 'overview.summary', 'query', {})).status).toBe(401);
  // The other signed-in users are untouched.
  expect((await call(request, await signInCookie(request, 'analyst'), 'overview.summary', 'query', {})).status).toBe(200);
});
