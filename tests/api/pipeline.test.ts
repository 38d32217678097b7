/** Pipeline stages: the default pipeline, stage CRUD and order, moves as events, won/lost stages, the stall check. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { seedReps, seedRule, seedTeam } from '../helpers/routing-seed';
import { createEndpoint, tick } from '../helpers/webhooks';

describe.each(testDbKinds)('pipeline on %s', (kind) => {
  let h: Harness;
  let hooks: Receiver;
  let slack: Receiver;
  beforeAll(async () => {
    h = await createHarness(kind);
    hooks = await startReceiver();
    slack = await startReceiver();
  });
  afterAll(async () => {
    await h.close();
    await hooks.close();
    await slack.close();
  });

  async function tenantWithLeads() {
    const t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    const team = await seedTeam(h.handle.db, t.tenantId, 'Sales');
    // The scheduler ticks for every tenant: each test's owner has a Slack path of its own.
    const slackPath = `/${t.tenantId}`;
    const [rep] = (await seedReps(h.handle.db, t.tenantId, team, [
      { name: 'Ana', slackWebhookUrl: slack.url + slackPath },
    ])) as [string];
    await seedRule(h.handle.db, t.tenantId, { teamId: team });
    const newLead = async () =>
      (
        (await (
          await submit(h, formId, {
            values: { name: 'Lead', email: `x${Math.random().toString(36).slice(2, 8)}@acme.example` },
          })
        ).json()) as { leadId: string }
      ).leadId;
    return { t, rep, newLead, slackPath };
  }
  const stages = async (t: TestTenant) => ((await (await t.api('/v1/pipeline/stages')).json()) as { data: any[] }).data;
  const lead = async (t: TestTenant, id: string) => (await (await t.api(`/v1/leads/${id}`)).json()) as any;
  const move = (t: TestTenant, id: string, body: Record<string, unknown>) =>
    t.api(`/v1/leads/${id}/events`, { body: { type: 'stage_changed', ...body } });

  it('starts a workspace with the default pipeline and puts a new lead in its first stage', async () => {
    const { t, newLead } = await tenantWithLeads();
    const list = await stages(t);
    expect(list.map((s) => [s.key, s.kind, s.countsAsQualified])).toEqual([
      ['new', 'open', false],
      ['qualified', 'open', true],
      ['proposal', 'open', true],
      ['won', 'won', true],
      ['lost', 'lost', false],
    ]);
    expect(list[0].id).toMatch(/^stg_/);
    h.clock.set('2026-11-24T10:00:00Z');
    const id = await newLead();
    expect(await lead(t, id)).toMatchObject({
      stage: 'new',
      stageEnteredAt: '2026-11-24T10:00:00.000Z',
      stalledAt: null,
    });
  });

  it('creates, renames (the key stays), reorders and deletes stages; a stage with leads is 409', async () => {
    const { t, newLead } = await tenantWithLeads();
    const created = await t.api('/v1/pipeline/stages', {
      body: { name: 'Demo booked', countsAsQualified: true, stallDays: 7, entryCriteria: 'A demo is in the calendar.' },
    });
    expect(created.status).toBe(201);
    const demo = (await created.json()) as any;
    expect(demo).toMatchObject({ key: 'demo_booked', name: 'Demo booked', kind: 'open', stallDays: 7, position: 5 });
    expect((await t.api('/v1/pipeline/stages', { body: { name: 'Demo booked' } })).status).toBe(422); // same key
    const renamed = await t.api(`/v1/pipeline/stages/${demo.id}`, { method: 'PATCH', body: { name: 'Demo held' } });
    expect(await renamed.json()).toMatchObject({ key: 'demo_booked', name: 'Demo held' });
    expect((await t.api(`/v1/pipeline/stages/${demo.id}`, { method: 'PATCH', body: { key: 'demo' } })).status).toBe(
      422,
    );

    const ids = (await stages(t)).map((s) => s.id);
    const order = [ids[0], ids[1], demo.id, ...ids.slice(2).filter((x) => x !== demo.id)];
    expect((await t.api('/v1/pipeline/stages/reorder', { body: { ids: order } })).status).toBe(204);
    expect((await stages(t)).map((s) => s.key)).toEqual(['new', 'qualified', 'demo_booked', 'proposal', 'won', 'lost']);
    expect((await t.api('/v1/pipeline/stages/reorder', { body: { ids: order.slice(1) } })).status).toBe(422);

    const id = await newLead();
    expect((await move(t, id, { stage: 'demo_booked' })).status).toBe(201);
    const refused = await t.api(`/v1/pipeline/stages/${demo.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await move(t, id, { stage: 'proposal' })).status).toBe(201);
    expect((await t.api(`/v1/pipeline/stages/${demo.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await stages(t)).map((s) => s.key)).not.toContain('demo_booked');

    const other = await seedTenant(h, 'Other');
    const theirs = (await stages(other))[0].id;
    expect((await t.api(`/v1/pipeline/stages/${theirs}`, { method: 'PATCH', body: { name: 'x' } })).status).toBe(404);
    expect((await t.api(`/v1/pipeline/stages/${theirs}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses an unknown stage, and a won stage without its amount, storing nothing', async () => {
    const { t, newLead } = await tenantWithLeads();
    const id = await newLead();
    const before = await t.rowCounts();
    for (const body of [
      { stage: 'demo' },
      { stage: 'won' },
      { stage: 'won', amount: 10 },
      { stage: 'won', amount: 1.5, currency: 'JPY' },
    ]) {
      const res = await move(t, id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect(await t.rowCounts()).toEqual(before);
  });

  it('records a move into a won stage as won (lead.won fires, money in minor units), a lost stage as lost', async () => {
    const { t, newLead } = await tenantWithLeads();
    const endpoint = await createEndpoint(t, `${hooks.url}/won`, ['lead.won', 'lead.lost']);
    h.clock.set('2026-11-24T10:00:00Z');
    const a = await newLead();
    const b = await newLead();
    h.clock.set('2026-11-25T10:00:00Z');
    expect((await move(t, a, { stage: 'qualified' })).status).toBe(201);
    h.clock.set('2026-11-26T10:00:00Z');
    const won = await move(t, a, { stage: 'won', amount: 150000, currency: 'JPY' });
    expect(won.status).toBe(201);
    expect(await won.json()).toMatchObject({
      type: 'lead.stage_changed',
      leadStatus: 'won',
      data: { stage: 'won', fromStage: 'qualified', amountMinor: 150000 },
    });
    const l = await lead(t, a);
    expect(l).toMatchObject({
      status: 'won',
      stage: 'won',
      wonAmount: 150000,
      wonAmountMinor: 150000,
      currency: 'JPY',
      closedAt: '2026-11-26T10:00:00.000Z',
    });
    expect(
      l.events
        .filter((e: any) => e.type.startsWith('lead.stage_changed') || e.type === 'lead.won')
        .map((e: any) => [e.type, e.occurredAt]),
    ).toEqual([
      ['lead.stage_changed', '2026-11-25T10:00:00.000Z'],
      ['lead.stage_changed', '2026-11-26T10:00:00.000Z'],
      ['lead.won', '2026-11-26T10:00:00.000Z'],
    ]);
    expect((await move(t, b, { stage: 'lost', reason: 'no budget' })).status).toBe(201);
    expect(await lead(t, b)).toMatchObject({ status: 'lost', stage: 'lost' });
    await h.settle();
    const got = hooks.requests.filter((r) => r.path === '/won').map((r) => JSON.parse(r.body));
    expect(got.map((m) => m.type).sort()).toEqual(['lead.lost', 'lead.won']);
    expect(got.find((m) => m.type === 'lead.won').data).toMatchObject({
      leadId: a,
      amountMinor: 150000,
      currency: 'JPY',
    });
    expect(endpoint.id).toMatch(/^whe_/);
  });

  it('keeps each currency in its own minor units: KWD has three decimals, JPY none', async () => {
    const { t, newLead } = await tenantWithLeads();
    const kwd = await newLead();
    expect(
      (await t.api(`/v1/leads/${kwd}/events`, { body: { type: 'won', amount: '12.345', currency: 'KWD' } })).status,
    ).toBe(201);
    expect(await lead(t, kwd)).toMatchObject({ wonAmount: 12.345, wonAmountMinor: 12345, currency: 'KWD' });
    const usd = await newLead();
    expect(
      (await t.api(`/v1/leads/${usd}/events`, { body: { type: 'won', amount: 33.33, currency: 'USD' } })).status,
    ).toBe(201);
    expect((await lead(t, usd)).wonAmountMinor).toBe(3333);
    const jpy = await newLead();
    const refused = await t.api(`/v1/leads/${jpy}/events`, { body: { type: 'won', amount: 99.5, currency: 'JPY' } });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as any).errors).toEqual([
      { path: 'amount', message: expect.stringContaining('JPY') },
    ]);
    expect((await t.api(`/v1/leads/${jpy}/events`, { body: { type: 'won', amount: 1, currency: 'XTS' } })).status).toBe(
      422,
    );
  });

  it('flags a lead past its stall limit once per stay, with an event, a webhook and Slack to the owner', async () => {
    const { t, rep, newLead, slackPath } = await tenantWithLeads();
    await createEndpoint(t, `${hooks.url}${slackPath}`, ['lead.stalled']);
    h.clock.set('2026-12-01T09:00:00Z');
    const id = await newLead();
    expect((await move(t, id, { stage: 'qualified' })).status).toBe(201); // stall limit 14 days
    h.clock.set('2026-12-15T08:59:00Z');
    await tick(h);
    expect((await lead(t, id)).stalledAt).toBeNull();
    h.clock.set('2026-12-15T09:00:00Z');
    expect((await tick(h)).stalled).toBe(1);
    h.clock.set('2026-12-20T09:00:00Z');
    expect((await tick(h)).stalled).toBe(0); // once per stay
    const l = await lead(t, id);
    expect(l.stalledAt).toBe('2026-12-15T09:00:00.000Z');
    expect(l.events.filter((e: any) => e.type === 'lead.stalled')).toEqual([
      expect.objectContaining({
        data: { stage: 'qualified', stallDays: 14, enteredAt: '2026-12-01T09:00:00.000Z' },
        actor: 'system',
      }),
    ]);
    const hook = hooks.requests.filter((r) => r.path === slackPath).map((r) => JSON.parse(r.body));
    expect(hook).toEqual([
      expect.objectContaining({
        type: 'lead.stalled',
        data: expect.objectContaining({ leadId: id, repId: rep, stage: 'qualified' }),
      }),
    ]);
    const posted = slack.requests.filter((r) => r.path === slackPath && r.body.includes('turtle'));
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0]!.body).text).toContain('Qualified');

    // A new stay starts a new clock; a shorter limit set meanwhile applies to the current stay.
    expect((await move(t, id, { stage: 'proposal' })).status).toBe(201);
    expect((await lead(t, id)).stalledAt).toBeNull();
    const proposal = (await stages(t)).find((s) => s.key === 'proposal');
    await t.api(`/v1/pipeline/stages/${proposal.id}`, { method: 'PATCH', body: { stallDays: 2 } });
    h.clock.set('2026-12-22T09:00:01Z');
    expect((await tick(h)).stalled).toBe(1);
    expect((await lead(t, id)).events.filter((e: any) => e.type === 'lead.stalled')).toHaveLength(2);
  });

  it('reports leads per stage, conversion to the next stage, time in stage and stalled leads', async () => {
    const { t, rep, newLead } = await tenantWithLeads();
    const start = Date.parse('2027-01-04T10:00:00Z');
    const at = (hours: number) => h.clock.set(new Date(start + hours * 3_600_000));
    at(0);
    const [a, b, c] = [await newLead(), await newLead(), await newLead()];
    at(2);
    await move(t, c, { stage: 'qualified' });
    at(24);
    await move(t, a, { stage: 'qualified' });
    at(48);
    await move(t, b, { stage: 'qualified' });
    at(50);
    await move(t, b, { stage: 'lost' });
    at(72);
    await move(t, a, { stage: 'proposal' });
    at(96);
    await move(t, a, { stage: 'won', amount: 10, currency: 'EUR' });
    at(15 * 24);
    await tick(h); // c has been in qualified for more than 14 days
    const q = 'from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z';
    const res = await t.api(`/v1/reports/pipeline?${q}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.stages.map((s: any) => s.key)).toEqual(['new', 'qualified', 'proposal', 'won', 'lost']);
    const row = (stage: string) => body.data.find((r: any) => r.stage === stage);
    expect(row('new')).toMatchObject({
      key: 'all',
      leadsNow: 0,
      entered: 3,
      convertedToNext: 3,
      conversionToNext: 1,
      medianHoursInStage: 24,
      p90HoursInStage: 43.2,
      stalled: 0,
    });
    expect(row('qualified')).toMatchObject({
      leadsNow: 1,
      entered: 3,
      convertedToNext: 1,
      medianHoursInStage: 25,
      p90HoursInStage: 43.4,
      stalled: 1,
    });
    expect(row('qualified').conversionToNext).toBeCloseTo(1 / 3, 9);
    expect(row('proposal')).toMatchObject({ leadsNow: 0, entered: 1, convertedToNext: 1, medianHoursInStage: 24 });
    expect(row('won')).toMatchObject({ leadsNow: 1, entered: 1, convertedToNext: 0, medianHoursInStage: null });
    expect(row('lost')).toMatchObject({ leadsNow: 1, entered: 1 });
    const byOwner = (await (await t.api(`/v1/reports/pipeline?groupBy=owner&${q}`)).json()) as any;
    expect(new Set(byOwner.data.map((r: any) => r.key))).toEqual(new Set([rep]));
    expect((await t.api(`/v1/reports/pipeline?groupBy=planet&${q}`)).status).toBe(400);
  });
});
