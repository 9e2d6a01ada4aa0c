/**
 * Where to go after signing in: a path on this site, or '/'. A value that only starts with '/' is not enough: browsers
 * read '/\evil.example' (backslash) and '/<tab>/evil.example' (tabs and newlines are dropped) as '//evil.example',
 * another host — an open redirect from our own sign-in form. So the value is resolved as a browser would, and kept
 * only when it stays on this origin.
 */
export function safeNext(raw: string): string {
  if (!raw.startsWith('/') || raw.includes('\\') || [...raw].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return '/';
  const base = 'http://xinyan.invalid';
  try {
    const u = new URL(raw, base);
    return u.origin === base ? `${u.pathname}${u.search}${u.hash}` : '/';
  } catch {
    return '/';
  }
}
