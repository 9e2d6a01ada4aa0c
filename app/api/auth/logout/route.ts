import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/server/db/client';
import { revokeSession, SESSION_COOKIE } from '@/server/auth/users';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Signs out: the session ends on the server (a copy of the cookie stops working too) and the browser forgets it. */
export async function POST(req: NextRequest) {
  await revokeSession(await getDb(), req.cookies.get(SESSION_COOKIE)?.value);
  const res = new NextResponse(null, { status: 303, headers: { location: '/login' } });
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 });
  return res;
}
