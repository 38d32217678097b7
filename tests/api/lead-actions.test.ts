/** Recording what happened to a lead, reassigning it, and simulating routing. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reps } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { seedReps, seedRule, seedTeam } from '../helpers/routing-seed';

describe.each(testDbKinds)('lead events, assignment and simulation on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let formId: string;
  let team: string;
  let repA: string;
  let repB: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    formId = (await t.createForm()).id;
    team = await seedTeam(h.handle.db, t.tenantId, 'Sales');
    [repA, repB] = (await seedReps(h.handle.db, t.tenantId, team, [{ name: 'Alice' }, { name: 'Bob' }])) as [
      string,
      string,
    ];
    await seedRule(
      h.handle.db,
      t.tenantId,
      { teamId: team },
      { condition: { field: 'values.email', op: 'ends_with', value: '.example' } },
    );
  });
  afterAll(() => h.close());

  const newLead = async (email = `x${Math.random().toString(36).slice(2, 8)}@acme.example`) =>
    ((await (await submit(h, formId, { values: { name: 'Lead', email } })).json()) as { leadId: string }).leadId;
  const openLeads = async (repId: string) =>
    (await h.handle.db.select({ n: reps.openLeads }).from(reps).where(eq(reps.id, repId)))[0]!.n;
  const event = (leadId: string, body: unknown) => t.api(`/v1/leads/${leadId}/events`, { body });
  const lead = async (id: string) => (await (await t.api(`/v1/leads/${id}`)).json()) as any;

  it('records the first response once and keeps later contacts as events', async () => {
    const id = await newLead();
    h.clock.set(new Date(Date.now() + 60_000));
    const first = await event(id, { type: 'contacted', channel: 'phone', note: 'Left a voicemail' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      type: 'lead.contacted',
      leadStatus: 'open',
      data: { channel: 'phone', note: 'Left a voicemail' },
    });
    const firstAt = (await lead(id)).firstResponseAt;
    expect(firstAt).toBe(h.clock.now.toISOString());
    h.clock.set(new Date(Date.now() + 120_000));
    expect((await event(id, { type: 'contacted' })).status).toBe(201);
    const l = await lead(id);
    expect(l.firstResponseAt).toBe(firstAt);
    expect(l.events.filter((e: any) => e.type === 'lead.contacted')).toHaveLength(2);
    h.clock.set(new Date());
  });

  it('closes a won lead with its amount and frees the rep’s slot; churn only after won', async () => {
    const id = await newLead();
    const owner = (await lead(id)).ownerRepId;
    const before = await openLeads(owner);
    expect((await event(id, { type: 'stage_changed', stage: 'proposal' })).status).toBe(201);
    expect((await event(id, { type: 'churned' })).status).toBe(409);
    const won = await event(id, { type: 'won', amount: 1234.56, currency: 'EUR' });
    expect(won.status).toBe(201);
    expect(await openLeads(owner)).toBe(before - 1);
    const l = await lead(id);
    expect(l).toMatchObject({
      status: 'won',
      stage: 'proposal',
      wonAmount: 1234.56,
      wonAmountMinor: 123456,
      currency: 'EUR',
    });
    expect(l.closedAt).toBeTruthy();
    expect((await event(id, { type: 'lost' })).status).toBe(409);
    expect((await event(id, { type: 'churned', reason: 'budget', lostAmount: 1234.56 })).status).toBe(201);
    expect((await lead(id)).status).toBe('churned');
    // churn does not give the slot back twice
    expect(await openLeads(owner)).toBe(before - 1);
  });

  it('refuses unknown types, bad amounts and future times with problem+json, storing nothing', async () => {
    const id = await newLead();
    const before = await t.rowCounts();
    for (const body of [
      { type: 'hired' },
      { type: 'won', amount: -5, currency: 'USD' },
      { type: 'won', amount: 5, currency: 'usd' },
      { type: 'contacted', occurredAt: '2999-01-01T00:00:00Z' },
      { type: 'stage_changed' },
    ]) {
      const res = await event(id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect(await t.rowCounts()).toEqual(before);
    expect((await event('lead_01JD3Q5V7X9K2M4N6P8R0S2T4V', { type: 'contacted' })).status).toBe(404);
  });

  it('reassigns by hand, moving the open-lead slot and recording who did it', async () => {
    const id = await newLead();
    const from = (await lead(id)).ownerRepId as string;
    const to = from === repA ? repB : repA;
    const [fromBefore, toBefore] = [await openLeads(from), await openLeads(to)];
    const res = await t.api(`/v1/leads/${id}/assign`, { body: { repId: to, note: 'speaks German' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).ownerRepId).toBe(to);
    expect([await openLeads(from), await openLeads(to)]).toEqual([fromBefore - 1, toBefore + 1]);
    const ev = (await lead(id)).events.find((e: any) => e.type === 'lead.reassigned');
    expect(ev).toMatchObject({
      data: { fromRepId: from, toRepId: to, note: 'speaks German' },
      actor: expect.stringMatching(/^api_key:key_/),
    });
  });

  it("cannot assign to another tenant's rep", async () => {
    const other = await seedTenant(h, 'Other');
    const otherTeam = await seedTeam(h.handle.db, other.tenantId, 'Theirs');
    const [theirRep] = await seedReps(h.handle.db, other.tenantId, otherTeam, [{}]);
    const id = await newLead();
    const res = await t.api(`/v1/leads/${id}/assign`, { body: { repId: theirRep } });
    expect(res.status).toBe(422);
    expect((await lead(id)).ownerRepId).not.toBe(theirRep);
  });

  it('simulates routing without storing anything, with saved or draft rules', async () => {
    const before = await t.rowCounts();
    const saved = await t.api('/v1/routing/simulate', { body: { lead: { values: { email: 'sim@acme.example' } } } });
    expect(saved.status).toBe(200);
    const out = (await saved.json()) as any;
    expect(out.team).toEqual({ id: team, name: 'Sales' });
    expect([repA, repB]).toContain(out.rep.id);
    expect(out.decision.source.kind).toBe('rule');
    const noMatch = (await (
      await t.api('/v1/routing/simulate', { body: { lead: { values: { email: 'sim@acme.org' } } } })
    ).json()) as any;
    expect(noMatch.decision.source.kind).toBe('none');
    const draft = (await (
      await t.api('/v1/routing/simulate', {
        body: {
          lead: { values: { email: 'sim@acme.org', country: 'Germany' } },
          rules: [
            {
              name: 'DACH',
              condition: { field: 'country', op: 'in', value: ['DE', 'AT', 'CH'] },
              action: { teamId: team, strategy: 'named_rep', repId: repB },
            },
          ],
        },
      })
    ).json()) as any;
    expect(draft.rep.id).toBe(repB);
    expect(draft.facts.country).toBe('DE');
    expect(await t.rowCounts()).toEqual(before);
  });

  it('answers 400 invalid-condition for a draft rule with an unknown operator', async () => {
    const res = await t.api('/v1/routing/simulate', {
      body: {
        lead: { values: {} },
        rules: [
          {
            name: 'x',
            condition: { field: 'country', op: 'regex', value: '.*' },
            action: { teamId: team, strategy: 'round_robin' },
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).type).toBe('https://inlet.dev/problems/invalid-condition');
  });
});
