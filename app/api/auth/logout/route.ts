import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/server/db/client';
import { revokeSession, SESSION_COOKIE, viewerFromSession } from '@/server/auth/users';
import { audit } from '@/server/auth/audit';
import { clientAddress } from '@/server/auth/clientAddress';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Signs out: the session ends on the server (a copy of the cookie stops working too) and the browser forgets it. */
export async function POST(req: NextRequest) {
  const db = await getDb();
  const cookie = req.cookies.get(SESSION_COOKIE)?.value;
  const viewer = await viewerFromSession(db, cookie);
  await revokeSession(db, cookie);
  if (viewer) audit(db, viewer, 'logout', '/logout', {}, clientAddress(req.headers));
  const res = new NextResponse(null, { status: 303, headers: { location: '/login' } });
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 });
  return res;
}
