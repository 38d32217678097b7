/**
 * `Accept: text/csv` on any list or report under /v1: the same GET is answered as CSV with every
 * row, not one page. It asks the API itself for the JSON (the same credentials, so authentication
 * and permissions are exactly those of the JSON request), follows `nextCursor` through all pages of
 * a list (100 rows a page), and writes the rows with domain/csv.ts (formula-safe cells). A report's
 * table is its `rows`, `data` or `cohorts`. An error page is answered as it is (problem+json).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { csvTable } from '../domain/csv';

type Fetch = (req: Request, c: Context<AppEnv>) => Promise<Response>;

const PAGE = '100';
const TABLE_KEYS = ['rows', 'data', 'cohorts'] as const;

/** CSV asked for by name (`text/csv`), not merely accepted through a wildcard. */
export const wantsCsv = (accept: string | undefined) =>
  !!accept &&
  accept
    .split(',')
    .map((p) => p.split(';')[0]!.trim().toLowerCase())
    .includes('text/csv');

function tableOf(body: Record<string, unknown>): unknown[] | null {
  for (const k of TABLE_KEYS) if (Array.isArray(body[k])) return body[k] as unknown[];
  return null;
}

const fileName = (path: string) =>
  `${path
    .replace(/^\/v1\//, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')}.csv`;

export function csvExport(fetchJson: Fetch): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' || !wantsCsv(c.req.header('accept'))) return next();
    const url = new URL(c.req.url);
    const headers = new Headers(c.req.raw.headers);
    headers.set('accept', 'application/json');
    const rows: unknown[] = [];
    // Full pages (a list's `limit` is one page's size, not the export's); a report ignores `limit`.
    url.searchParams.set('limit', PAGE);
    for (;;) {
      const res = await fetchJson(new Request(url, { headers }), c);
      if (res.status !== 200 || !res.headers.get('content-type')?.includes('application/json')) return res;
      const body = (await res.json()) as Record<string, unknown>;
      const table = tableOf(body);
      if (!table) return c.json(body, 200); // not a table (a single resource): JSON as it is
      rows.push(...table);
      const next = typeof body.nextCursor === 'string' ? body.nextCursor : null;
      if (!next) break;
      url.searchParams.set('cursor', next);
    }
    return c.body(csvTable(rows as Record<string, unknown>[]), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName(url.pathname)}"`,
    });
  };
}
