import { enc, get, type Lead, type Page } from '../api';

/**
 * The most recent leads, at most `limit` (the board and the stalled list show these; the inbox pages
 * through all of them).
 */
export async function recentLeads(limit = 500): Promise<Lead[]> {
  const out: Lead[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Lead> = await get(`/v1/leads?limit=100${cursor ? `&cursor=${enc(cursor)}` : ''}`);
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor && out.length < limit);
  return out.slice(0, limit);
}
