/**
 * The top-bar search's query for what was typed: a Korean question becomes the Kubernetes terms
 * the pages use (`파드가 계속 재시작돼요` → `CrashLoopBackOff`); anything else is left as typed.
 * Kept apart from the finder so the search bar loads only this and the Korean word lists.
 */
import {hasHangul} from './korean';
import {readQuery} from './query';

const MAX_SEARCH_TERMS = 12;

export function searchQueryFor(typed: string): string {
  if (!hasHangul(typed)) return typed;
  return readQuery(typed, MAX_SEARCH_TERMS).search || typed;
}
