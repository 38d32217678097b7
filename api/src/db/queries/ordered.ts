/**
 * Resources tried in an order the customer sets (routing rules, SLA policies): listed by position,
 * then id. The order is not by id, so a page cursor carries the last row's position as well:
 * `12.rule_01JD…`.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../database';

interface OrderedColumns {
  tenantId: AnyPgColumn;
  position: AnyPgColumn;
  id: AnyPgColumn;
}

/** Rows after the cursor's row, or undefined for the first page. */
export function afterCursor(t: OrderedColumns, cursor: string | undefined): SQL | undefined {
  const dot = cursor?.indexOf('.') ?? -1;
  if (!cursor || dot <= 0) return undefined;
  return sql`(${t.position}, ${t.id}) > (${Number(cursor.slice(0, dot))}, ${cursor.slice(dot + 1)})`;
}

/** The position after the tenant's last row (a new row without a position goes last). */
export function lastPlusOne(table: OrderedColumns, tenantId: string): SQL<number> {
  return sql<number>`(select coalesce(max(${table.position}) + 1, 0) from ${table} where ${table.tenantId} = ${tenantId})`;
}

/** `page()` for ordered rows: the rows fetched with limit+1, and the cursor of the next page. */
export function orderedPage<T extends { position: number; id: string }>(
  rows: T[],
  limit: number,
): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? `${last.position}.${last.id}` : null };
}

/** A table of ordered rows: it has `tenant_id`, `position`, `id` and `updated_at` columns. */
type OrderedTable = PgTable & OrderedColumns;

/** Every id of the tenant's rows (in no particular order). */
export async function orderedIds(db: Database, table: OrderedTable, tenantId: string): Promise<string[]> {
  const rows = await db.select({ id: table.id }).from(table).where(eq(table.tenantId, tenantId));
  return rows.map((r) => r.id as string);
}

/** Positions 0..n-1 in the order of `ids`, in one statement (a tenant may have thousands of rows). */
export async function setPositions(
  db: Database,
  table: OrderedTable,
  tenantId: string,
  ids: string[],
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  // The ids travel as one JSON parameter: drivers disagree on how to bind a JS array.
  await db.execute(sql`
    update ${table} set position = ordered.ord - 1, updated_at = ${now.toISOString()}::timestamptz
    from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) with ordinality as ordered(id, ord)
    where ${table.tenantId} = ${tenantId} and ${table.id} = ordered.id`);
}
