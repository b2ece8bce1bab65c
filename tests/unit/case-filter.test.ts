import {test} from 'node:test';
import assert from 'node:assert/strict';
import {countsFor, emptyFilters, filterCases, filtersFromSearch, searchFromFilters} from '../../src/components/CaseIndex/filter';
import type {CatalogEntry} from '../../src/catalog/types';

const entry = (id: string, over: Partial<CatalogEntry>): CatalogEntry => ({
  id, type: 'case', title: id, description: '', url: `/cases/${id}`, components: [], symptoms: [], errorPatterns: [], alerts: [], related: [], text: '', ...over,
});

const cases = [
  entry('a', {layer: 'network', components: ['networkpolicy'], symptoms: ['CrashLoopBackOff'], source: 'internal', date: '2025-11-16'}),
  entry('b', {layer: 'node', components: ['kubelet'], symptoms: ['NotReady'], source: 'public', date: '2026-02-15'}),
  entry('c', {layer: 'network', components: ['service'], symptoms: ['NoEndpoints'], source: 'public', date: '2024-05-01'}),
];

test('no filter keeps everything, newest first', () => {
  assert.deepEqual(filterCases(cases, emptyFilters()).map((c) => c.id), ['b', 'a', 'c']);
});

test('values within a facet are alternatives, facets combine', () => {
  const f = {...emptyFilters(), layer: ['network', 'node'], source: ['public']};
  assert.deepEqual(filterCases(cases, f).map((c) => c.id), ['b', 'c']);
});

test('year and sort', () => {
  assert.deepEqual(filterCases(cases, {...emptyFilters(), year: ['2025']}).map((c) => c.id), ['a']);
  assert.deepEqual(filterCases(cases, {...emptyFilters(), sort: 'oldest'}).map((c) => c.id), ['c', 'a', 'b']);
});

test('counts ignore the facet being counted', () => {
  const counts = countsFor(cases, {...emptyFilters(), layer: ['node'], source: ['public']}, 'layer');
  assert.equal(counts.get('network'), 1);
  assert.equal(counts.get('node'), 1);
});

test('filters round-trip through the URL', () => {
  const f = {...emptyFilters(), layer: ['network'], symptom: ['CrashLoopBackOff', 'NotReady'], sort: 'oldest' as const};
  const search = searchFromFilters(f);
  assert.equal(search, '?layer=network&symptom=CrashLoopBackOff&symptom=NotReady&sort=oldest');
  assert.deepEqual(filtersFromSearch(search), f);
  assert.equal(searchFromFilters(emptyFilters()), '');
});
