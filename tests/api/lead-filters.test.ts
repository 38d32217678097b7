/**
 * The inbox's lead filters: search by name or email (LIKE wildcards taken literally), campaign,
 * owner (a rep, or "mine"), SLA state at the request's time, with cursor pages; and the `sla`
 * object every lead answers, which always agrees with the filter.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLeads } from '../../api/src/db/queries/leads';
import { repIdsByEmail } from '../../api/src/db/queries/reps';
import { reps } from '../../api/src/db/schema';
import { sweepSla } from '../../api/src/jobs/sla-sweep';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { seedReps, seedRule, seedSlaPolicy, seedTeam } from '../helpers/routing-seed';

const T0 = Date.parse('2026-11-02T15:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

describe.each(testDbKinds)('lead filters on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let formId: string;
  let me: string;
  const ids: Record<string, string> = {};

  const send = async (key: string, name: string, email: string, campaigns: string[] = []) => {
    const touchpoints = campaigns.map((campaign, i) => ({
      url: `https://www.example.com/?utm_source=ads&utm_campaign=${encodeURIComponent(campaign)}`,
      occurredAt: new Date(h.clock.now.getTime() - (campaigns.length - i) * 1000).toISOString(),
    }));
    const res = await submit(h, formId, { values: { name, email }, ...(touchpoints.length ? { touchpoints } : {}) });
    ids[key] = ((await res.json()) as { leadId: string }).leadId;
  };
  const contacted = (key: string) => t.api(`/v1/leads/${ids[key]}/events`, { body: { type: 'contacted' } });
  const list = async (query: string) => {
    const res = await t.api(`/v1/leads?${query}`);
    expect(res.status, query).toBe(200);
    return ((await res.json()) as { data: any[]; nextCursor: string | null }).data;
  };
  const keysOf = (rows: { id: string }[]) =>
    rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? r.id).sort();

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    formId = (await t.createForm()).id;
    const team = await seedTeam(h.handle.db, t.tenantId, 'Sales');
    me = (await seedReps(h.handle.db, t.tenantId, team, [{ name: 'Me', maxOpenLeads: 100 }]))[0]!;
    await h.handle.db.update(reps).set({ email: 'Me@Seller.example' }).where(eq(reps.id, me));
    await seedRule(
      h.handle.db,
      t.tenantId,
      { teamId: team },
      { condition: { field: 'values.name', op: 'contains', value: 'mine' } },
    );
    await seedSlaPolicy(h.handle.db, t.tenantId, {
      targets: { firstResponseMinutes: 60, clock: 'calendar', warnAtFraction: 0.5 },
    });
    h.clock.set(at(0));
    await send('ada', 'Ada Lovelace mine', 'ada@analytical.example', ['spring', 'autumn']);
    await send('grace', 'Grace 100% Hopper', 'GRACE@navy.example', ['spring']);
    await send('under', 'under_score', 'u@x.example');
    await send('slash', 'back\\slash', 'b@x.example');
    await send('met', 'Met Soon', 'met@x.example');
    h.clock.set(at(5));
    await contacted('met');
    h.clock.set(at(35));
    await send('soon', 'Soon Due mine', 'soon@x.example'); // due at 95, warned from 65
    h.clock.set(at(62));
    await sweepSla(h.handle.db, at(62)); // nothing due yet: the sweep only warns
    h.clock.set(at(70));
    await send('fresh', 'Fresh', 'fresh@x.example'); // due at 130
    await contacted('under'); // answered late: breached
    await sweepSla(h.handle.db, at(70)); // ada, grace, slash: marked breached, still unanswered
    await h.settle();
  });
  afterAll(() => h.close());

  it('searches name or email, case-insensitively, with % _ and \\ taken literally', async () => {
    expect(keysOf(await list('q=ADA'))).toEqual(['ada']);
    expect(keysOf(await list('q=lovelace'))).toEqual(['ada']);
    expect(keysOf(await list('q=grace%40navy'))).toEqual(['grace']);
    expect(keysOf(await list('q=100%25'))).toEqual(['grace']);
    expect(keysOf(await list('q=%25'))).toEqual(['grace']);
    expect(keysOf(await list('q=_'))).toEqual(['under']);
    expect(keysOf(await list('q=%5C'))).toEqual(['slash']);
    expect(await list('q=nobody')).toEqual([]);
    expect((await t.api('/v1/leads?q=%00')).status).toBe(400);
    expect((await t.api(`/v1/leads?q=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it('filters by campaign of any touch, combined with other filters', async () => {
    expect(keysOf(await list('campaign=spring'))).toEqual(['ada', 'grace']);
    expect(keysOf(await list('campaign=autumn'))).toEqual(['ada']);
    expect(keysOf(await list('campaign=spring&q=grace'))).toEqual(['grace']);
    expect(await list('campaign=Spring')).toEqual([]);
  });

  it('filters by owner: a rep id, or "mine" (a session’s email; a secret key is 422)', async () => {
    expect(keysOf(await list(`ownerRepId=${me}`))).toEqual(['ada', 'soon']);
    const res = await t.api('/v1/leads?ownerRepId=mine');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ path: 'ownerRepId' }] });
    expect((await t.api('/v1/leads?ownerRepId=rep_nope')).status).toBe(400);
    // What "mine" resolves to for a session whose email is the rep's (any case), and for a stranger.
    const mine = await repIdsByEmail(h.handle.db, t.tenantId, 'me@SELLER.example');
    expect(mine).toEqual([me]);
    const rows = await listLeads(h.handle.db, t.tenantId, { ownerRepIds: mine }, { limit: 10 });
    expect(keysOf(rows)).toEqual(['ada', 'soon']);
    expect(await listLeads(h.handle.db, t.tenantId, { ownerRepIds: [] }, { limit: 10 })).toEqual([]);
    expect(await repIdsByEmail(h.handle.db, t.tenantId, 'stranger@x.example')).toEqual([]);
  });

  it('filters by SLA state at the request’s time, and every lead’s sla object says the same', async () => {
    expect(keysOf(await list('sla=overdue'))).toEqual(['ada', 'grace', 'slash']);
    expect(keysOf(await list('sla=due_soon'))).toEqual(['soon']);
    expect(keysOf(await list('sla=met'))).toEqual(['met']);
    expect(keysOf(await list('sla=breached'))).toEqual(['under']);
    expect((await t.api('/v1/leads?sla=late')).status).toBe(400);
    const all = await list('limit=100');
    const state = (key: string) => all.find((l) => l.id === ids[key])!.sla;
    expect(state('fresh')).toMatchObject({ state: 'running', phase: 'first_response', dueAt: at(130).toISOString() });
    expect(state('soon')).toMatchObject({ state: 'due_soon', dueAt: at(95).toISOString() });
    expect(state('ada')).toMatchObject({ state: 'overdue', dueAt: at(60).toISOString() });
    expect(state('met').state).toBe('met');
    expect(state('under').state).toBe('breached');
    for (const filter of ['overdue', 'due_soon', 'met', 'breached'])
      expect(keysOf(all.filter((l) => l.sla?.state === filter))).toEqual(keysOf(await list(`sla=${filter}`)));
    // Read alone, a lead answers the same object; a closed lead's running clock is "stopped".
    const one = (await (await t.api(`/v1/leads/${ids.fresh}`)).json()) as any;
    expect(one.sla).toEqual(state('fresh'));
    await t.api(`/v1/leads/${ids.fresh}/events`, { body: { type: 'lost', reason: 'no budget' } });
    expect(((await (await t.api(`/v1/leads/${ids.fresh}`)).json()) as any).sla.state).toBe('stopped');
    // Time moves on: at 100 minutes the lead that was due soon is overdue.
    h.clock.set(at(100));
    expect(keysOf(await list('sla=overdue'))).toEqual(['ada', 'grace', 'slash', 'soon']);
    expect(await list('sla=due_soon')).toEqual([]);
    h.clock.set(at(70));
  });

  it('keeps cursor pages under filters', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.api(`/v1/leads?sla=overdue&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      const body = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
      expect(body.data.length).toBeLessThanOrEqual(1);
      seen.push(...body.data.map((l) => l.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(keysOf(seen.map((id) => ({ id })))).toEqual(['ada', 'grace', 'slash']);
    expect(new Set(seen).size).toBe(3);
  });
});
