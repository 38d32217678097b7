/**
 * Reordering a tenant's ordered resources (routing rules, SLA policies): the new order must list
 * each of the tenant's rows exactly once; positions then become 0..n-1 in that order. The caller
 * holds the lock that keeps other writes to the order out of its transaction.
 */
import type { Database } from '../db/database';
import { orderedIds, setPositions } from '../db/queries/ordered';
import { invalidFields, type FieldError } from '../errors';

type Table = Parameters<typeof setPositions>[1];

/** `noun` names one row and all of them in the errors: 'routing rule', 'routing rules'. */
export async function reorder(
  tx: Database,
  table: Table,
  tenantId: string,
  ids: string[],
  noun: { one: string; all: string },
  now: Date,
): Promise<void> {
  const current = new Set(await orderedIds(tx, table, tenantId));
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    if (!current.has(id)) errors.push({ path: `ids.${i}`, message: `not one of your ${noun.all}` });
  });
  const listed = new Set(ids);
  const missing = [...current].filter((id) => !listed.has(id));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ', …' : '');
    errors.push({ path: 'ids', message: `must list every ${noun.one}; missing ${missing.length}: ${shown}` });
  }
  if (errors.length > 0) throw invalidFields(errors.slice(0, 50));
  await setPositions(tx, table, tenantId, ids, now);
}
