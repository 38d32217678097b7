/**
 * Writes to a tenant's routing: rules and the fallback. Each runs in one transaction that first
 * bumps the tenant's routing version (compiled rules are cached per version), then checks the
 * teams and reps the action names, then writes.
 */
import type { Database } from '../db/database';
import {
  bumpRoutingVersion,
  deleteRule,
  findRule,
  insertRule,
  updateRule,
  writeFallback,
  type RoutingRuleInput,
  type RoutingRuleRow,
} from '../db/queries/routing-rules';
import { routingRules } from '../db/schema';
import type { RoutingAction } from '../domain/routing';
import { notFound } from '../errors';
import { checkActionReferences } from './routing-references';
import { reorder } from './reorder';

export function createRule(
  db: Database,
  tenantId: string,
  input: RoutingRuleInput,
  now: Date,
): Promise<RoutingRuleRow> {
  return db.transaction(async (tx) => {
    await bumpRoutingVersion(tx, tenantId);
    await checkActionReferences(tx, tenantId, input.action, ['action']);
    return insertRule(tx, tenantId, input, now);
  });
}

export function changeRule(
  db: Database,
  tenantId: string,
  ruleId: string,
  patch: Partial<RoutingRuleInput>,
  now: Date,
): Promise<RoutingRuleRow> {
  return db.transaction(async (tx) => {
    await bumpRoutingVersion(tx, tenantId);
    if (!(await findRule(tx, tenantId, ruleId))) throw notFound('routing rule');
    if (patch.action) await checkActionReferences(tx, tenantId, patch.action, ['action']);
    const row = await updateRule(tx, tenantId, ruleId, patch, now);
    if (!row) throw notFound('routing rule');
    return row;
  });
}

export function removeRule(db: Database, tenantId: string, ruleId: string): Promise<void> {
  return db.transaction(async (tx) => {
    await bumpRoutingVersion(tx, tenantId);
    if (!(await deleteRule(tx, tenantId, ruleId))) throw notFound('routing rule');
  });
}

/** Positions become 0..n-1 in the order given; `ids` must hold each of the tenant's rules once. */
export function reorderRules(db: Database, tenantId: string, ids: string[], now: Date): Promise<void> {
  return db.transaction(async (tx) => {
    await bumpRoutingVersion(tx, tenantId);
    await reorder(tx, routingRules, tenantId, ids, { one: 'routing rule', all: 'routing rules' }, now);
  });
}

export function setFallback(db: Database, tenantId: string, fallback: RoutingAction | null): Promise<void> {
  return db.transaction(async (tx) => {
    await bumpRoutingVersion(tx, tenantId);
    if (fallback) await checkActionReferences(tx, tenantId, fallback, []);
    await writeFallback(tx, tenantId, fallback);
  });
}
