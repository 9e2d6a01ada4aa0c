import { NextResponse } from 'next/server';
import { getDb } from '@/server/db/client';
import { issueSession, login, SESSION_COOKIE } from '@/server/auth/users';
import { audit } from '@/server/auth/audit';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  const db = await getDb();
  const form = await req.formData();
  const name = String(form.get('name') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const nextRaw = String(form.get('next') ?? '/');
  const next = nextRaw.startsWith('/') && !nextRaw.startsWith('//') ? nextRaw : '/';
  const ip = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? '';
  const viewer = name && password ? await login(db, name, password) : null;
  const base = new URL(req.url);
  if (!viewer) {
    audit(db, { name, role: 'partner', regionCode: '' }, 'login_failed', '/login', { name }, ip);
    return NextResponse.redirect(new URL(`/login?error=1&next=${encodeURIComponent(next)}`, base), 303);
  }
  audit(db, viewer, 'login', '/login', {}, ip);
  const s = await issueSession(db, viewer.name);
  const res = NextResponse.redirect(new URL(next, base), 303);
  res.cookies.set(SESSION_COOKIE, s.value, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: s.maxAge, secure: base.protocol === 'https:' });
  return res;
}
