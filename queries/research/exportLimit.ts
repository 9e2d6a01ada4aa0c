/**
 * The most enterprises one CSV/Excel export holds (app/api/research/enterprises). A larger slice is refused with a
 * message, never cut: a file of the first 200,000 rows by score looked like the whole slice. Pure; browser-safe.
 */
export const EXPORT_MAX = 200_000;
