/**
 * Routing inside the submission transaction: rules → team → rep, exact round robin under
 * concurrency, availability, overflow, owner matching, the stored explanation, and tenant walls.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads, reps } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { seedReps, seedRule, seedTeam } from '../helpers/routing-seed';

describe.each(testDbKinds)('routing on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind, { poolSize: 40 });
  });
  afterAll(() => h.close());

  async function tenantWithForm() {
    const t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    let n = 0;
    const send = async (email?: string, extra: Record<string, unknown> = {}) => {
      n++;
      const res = await submit(h, formId, {
        values: { name: `Lead ${n}`, email: email ?? `lead${n}@company${n}.example`, ...extra },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { leadId: string }).leadId;
    };
    return { t, formId, send };
  }
  const ownerOf = async (leadId: string) =>
    (
      await h.handle.db.select({ owner: leads.ownerRepId, team: leads.teamId }).from(leads).where(eq(leads.id, leadId))
    )[0]!;
  const routedEvent = async (t: TestTenant, leadId: string) => {
    const lead = (await (await t.api(`/v1/leads/${leadId}`)).json()) as any;
    return lead.events.find((e: any) => e.type === 'lead.routed').data;
  };
  const tally = async (leadIds: string[]) => {
    const counts = new Map<string, number>();
    for (const id of leadIds) {
      const { owner } = await ownerOf(id);
      counts.set(owner!, (counts.get(owner!) ?? 0) + 1);
    }
    return counts;
  };

  it('gives each of 5 reps exactly 40 of 200 racing submissions (round robin)', async () => {
    const { t, send } = await tenantWithForm();
    const team = await seedTeam(h.handle.db, t.tenantId, 'Sales');
    const ids = await seedReps(h.handle.db, t.tenantId, team, [{}, {}, {}, {}, {}]);
    await seedRule(h.handle.db, t.tenantId, { teamId: team });
    const leadIds = await Promise.all(Array.from({ length: 200 }, () => send()));
    const counts = await tally(leadIds);
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()]).toEqual([40, 40, 40, 40, 40]);
    const open = await h.handle.db.select({ n: reps.openLeads }).from(reps).where(eq(reps.teamId, team));
    expect(open.map((r) => r.n)).toEqual([40, 40, 40, 40, 40]);
  });

  it('evens out open leads exactly under 150 racing submissions (least open)', async () => {
    const { t, send } = await tenantWithForm();
    const team = await seedTeam(h.handle.db, t.tenantId, 'Least open');
    const ids = await seedReps(h.handle.db, t.tenantId, team, [{}, {}, {}, {}, {}]);
    const start = [10, 20, 0, 5, 15]; // 50 open already; with 150 more, 40 each is the only even spread
    for (const [i, id] of ids.entries())
      await h.handle.db.update(reps).set({ openLeads: start[i]! }).where(eq(reps.id, id));
    await seedRule(h.handle.db, t.tenantId, { teamId: team, strategy: 'least_open' });
    const leadIds = await Promise.all(Array.from({ length: 150 }, () => send()));
    const counts = await tally(leadIds);
    expect(ids.map((id) => counts.get(id) ?? 0)).toEqual(start.map((s) => 40 - s));
    const open = await h.handle.db.select({ n: reps.openLeads }).from(reps).where(eq(reps.teamId, team));
    expect(open.map((r) => r.n)).toEqual([40, 40, 40, 40, 40]);
  });

  it('keeps the weighted ratio exactly over whole cycles', async () => {
    const { t, send } = await tenantWithForm();
    const team = await seedTeam(h.handle.db, t.tenantId, 'Weighted');
    const [a, b, c] = await seedReps(h.handle.db, t.tenantId, team, [{ weight: 3 }, { weight: 2 }, { weight: 1 }]);
    await seedRule(h.handle.db, t.tenantId, { teamId: team, strategy: 'weighted_round_robin' });
    const leadIds = await Promise.all(Array.from({ length: 60 }, () => send()));
    const counts = await tally(leadIds);
    expect([counts.get(a!), counts.get(b!), counts.get(c!)]).toEqual([30, 20, 10]);
  });

  it('skips reps out of office, outside their hours, inactive or full, and says why', async () => {
    const { t, send } = await tenantWithForm();
    h.clock.set('2026-11-25T15:00:00Z'); // Wednesday 10:00 in New York, 00:00 Thursday in Tokyo
    const team = await seedTeam(h.handle.db, t.tenantId, 'Skips');
    const tokyo9to5 = {
      timeZone: 'Asia/Tokyo',
      mode: 'business' as const,
      weekly: {
        mon: [{ start: '09:00', end: '17:00' }],
        tue: [{ start: '09:00', end: '17:00' }],
        wed: [{ start: '09:00', end: '17:00' }],
        thu: [{ start: '09:00', end: '17:00' }],
        fri: [{ start: '09:00', end: '17:00' }],
        sat: [],
        sun: [],
      },
      holidays: [],
    };
    const [ooo, night, inactive, full, ok] = await seedReps(h.handle.db, t.tenantId, team, [
      { outOfOffice: [{ from: '2026-11-20T00:00:00Z', to: '2026-11-30T00:00:00Z' }] },
      { workingHours: tokyo9to5 },
      { active: false },
      { maxOpenLeads: 0 },
      {},
    ]);
    await seedRule(h.handle.db, t.tenantId, { teamId: team }, { name: 'All leads' });
    const leadId = await send();
    expect((await ownerOf(leadId)).owner).toBe(ok);
    const why = await routedEvent(t, leadId);
    expect(why.source).toMatchObject({ kind: 'rule', ruleName: 'All leads' });
    expect(Object.fromEntries(why.attempts[0].considered.map((c: any) => [c.repId, c.outcome]))).toEqual({
      [ooo!]: 'out_of_office',
      [night!]: 'outside_working_hours',
      [inactive!]: 'inactive',
      [full!]: 'at_capacity',
      [ok!]: 'chosen',
    });
    h.clock.set(new Date());
  });

  it('overflows to the next team, and queues unassigned with an alert when nobody can take it', async () => {
    const { t, send } = await tenantWithForm();
    const busy = await seedTeam(h.handle.db, t.tenantId, 'Busy');
    await seedReps(h.handle.db, t.tenantId, busy, [{ active: false }]);
    const backup = await seedTeam(h.handle.db, t.tenantId, 'Backup');
    const [backupRep] = await seedReps(h.handle.db, t.tenantId, backup, [{ maxOpenLeads: 1 }]);
    await seedRule(h.handle.db, t.tenantId, { teamId: busy, overflow: { kind: 'next_team', teamId: backup } });

    const first = await send();
    expect(await ownerOf(first)).toEqual({ owner: backupRep, team: backup });
    expect((await routedEvent(t, first)).overflow).toBe('next_team');

    const before = await t.rowCounts();
    const second = await send();
    expect(await ownerOf(second)).toEqual({ owner: null, team: backup });
    const why = await routedEvent(t, second);
    expect(why.overflow).toBe('unassigned');
    // lead.created + lead.unassigned (the alert)
    expect((await t.rowCounts()).outbox - before.outbox).toBe(2);
  });

  it("sends a returning company's lead to its owner (owner matching), but never free-mail strangers", async () => {
    const { t, send } = await tenantWithForm();
    const team = await seedTeam(h.handle.db, t.tenantId, 'Accounts');
    await seedReps(h.handle.db, t.tenantId, team, [{}, {}, {}]);
    await seedRule(h.handle.db, t.tenantId, { teamId: team, ownerMatching: true });
    const first = await send('ada@acme.example');
    const owner = (await ownerOf(first)).owner;
    const again = [await send('grace@acme.example'), await send('linus@acme.example')];
    for (const id of again) expect((await ownerOf(id)).owner).toBe(owner);
    expect((await routedEvent(t, again[0]!)).strategy).toBe('owner_match');
    // Two gmail users are not one company: round robin goes on.
    const g1 = await send('one@gmail.com');
    const g2 = await send('two@gmail.com');
    expect((await ownerOf(g1)).owner).not.toBe((await ownerOf(g2)).owner);
  });

  it('matches rules on field values and touchpoints, first matching rule wins', async () => {
    const { t, formId } = await tenantWithForm();
    const emea = await seedTeam(h.handle.db, t.tenantId, 'EMEA');
    const [emeaRep] = await seedReps(h.handle.db, t.tenantId, emea, [{}]);
    const paid = await seedTeam(h.handle.db, t.tenantId, 'Paid');
    const [paidRep] = await seedReps(h.handle.db, t.tenantId, paid, [{}]);
    const rest = await seedTeam(h.handle.db, t.tenantId, 'Rest');
    const [restRep] = await seedReps(h.handle.db, t.tenantId, rest, [{}]);
    await seedRule(
      h.handle.db,
      t.tenantId,
      { teamId: paid },
      { position: 0, condition: { field: 'firstTouch.channel', op: 'eq', value: 'paid_search' } },
    );
    await seedRule(
      h.handle.db,
      t.tenantId,
      { teamId: emea },
      { position: 1, condition: { field: 'email.domain', op: 'ends_with', value: '.de' } },
    );
    await seedRule(h.handle.db, t.tenantId, { teamId: rest }, { position: 2 });
    const post = async (email: string, url: string) => {
      const res = await submit(h, formId, {
        values: { name: 'X', email },
        touchpoints: [{ url, occurredAt: new Date().toISOString() }],
      });
      return ((await res.json()) as any).leadId as string;
    };
    expect((await ownerOf(await post('a@firma.de', 'https://www.example.com/?gclid=1'))).owner).toBe(paidRep);
    expect((await ownerOf(await post('b@firma.de', 'https://www.example.com/'))).owner).toBe(emeaRep);
    expect((await ownerOf(await post('c@firm.fr', 'https://www.example.com/'))).owner).toBe(restRep);
  });

  it("never assigns another tenant's rep, even if a rule names that tenant's team", async () => {
    const other = await seedTenant(h, 'Other');
    const theirTeam = await seedTeam(h.handle.db, other.tenantId, 'Theirs');
    const [theirRep] = await seedReps(h.handle.db, other.tenantId, theirTeam, [{}]);
    const { t, send } = await tenantWithForm();
    await seedRule(h.handle.db, t.tenantId, { teamId: theirTeam });
    const leadId = await send();
    const { owner } = await ownerOf(leadId);
    expect(owner).toBeNull();
    expect(owner).not.toBe(theirRep);
  });
});
