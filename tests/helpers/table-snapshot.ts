/**
 * Proof that a refused request changed nothing: every table of the schema (read from the catalog,
 * so a table added later is counted too), by row count and a digest of its rows.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../api/src/db/database';

/** Columns a refused request may still write, as the README says: a key's last-used time. */
const MAY_CHANGE: Record<string, string[]> = { api_keys: ['last_used_at'] };

export type TableSnapshot = Record<string, string>;

const tableNames = new WeakMap<Database, Promise<string[]>>();

async function rowsOf<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** Every base table of the current schema, in name order. */
export function allTables(db: Database): Promise<string[]> {
  const known = tableNames.get(db);
  if (known) return known;
  const names = rowsOf<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  ).then((rows) => rows.map((r) => r.name));
  tableNames.set(db, names);
  return names;
}

/** `{ table: "rows:digest" }` for every table; equal snapshots mean no row was added, removed or changed. */
export async function snapshotTables(db: Database): Promise<TableSnapshot> {
  const tables = await allTables(db);
  const parts = tables.map((t) => {
    const row = (MAY_CHANGE[t] ?? []).reduce((expr, col) => `${expr} - '${col}'`, `to_jsonb(x)`);
    return `select '${t}' as name, count(*)::text || ':' || coalesce(md5(string_agg((${row})::text, ',' order by (${row})::text)), '') as digest from "${t}" x`;
  });
  const rows = await rowsOf<{ name: string; digest: string }>(db, sql.raw(parts.join(' union all ')));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/** The tables whose snapshot differs. */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
