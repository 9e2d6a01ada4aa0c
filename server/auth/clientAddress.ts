/**
 * The client's address for the audit log and the sign-in record, from the request's headers (a route handler sees
 * no socket). Next's own server sets `x-forwarded-for` to the socket's address only when the request has none, and
 * a reverse proxy appends the address it received the request from: so the entries on the right are the ones
 * written by machines we run, the leftmost whatever the client chose to send. With `XINYAN_TRUSTED_PROXIES` = N
 * (default 1: one proxy such as nginx in front of the workbench, or none) the client is the N-th entry from the
 * right; `x-real-ip` when there is no `x-forwarded-for`.
 */
export function clientAddress(h: Pick<Headers, 'get'>, trustedProxies = trustedProxyCount()): string {
  const entries = (h.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!entries.length) return h.get('x-real-ip')?.trim() ?? '';
  return entries[Math.max(0, entries.length - Math.max(1, trustedProxies))]!;
}

function trustedProxyCount(): number {
  const n = Number(process.env.XINYAN_TRUSTED_PROXIES ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
