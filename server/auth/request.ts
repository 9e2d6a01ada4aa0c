/** Request-side helpers for route handlers and server components (Next only). */
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '../db/client';
import { SESSION_COOKIE, viewerFromSession } from './users';
import { clientAddress } from './clientAddress';
import type { Role, Viewer } from './viewer';

export async function currentViewer(): Promise<Viewer | null> {
  const c = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!c) return null;
  return viewerFromSession(await getDb(), c);
}

/** For pages: the viewer, or a redirect to the login page (or to the home page when the role may not see it). */
export async function requireViewer(roles?: Role[]): Promise<Viewer> {
  const v = await currentViewer();
  if (!v) redirect('/login');
  if (roles && !roles.includes(v.role)) redirect('/?forbidden=1');
  return v;
}

/** The client's address (clientAddress.ts) in a server component or route handler. */
export async function clientIp(): Promise<string> {
  return clientAddress(await headers());
}
