/**
 * Filtering and sorting of the case index, apart from React so it can be tested directly. The
 * filter state lives in the URL (`?layer=network&source=internal&sort=oldest`), so a filtered view
 * can be shared.
 */
import type {CatalogEntry} from '../../catalog/types';

export const FACETS = ['layer', 'component', 'symptom', 'source', 'year'] as const;
export type Facet = (typeof FACETS)[number];
export type Sort = 'newest' | 'oldest';

export type CaseFilters = {[F in Facet]: string[]} & {sort: Sort};

export function emptyFilters(): CaseFilters {
  return {layer: [], component: [], symptom: [], source: [], year: [], sort: 'newest'};
}

/** The values an entry has for a facet. */
export function valuesOf(entry: CatalogEntry, facet: Facet): string[] {
  switch (facet) {
    case 'layer':
      return entry.layer ? [entry.layer] : [];
    case 'component':
      return entry.components;
    case 'symptom':
      return entry.symptoms;
    case 'source':
      return entry.source ? [entry.source] : [];
    case 'year':
      return entry.date ? [entry.date.slice(0, 4)] : [];
  }
}

/** Within a facet the chosen values are alternatives (OR); across facets they all apply (AND). */
export function filterCases(entries: readonly CatalogEntry[], filters: CaseFilters): CatalogEntry[] {
  const kept = entries.filter((entry) =>
    FACETS.every((facet) => filters[facet].length === 0 || valuesOf(entry, facet).some((v) => filters[facet].includes(v))),
  );
  const direction = filters.sort === 'oldest' ? 1 : -1;
  return kept.sort((a, b) => direction * (a.date ?? '').localeCompare(b.date ?? '') || a.title.localeCompare(b.title));
}

/** How many entries each value of a facet would leave, given the other facets' choices. */
export function countsFor(entries: readonly CatalogEntry[], filters: CaseFilters, facet: Facet): Map<string, number> {
  const others = {...filters, [facet]: []};
  const counts = new Map<string, number>();
  for (const entry of filterCases(entries, others)) {
    for (const value of valuesOf(entry, facet)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

export function filtersFromSearch(search: string): CaseFilters {
  const params = new URLSearchParams(search);
  const filters = emptyFilters();
  for (const facet of FACETS) filters[facet] = params.getAll(facet);
  filters.sort = params.get('sort') === 'oldest' ? 'oldest' : 'newest';
  return filters;
}

export function searchFromFilters(filters: CaseFilters): string {
  const params = new URLSearchParams();
  for (const facet of FACETS) for (const value of filters[facet]) params.append(facet, value);
  if (filters.sort !== 'newest') params.set('sort', filters.sort);
  const search = params.toString();
  return search ? `?${search}` : '';
}
