/** The workspace's name and time zone, and clearing the demo data: only the seeded rows go. */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  businessCalendars,
  capacityPolicies,
  leadEvents,
  leads,
  reps,
  routingRules,
  slaPolicies,
  teams,
  tenants,
  touchpoints,
} from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness } from '../helpers/harness';
import { seedCalendar, seedCapacityPolicy, seedReps, seedRule, seedSlaPolicy, seedTeam } from '../helpers/routing-seed';

describe.each(testDbKinds)('workspace and demo data on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());

  it('reads and changes the name and time zone, refusing what is not an IANA zone', async () => {
    const t = await seedTenant(h, 'Acme');
    const other = await seedTenant(h, 'Other');
    const read = await t.api('/v1/workspace');
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: t.tenantId, name: 'Acme', timeZone: 'UTC' });
    const changed = await t.api('/v1/workspace', {
      method: 'PATCH',
      body: { name: ' Acme GmbH ', timeZone: 'Europe/Berlin' },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ name: 'Acme GmbH', timeZone: 'Europe/Berlin' });
    for (const body of [{ timeZone: 'Mars/Olympus' }, { timeZone: '+02:00' }, { name: '' }, { plan: 'pro' }]) {
      const res = await t.api('/v1/workspace', { method: 'PATCH', body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect(await (await t.api('/v1/workspace')).json()).toMatchObject({ name: 'Acme GmbH', timeZone: 'Europe/Berlin' });
    expect(await (await other.api('/v1/workspace')).json()).toMatchObject({ name: 'Other', timeZone: 'UTC' });
    expect((await h.request('/v1/workspace')).status).toBe(401);
  });

  it('clears the seeded demo rows and nothing the customer made', async () => {
    const t = await seedTenant(h, 'Demo company');
    const bystander = await seedTenant(h, 'Bystander');
    const db = h.handle.db;
    const formId = (await t.createForm()).id;
    const otherForm = (await bystander.createForm()).id;
    // The demo setup: a team of two reps, a rule to it, an SLA policy on a calendar, a capacity policy.
    const demoTeam = await seedTeam(db, t.tenantId, 'Demo sales');
    const demoReps = await seedReps(db, t.tenantId, demoTeam, [{ name: 'Dee' }, { name: 'Dan' }]);
    const demoRule = await seedRule(db, t.tenantId, { teamId: demoTeam }, { name: 'Demo rule', position: 5 });
    const calendar = await seedCalendar(db, t.tenantId);
    const demoSla = await seedSlaPolicy(db, t.tenantId, { targets: { firstResponseMinutes: 60, clock: 'calendar' } });
    const demoCapacity = await seedCapacityPolicy(db, t.tenantId, formId, {
      limit: { count: 1000, per: 'day' },
      whenFull: { action: 'waitlist' },
    });
    // A second demo team the customer has since put a rep of their own into: it stays.
    const adoptedTeam = await seedTeam(db, t.tenantId, 'Demo support');
    const [ownRep] = await seedReps(db, t.tenantId, adoptedTeam, [{ name: 'Own' }]);
    for (const [table, ids] of [
      [teams, [demoTeam, adoptedTeam]],
      [reps, demoReps],
      [routingRules, [demoRule]],
      [businessCalendars, [calendar]],
      [slaPolicies, [demoSla]],
      [capacityPolicies, [demoCapacity]],
    ] as const)
      await db
        .update(table as typeof teams)
        .set({ demo: true })
        .where(inArray((table as typeof teams).id, ids as string[]));
    await db
      .update(tenants)
      .set({ routingFallback: { teamId: demoTeam, strategy: 'round_robin', overflow: { kind: 'unassigned' } } })
      .where(eq(tenants.id, t.tenantId));
    // The customer's own rule (to the adopted team) sits after the demo rule.
    const ownRule = await seedRule(db, t.tenantId, { teamId: adoptedTeam }, { name: 'Own rule', position: 9 });

    const send = async (email: string) =>
      ((await (await submit(h, formId, { values: { name: 'L', email } })).json()) as { leadId: string }).leadId;
    const history = [await send('a@x.example'), await send('b@x.example')];
    await db.update(leads).set({ demo: true }).where(inArray(leads.id, history));
    const real = await send('real@x.example'); // a newcomer's lead, routed to a demo rep
    const realRow = (await db.select().from(leads).where(eq(leads.id, real)))[0]!;
    expect(demoReps).toContain(realRow.ownerRepId);
    const bystanderLead = (
      (await (await submit(h, otherForm, { values: { name: 'B', email: 'b@y.example' } })).json()) as { leadId: string }
    ).leadId;
    await h.settle();

    const res = await t.api('/v1/demo-data', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      leads: 2,
      teams: 1,
      reps: 2,
      routingRules: 1,
      slaPolicies: 1,
      businessHours: 1,
      capacityPolicies: 1,
      unassignedLeads: 1,
    });
    expect(await db.select().from(leads).where(inArray(leads.id, history))).toEqual([]);
    expect(await db.select().from(leadEvents).where(inArray(leadEvents.leadId, history))).toEqual([]);
    expect(await db.select().from(touchpoints).where(inArray(touchpoints.leadId, history))).toEqual([]);
    const after = (await (await t.api(`/v1/leads/${real}`)).json()) as any;
    expect(after).toMatchObject({ ownerRepId: null, teamId: null });
    expect(after.events.find((e: any) => e.type === 'lead.unassigned')).toMatchObject({
      data: { fromRepId: realRow.ownerRepId, reason: 'demo_data_cleared' },
      actor: expect.stringMatching(/^api_key:/),
    });
    const left = async (table: typeof teams) =>
      (await db.select({ id: table.id }).from(table).where(eq(table.tenantId, t.tenantId))).map((r) => r.id);
    expect(await left(teams)).toEqual([adoptedTeam]);
    expect(await left(reps as never)).toEqual([ownRep]);
    expect(await left(routingRules as never)).toEqual([ownRule]);
    expect(await left(slaPolicies as never)).toEqual([]);
    expect(await left(capacityPolicies as never)).toEqual([]);
    expect((await db.select().from(tenants).where(eq(tenants.id, t.tenantId)))[0]!.routingFallback).toBeNull();
    // Routing works on with what is left: the next lead goes by the customer's rule.
    const next = await send('next@x.example');
    expect((await db.select().from(leads).where(eq(leads.id, next)))[0]!.ownerRepId).toBe(ownRep);
    // Another tenant is untouched; a second clear finds nothing.
    expect(
      await db
        .select({ id: leads.id })
        .from(leads)
        .where(and(eq(leads.id, bystanderLead))),
    ).toHaveLength(1);
    const again = (await (await t.api('/v1/demo-data', { method: 'DELETE' })).json()) as Record<string, number>;
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });
});
