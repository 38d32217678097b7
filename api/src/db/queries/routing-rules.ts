import { and, asc, eq, sql } from 'drizzle-orm';
import type { Condition } from '../../domain/conditions';
import { newId } from '../../domain/ids';
import type { RoutingAction } from '../../domain/routing';
import type { Database } from '../database';
import { afterCursor, lastPlusOne } from './ordered';
import { routingRules, tenants } from '../schema';

export type RoutingRuleRow = typeof routingRules.$inferSelect;

export interface RoutingRuleInput {
  name: string;
  condition: Condition;
  action: RoutingAction;
  enabled: boolean;
  position?: number;
}

/**
 * Every change to rules or the fallback calls this first in its transaction: compiled rules are
 * cached per version, and the row lock it takes serialises routing changes within a tenant.
 */
export async function bumpRoutingVersion(db: Database, tenantId: string): Promise<number> {
  const [row] = await db
    .update(tenants)
    .set({ routingVersion: sql`${tenants.routingVersion} + 1` })
    .where(eq(tenants.id, tenantId))
    .returning({ version: tenants.routingVersion });
  return row!.version;
}

export async function insertRule(
  db: Database,
  tenantId: string,
  input: RoutingRuleInput,
  now: Date,
): Promise<RoutingRuleRow> {
  const [row] = await db
    .insert(routingRules)
    .values({
      ...input,
      id: newId('rule', now),
      tenantId,
      position: input.position ?? lastPlusOne(routingRules, tenantId),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/** A rule of this tenant, or null (another tenant's rule is null too). */
export async function findRule(db: Database, tenantId: string, ruleId: string): Promise<RoutingRuleRow | null> {
  const [row] = await db
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.tenantId, tenantId), eq(routingRules.id, ruleId)))
    .limit(1);
  return row ?? null;
}

/**
 * Rules in the order the engine tries them (position, then id). The order is not by id, so a cursor
 * carries the last rule's position as well: `12.rule_01JD…` (checked by the contract).
 */
export async function listRules(db: Database, tenantId: string, page: { limit: number; cursor?: string }) {
  return db
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.tenantId, tenantId), afterCursor(routingRules, page.cursor)))
    .orderBy(asc(routingRules.position), asc(routingRules.id))
    .limit(page.limit + 1);
}

export async function updateRule(
  db: Database,
  tenantId: string,
  ruleId: string,
  patch: Partial<RoutingRuleInput>,
  now: Date,
) {
  const [row] = await db
    .update(routingRules)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(routingRules.tenantId, tenantId), eq(routingRules.id, ruleId)))
    .returning();
  return row ?? null;
}

export async function deleteRule(db: Database, tenantId: string, ruleId: string): Promise<boolean> {
  const rows = await db
    .delete(routingRules)
    .where(and(eq(routingRules.tenantId, tenantId), eq(routingRules.id, ruleId)))
    .returning({ id: routingRules.id });
  return rows.length > 0;
}

/** The rules whose action sends leads to the team or names the rep (at most `limit`, by position). */
export async function rulesReferencing(
  db: Database,
  tenantId: string,
  ref: { teamId: string } | { repId: string },
  limit = 20,
) {
  const action = routingRules.action;
  const refers =
    'teamId' in ref
      ? sql`(${action}->>'teamId' = ${ref.teamId} or ${action}->'overflow'->>'teamId' = ${ref.teamId})`
      : sql`${action}->>'repId' = ${ref.repId}`;
  return db
    .select({ id: routingRules.id, name: routingRules.name })
    .from(routingRules)
    .where(and(eq(routingRules.tenantId, tenantId), refers))
    .orderBy(asc(routingRules.position), asc(routingRules.id))
    .limit(limit);
}

export async function readFallback(db: Database, tenantId: string): Promise<RoutingAction | null> {
  const [row] = await db
    .select({ fallback: tenants.routingFallback })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  return row?.fallback ?? null;
}

export async function writeFallback(db: Database, tenantId: string, fallback: RoutingAction | null): Promise<void> {
  await db.update(tenants).set({ routingFallback: fallback }).where(eq(tenants.id, tenantId));
}
