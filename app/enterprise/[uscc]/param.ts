import { typedUscc } from '../../../server/domain/uscc';

/**
 * The enterprise code from the page's path segment: percent-decoded, then as typed codes are read (typedUscc: spaces
 * anywhere removed, full-width characters made ASCII, upper-cased). A malformed escape (a link cut
 * mid-character, /enterprise/%E0%A4%A) is kept as it is rather than thrown (decodeURIComponent's URIError made the
 * page a 500): the page then says it is not a USCC.
 */
export function usccFromParam(raw: string): string {
  let s = raw;
  try { s = decodeURIComponent(raw); } catch { /* kept as written */ }
  return typedUscc(s);
}
