/** /find's query string: `q` (the paste) and `status` (chips, repeatable). */

/** Past this the paste is not put in the URL: browsers and servers cut long URLs. */
export const MAX_URL_QUERY_CHARS = 1500;

export function readQuery(search: string): {q: string; statuses: string[]} {
  const params = new URLSearchParams(search);
  return {q: params.get('q') ?? '', statuses: params.getAll('status')};
}

export function writeQuery(q: string, statuses: readonly string[]): string {
  const params = new URLSearchParams();
  if (q.trim() && q.length <= MAX_URL_QUERY_CHARS) params.set('q', q);
  for (const s of statuses) params.append('status', s);
  const search = params.toString();
  return search ? `?${search}` : '';
}
