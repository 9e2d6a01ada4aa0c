'use client';
/**
 * The workbench filters as URL state: reads them from the search params (queries/filters.ts format) and
 * writes changes with router.push, so every state is a shareable link and back/forward walk through them.
 * Page-specific view parameters (not filters) live beside them in the same query string.
 */
import { useCallback, useMemo } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { filtersFromSearch, filtersToSearch, FILTER_URL_KEYS, type Filters } from '@/queries/filters';

export type ViewParams = Record<string, string | string[] | null | undefined>;

/** Builds the query string for filters + view params (view params `null`/'' are removed). */
export function buildSearch(filters: Partial<Filters>, view: URLSearchParams): string {
  const sp = new URLSearchParams(filtersToSearch(filters).slice(1));
  for (const [k, v] of view) if (!FILTER_URL_KEYS.includes(k)) sp.append(k, v);
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export function applyView(base: URLSearchParams, patch: ViewParams): URLSearchParams {
  const sp = new URLSearchParams(base);
  for (const [k, v] of Object.entries(patch)) {
    sp.delete(k);
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v)) for (const x of v) sp.append(k, x);
    else sp.set(k, v);
  }
  return sp;
}

export function useUrlFilters() {
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = sp.toString();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const filters = useMemo(() => filtersFromSearch(params), [params]);

  /** Changes filters and/or view params in one history entry. */
  const update = useCallback((patch: Partial<Filters>, view: ViewParams = {}) => {
    const next = { ...filters, ...patch };
    const s = buildSearch(next, applyView(params, view));
    router.push(`${pathname}${s}`, { scroll: false });
  }, [filters, params, pathname, router]);

  return { filters, params, search: search ? `?${search}` : '', update };
}
