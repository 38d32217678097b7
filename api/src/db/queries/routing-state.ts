/**
 * What the submission path reads and writes to route a lead: the tenant's rules (compiled once per
 * routing version and cached), a team's reps, the owner of an earlier lead, rotation counters, and
 * the rep's open-lead count.
 */
import { and, asc, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { compileRules, type CompiledRules, type RoutingRule } from '../../domain/routing';
import type { OwnerMatchKey } from '../../domain/routing';
import type { Database } from '../database';
import { leads, reps, routingCounters, routingRules, tenants } from '../schema';

import type { RepRow } from './reps';

// Compiling 10,000 rules takes ~90 ms; a submission must not pay it. Keyed by tenant, checked
// against the version every rule change bumps in the same transaction.
const compiledCache = new Map<string, { version: number; compiled: CompiledRules }>();

export async function compiledRulesFor(db: Database, tenantId: string): Promise<CompiledRules> {
  const [tenant] = await db
    .select({ version: tenants.routingVersion, fallback: tenants.routingFallback })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  const version = tenant?.version ?? 0;
  const cached = compiledCache.get(tenantId);
  if (cached && cached.version === version) return cached.compiled;
  const rows = await db
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.tenantId, tenantId), eq(routingRules.enabled, true)))
    .orderBy(asc(routingRules.position), asc(routingRules.id));
  const rules: RoutingRule[] = rows.map((r) => ({
    id: r.id,
    position: r.position,
    name: r.name,
    condition: r.condition,
    action: r.action,
    enabled: r.enabled,
  }));
  const compiled = compileRules(rules, { fallback: tenant?.fallback ?? undefined });
  if (compiledCache.size > 10_000) compiledCache.clear();
  compiledCache.set(tenantId, { version, compiled });
  return compiled;
}

export async function teamReps(db: Database, tenantId: string, teamId: string): Promise<RepRow[]> {
  return db
    .select()
    .from(reps)
    .where(and(eq(reps.tenantId, tenantId), eq(reps.teamId, teamId)));
}

/** The owner of the most recent earlier lead from the same company (or the same address). */
export async function ownerOfEarlierLead(
  db: Database,
  tenantId: string,
  key: OwnerMatchKey,
  exceptLeadId: string,
): Promise<string | null> {
  const match = key.by === 'domain' ? eq(leads.emailDomain, key.domain) : eq(leads.email, key.address);
  const [row] = await db
    .select({ repId: leads.ownerRepId })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), match, isNotNull(leads.ownerRepId), ne(leads.id, exceptLeadId)))
    .orderBy(desc(leads.id))
    .limit(1);
  return row?.repId ?? null;
}

/**
 * Next value of a rotation counter. The upsert takes the row lock, so concurrent submissions get
 * consecutive numbers in commit order: that is what makes round robin exact.
 */
export async function nextCounter(db: Database, tenantId: string, key: string): Promise<number> {
  const [row] = await db
    .insert(routingCounters)
    .values({ tenantId, key, value: 1 })
    .onConflictDoUpdate({
      target: [routingCounters.tenantId, routingCounters.key],
      set: { value: sql`${routingCounters.value} + 1` },
    })
    .returning({ value: routingCounters.value });
  return row!.value;
}

/** Current counter values without moving them (for simulations). */
export async function peekCounters(db: Database, tenantId: string): Promise<Map<string, number>> {
  const rows = await db.select().from(routingCounters).where(eq(routingCounters.tenantId, tenantId));
  return new Map(rows.map((r) => [r.key, r.value]));
}

/**
 * Takes one open-lead slot of a rep, unless a concurrent assignment filled the last one first:
 * the check and the increment are one statement, so the maximum is never exceeded. With
 * `overMaximum` (a person reassigning by hand) the maximum does not apply.
 */
export async function takeRepSlot(
  db: Database,
  tenantId: string,
  repId: string,
  now: Date,
  opts: { overMaximum?: boolean } = {},
): Promise<boolean> {
  const room = opts.overMaximum
    ? undefined
    : sql`(${reps.maxOpenLeads} IS NULL OR ${reps.openLeads} < ${reps.maxOpenLeads})`;
  const rows = await db
    .update(reps)
    .set({ openLeads: sql`${reps.openLeads} + 1`, updatedAt: now })
    .where(and(eq(reps.tenantId, tenantId), eq(reps.id, repId), room))
    .returning({ id: reps.id });
  return rows.length > 0;
}

/** Gives a slot back when a lead closes or moves to another rep. */
export async function releaseRepSlot(db: Database, tenantId: string, repId: string, now: Date) {
  await db
    .update(reps)
    .set({ openLeads: sql`GREATEST(${reps.openLeads} - 1, 0)`, updatedAt: now })
    .where(and(eq(reps.tenantId, tenantId), eq(reps.id, repId)));
}
