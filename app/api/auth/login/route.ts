import { NextResponse } from 'next/server';
import { getDb } from '@/server/db/client';
import { issueSession, login, loginLocked, SESSION_COOKIE } from '@/server/auth/users';
import { audit } from '@/server/auth/audit';
import { clientAddress } from '@/server/auth/clientAddress';
import { safeNext } from '@/server/auth/safeNext';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  const db = await getDb();
  // A body that is not a form (JSON, nothing) signs no one in: the sign-in page again, not a 500.
  const form = await req.formData().catch(() => new FormData());
  const name = String(form.get('name') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const nextRaw = String(form.get('next') ?? '/');
  const next = safeNext(nextRaw);
  const ip = clientAddress(req.headers);
  const viewer = name && password ? await login(db, name, password) : null;
  // Relative Location: the browser stays on the host it used (127.0.0.1, a proxy's name …), where the cookie is.
  const redirect = (location: string) => new NextResponse(null, { status: 303, headers: { location } });
  if (!viewer) {
    const locked = name ? await loginLocked(db, name) : 0;
    audit(db, { name, role: '' }, 'login_failed', '/login', locked ? { name, locked: true } : { name }, ip);
    return redirect(`/login?error=${locked ? `locked&wait=${locked}` : '1'}&next=${encodeURIComponent(next)}`);
  }
  audit(db, viewer, 'login', '/login', {}, ip);
  const s = await issueSession(db, viewer.name);
  const res = redirect(next);
  const https = req.headers.get('x-forwarded-proto') === 'https' || new URL(req.url).protocol === 'https:';
  res.cookies.set(SESSION_COOKIE, s.value, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: s.maxAge, secure: https });
  return res;
}
