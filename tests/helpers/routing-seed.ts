/** Seeds teams, reps and rules straight into the database for routing tests. */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../api/src/db/database';
import { reps, routingRules, teams, tenants } from '../../api/src/db/schema';
import type { BusinessCalendar } from '../../api/src/domain/business-hours';
import type { Condition } from '../../api/src/domain/conditions';
import { newId } from '../../api/src/domain/ids';
import type { RoutingAction } from '../../api/src/domain/routing';

export async function seedTeam(db: Database, tenantId: string, name: string, opts: { slackWebhookUrl?: string } = {}) {
  const id = newId('team');
  await db.insert(teams).values({ id, tenantId, name, slackWebhookUrl: opts.slackWebhookUrl ?? null });
  return id;
}

export interface RepSeed {
  name?: string;
  weight?: number;
  position?: number;
  active?: boolean;
  maxOpenLeads?: number | null;
  workingHours?: BusinessCalendar | null;
  outOfOffice?: { from: string; to: string }[];
  slackWebhookUrl?: string;
}

export async function seedReps(db: Database, tenantId: string, teamId: string, seeds: RepSeed[]) {
  const ids: string[] = [];
  for (const [i, s] of seeds.entries()) {
    const id = newId('rep');
    await db.insert(reps).values({
      id,
      tenantId,
      teamId,
      name: s.name ?? `Rep ${i + 1}`,
      email: `rep${i + 1}.${id.slice(-6).toLowerCase()}@seller.example`,
      position: s.position ?? i,
      weight: s.weight ?? 1,
      active: s.active ?? true,
      maxOpenLeads: s.maxOpenLeads ?? null,
      workingHours: s.workingHours ?? null,
      outOfOffice: s.outOfOffice ?? [],
      slackWebhookUrl: s.slackWebhookUrl ?? null,
    });
    ids.push(id);
  }
  return ids;
}

const MATCH_ALL: Condition = { all: [] };

export async function seedRule(db: Database, tenantId: string, action: Partial<RoutingAction> & { teamId: string }, opts: { condition?: Condition; position?: number; name?: string } = {}) {
  const id = newId('rule');
  await db.insert(routingRules).values({
    id,
    tenantId,
    position: opts.position ?? 0,
    name: opts.name ?? 'Everyone',
    condition: opts.condition ?? MATCH_ALL,
    action: { strategy: 'round_robin', overflow: { kind: 'unassigned' }, ...action } as RoutingAction,
    enabled: true,
  });
  await db.update(tenants).set({ routingVersion: sql`${tenants.routingVersion} + 1` }).where(eq(tenants.id, tenantId));
  return id;
}
