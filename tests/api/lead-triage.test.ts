/**
 * What a person does to leads from the inbox: release a lead the spam traps caught, promote a
 * waitlisted lead (never past the window's limit, however many promote at once), reassign many.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capacityUsage, leadEvents, leads, outbox, reps } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { seedCapacityPolicy, seedReps, seedRule, seedSlaPolicy, seedTeam } from '../helpers/routing-seed';

describe.each(testDbKinds)('lead triage on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind, { poolSize: 30 });
  });
  afterAll(() => h.close());

  /** A tenant with a team of two, a rule to it, a 30-minute SLA and one form. */
  async function setup() {
    const t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    const team = await seedTeam(h.handle.db, t.tenantId, 'Sales');
    const repIds = (await seedReps(h.handle.db, t.tenantId, team, [{ name: 'Ann' }, { name: 'Bo' }])) as [
      string,
      string,
    ];
    await seedRule(h.handle.db, t.tenantId, { teamId: team });
    const slaId = await seedSlaPolicy(h.handle.db, t.tenantId, {
      targets: { firstResponseMinutes: 30, clock: 'calendar' },
    });
    let n = 0;
    const send = async (extra: Record<string, unknown> = {}) => {
      n++;
      const res = await submit(h, formId, { values: { name: `Lead ${n}`, email: `l${n}@co.example` }, ...extra });
      return ((await res.json()) as { leadId: string; status: string }).leadId;
    };
    return { t, formId, team, repIds, slaId, send };
  }
  const row = async (id: string) => (await h.handle.db.select().from(leads).where(eq(leads.id, id)))[0]!;
  const topicsFor = async (tenantId: string, leadId: string) =>
    (await h.handle.db.select().from(outbox).where(eq(outbox.tenantId, tenantId)).orderBy(asc(outbox.id)))
      .filter((m) => m.payload.leadId === leadId)
      .map((m) => m.topic);
  const eventTypes = async (leadId: string) =>
    (await h.handle.db.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)).orderBy(asc(leadEvents.id))).map(
      (e) => e.type,
    );
  const post = (t: TestTenant, path: string, body?: unknown) => t.api(path, { method: 'POST', body });

  it('releases a spam lead: routed, its SLA clock started, lead.created sent; 409 the second time', async () => {
    const { t, slaId, repIds, send } = await setup();
    const id = await send({ honeypot: 'http://spam.example' });
    expect(await row(id)).toMatchObject({ status: 'spam', ownerRepId: null, slaPolicyId: null });
    expect(await topicsFor(t.tenantId, id)).toEqual([]);
    h.clock.set(new Date(Date.now() + 3_600_000));
    const res = await post(t, `/v1/leads/${id}/not-spam`);
    expect(res.status).toBe(200);
    const lead = (await res.json()) as any;
    expect(lead).toMatchObject({ id, status: 'open', stage: 'new', sla: { policyId: slaId, state: 'running' } });
    expect(repIds).toContain(lead.ownerRepId);
    // The clock starts at the release, not at the submission an hour earlier.
    expect(lead.sla.dueAt).toBe(new Date(h.clock.now.getTime() + 30 * 60_000).toISOString());
    expect(await topicsFor(t.tenantId, id)).toEqual(['lead.created', 'lead.assigned']);
    const types = await eventTypes(id);
    expect(types).toEqual(['lead.created', 'lead.not_spam', 'lead.routed', 'lead.sla_started']);
    const again = await post(t, `/v1/leads/${id}/not-spam`);
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).type).toBe('https://inlet.dev/problems/conflict');
    const open = await send();
    expect((await post(t, `/v1/leads/${open}/not-spam`)).status).toBe(409);
    // Another tenant's lead is not found.
    const other = await seedTenant(h, 'Other');
    expect((await post(other, `/v1/leads/${id}/not-spam`)).status).toBe(404);
    h.clock.set(new Date());
    await h.settle();
  });

  it('promotes a waitlisted lead into a free place; never past the limit when promotions race', async () => {
    const { t, formId, send } = await setup();
    const policyId = await seedCapacityPolicy(h.handle.db, t.tenantId, formId, {
      limit: { count: 3, per: 'day' },
      whenFull: { action: 'waitlist' },
    });
    const accepted = [await send(), await send()];
    const waitlisted: string[] = [];
    await send(); // the third place
    for (let i = 0; i < 8; i++) waitlisted.push(await send());
    expect((await h.handle.db.select().from(leads).where(inArray(leads.id, waitlisted))).map((l) => l.status)).toEqual(
      Array(8).fill('waitlisted'),
    );
    const full = await post(t, `/v1/leads/${waitlisted[0]}/promote`);
    expect(full.status).toBe(409);
    expect(await full.json()).toMatchObject({
      type: 'https://inlet.dev/problems/capacity-full',
      availability: { state: 'waitlist' },
    });
    expect((await row(waitlisted[0]!)).status).toBe('waitlisted');
    // Three more places: eight people press "promote" at once; exactly three get in.
    await t.api(`/v1/capacity-policies/${policyId}`, {
      method: 'PATCH',
      body: { policy: { limit: { count: 6, per: 'day' }, whenFull: { action: 'waitlist' } } },
    });
    const answers = await Promise.all(waitlisted.map((id) => post(t, `/v1/leads/${id}/promote`)));
    const codes = answers.map((a) => a.status).sort();
    expect(codes).toEqual([200, 200, 200, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409))
      expect(((await a.json()) as any).type).toBe('https://inlet.dev/problems/capacity-full');
    const [usage] = await h.handle.db.select().from(capacityUsage).where(eq(capacityUsage.policyId, policyId));
    expect(usage!.used).toBe(6);
    // The policy answers its current window: the tenant's day (UTC), six taken, none left.
    const policy = (await (await t.api(`/v1/capacity-policies/${policyId}`)).json()) as any;
    const day = h.clock.now.toISOString().slice(0, 10);
    expect(policy.window).toEqual({
      startsAt: `${day}T00:00:00.000Z`,
      endsAt: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString(),
      taken: 6,
      left: 0,
    });
    const promoted = (await h.handle.db.select().from(leads).where(inArray(leads.id, waitlisted))).filter(
      (l) => l.status === 'open',
    );
    expect(promoted).toHaveLength(3);
    for (const l of promoted) {
      expect(l.ownerRepId).not.toBeNull();
      expect(l.slaState).toBe('running');
      expect(await eventTypes(l.id)).toEqual(['lead.created', 'lead.promoted', 'lead.routed', 'lead.sla_started']);
      expect(await topicsFor(t.tenantId, l.id)).toEqual(['lead.created', 'lead.promoted', 'lead.assigned']);
    }
    // An open lead is not waitlisted: 409 conflict, not capacity-full.
    const notWaitlisted = await post(t, `/v1/leads/${accepted[0]}/promote`);
    expect(notWaitlisted.status).toBe(409);
    expect(((await notWaitlisted.json()) as any).type).toBe('https://inlet.dev/problems/conflict');
    await h.settle();
  });

  it('reassigns many leads in one go, each with its event and notification', async () => {
    const { t, repIds, send } = await setup();
    const [ann, bo] = repIds;
    const ids = [await send(), await send(), await send(), await send()];
    const openOf = async (id: string) => (await h.handle.db.select().from(reps).where(eq(reps.id, id)))[0]!.openLeads;
    const before = await h.handle.db.select().from(leads).where(inArray(leads.id, ids));
    const toBo = before.filter((l) => l.ownerRepId !== bo).length;
    const boBefore = await openOf(bo);
    const res = await post(t, '/v1/leads/assign', { ids, repId: bo, note: 'Territory change' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.changed).toBe(toBo);
    expect(body.data.map((l: any) => [l.id, l.ownerRepId])).toEqual(ids.map((id) => [id, bo]));
    expect(await openOf(bo)).toBe(boBefore + toBo);
    expect(await openOf(ann)).toBe(0);
    for (const l of before.filter((x) => x.ownerRepId !== bo)) {
      const ev = (await h.handle.db.select().from(leadEvents).where(eq(leadEvents.leadId, l.id))).find(
        (e) => e.type === 'lead.reassigned',
      );
      expect(ev).toMatchObject({ data: { fromRepId: l.ownerRepId, toRepId: bo, note: 'Territory change' } });
      expect((await topicsFor(t.tenantId, l.id)).filter((x) => x === 'lead.assigned')).toHaveLength(2);
    }
    await h.settle();
  });

  it('refuses the whole bulk reassignment when one id is unknown, another tenant’s or spam, storing nothing', async () => {
    const { t, repIds, send } = await setup();
    const other = await setup();
    const ids = [await send(), await send()];
    const spam = await send({ fillMs: 5 });
    const foreign = await other.send();
    const snapshot = async () =>
      (
        await h.handle.db
          .select()
          .from(leads)
          .where(inArray(leads.id, [...ids, spam, foreign]))
      ).map((l) => [l.id, l.ownerRepId, l.updatedAt.toISOString()]);
    await h.settle(); // the submissions' deliveries (webhooks, email) finish before the snapshot
    const before = { rows: await snapshot(), counts: await t.rowCounts(), otherCounts: await other.t.rowCounts() };
    const target = (await row(ids[0]!)).ownerRepId === repIds[0] ? repIds[1] : repIds[0];
    const cases: [unknown, number][] = [
      [{ ids: [...ids, 'lead_01JD3Q5V7X9K2M4N6P8R0S2T4V'], repId: target }, 404],
      [{ ids: [...ids, foreign], repId: target }, 404],
      [{ ids: [...ids, spam], repId: target }, 409],
      [{ ids, repId: other.repIds[0] }, 422],
      [{ ids: [], repId: target }, 422],
      [{ ids: [ids[0], ids[0]], repId: target }, 422],
      [{ ids: ['nope'], repId: target }, 422],
    ];
    for (const [body, status] of cases) {
      const res = await post(t, '/v1/leads/assign', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect(await snapshot()).toEqual(before.rows);
    expect(await t.rowCounts()).toEqual(before.counts);
    expect(await other.t.rowCounts()).toEqual(before.otherCounts);
    const missing = await post(t, '/v1/leads/assign', { ids: [...ids, foreign], repId: target });
    expect(((await missing.json()) as any).missing).toEqual([foreign]);
  });
});
