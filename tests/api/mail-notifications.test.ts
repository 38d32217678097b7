/**
 * Notification emails, delivered to a local server speaking Resend's API: a routed lead emails its
 * rep (who, which campaign, a link to it), a manual reassignment emails the new rep, a rep whose
 * preference is `off` gets nothing, an SLA warning emails the owner and a breach the owner and the
 * team's shared inbox (per the policy), and a hostile lead name is escaped in the HTML.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../api/src/db/schema';
import { runTick } from '../../api/src/jobs/tick';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { startMailReceiver, type MailReceiver, type SentEmail } from '../helpers/mail-receiver';
import { seedRule, seedSlaPolicy } from '../helpers/routing-seed';

const PUBLIC_URL = 'https://inlet.example';
const CAMPAIGN_PAGE = 'https://www.example.com/pricing?utm_source=newsletter&utm_campaign=spring_launch';

describe.each(testDbKinds)('notification email on %s', (kind) => {
  let h: Harness;
  let provider: MailReceiver;

  beforeAll(async () => {
    provider = await startMailReceiver();
    h = await createHarness(kind, {
      publicUrl: PUBLIC_URL,
      mail: { provider: 'resend', apiKey: provider.apiKey, from: 'Inlet <mail@inlet.example>', apiUrl: provider.url },
    });
  });
  afterAll(async () => {
    await h?.close();
    await provider?.close();
  });

  const mailTo = (to: string): SentEmail[] => provider.emails.filter((e) => e.to.includes(to));
  const unique = (name: string) => `${name}.${Math.random().toString(36).slice(2, 8)}@sales.example`;

  async function workspace(opts: { teamEmail?: string; repNotifications?: 'immediate' | 'off' } = {}) {
    const t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    const teamRes = await t.api('/v1/teams', { body: { name: 'Sales EMEA', email: opts.teamEmail ?? null } });
    expect(teamRes.status).toBe(201);
    const team = (await teamRes.json()) as { id: string; email: string | null };
    expect(team.email).toBe(opts.teamEmail ?? null);
    const repEmail = unique('ada');
    const repRes = await t.api('/v1/reps', {
      body: {
        teamId: team.id,
        name: 'Ada Lovelace',
        email: repEmail,
        ...(opts.repNotifications ? { emailNotifications: opts.repNotifications } : {}),
      },
    });
    expect(repRes.status).toBe(201);
    const rep = (await repRes.json()) as { id: string; emailNotifications: string };
    expect(rep.emailNotifications).toBe(opts.repNotifications ?? 'immediate');
    await seedRule(h.handle.db, t.tenantId, { teamId: team.id }, { name: 'EMEA inbound' });
    const send = async (name: string) => {
      const res = await submit(h, formId, { values: { name, email: unique('lead') } }, { referer: CAMPAIGN_PAGE });
      expect(res.status).toBe(201);
      await h.settle();
      return ((await res.json()) as { leadId: string }).leadId;
    };
    return { t, formId, team, rep: { ...rep, email: repEmail }, send };
  }

  const mailRows = (t: TestTenant) =>
    h.handle.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.tenantId, t.tenantId), like(outbox.topic, 'mail.%')));

  it('emails the rep a routed lead: who, from which campaign, and a link to it', async () => {
    const { rep, send } = await workspace();
    const leadId = await send('Grace Hopper');
    const [email] = await provider.waitForEmails(1).then(() => mailTo(rep.email));
    expect(email).toBeDefined();
    expect(email!.subject).toBe('New lead for you: Grace Hopper from spring_launch');
    expect(email!.from).toBe('Inlet <mail@inlet.example>');
    expect(email!.text).toContain(`Open the lead: ${PUBLIC_URL}/app/leads/${leadId}`);
    expect(email!.text).toMatch(/Campaign: +spring_launch/);
    expect(email!.text).toMatch(/Routed by: +EMEA inbound/);
    expect(email!.html).toContain(`href="${PUBLIC_URL}/app/leads/${leadId}"`);
  });

  it('escapes a hostile lead name in the HTML and keeps the subject to one line', async () => {
    const { rep, send } = await workspace();
    const leadId = await send('<img src=x onerror=alert(1)>\r\nBcc: victim@example.com');
    const [email] = mailTo(rep.email);
    expect(email!.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email!.html).not.toContain('<img');
    expect(email!.subject).toBe(
      'New lead for you: <img src=x onerror=alert(1)> Bcc: victim@example.com from spring_launch',
    );
    expect(email!.text).toContain(`${PUBLIC_URL}/app/leads/${leadId}`);
  });

  it('sends nothing to a rep whose preference is off, and starts again once it is immediate', async () => {
    const { t, rep, send } = await workspace({ repNotifications: 'off' });
    await send('Quiet Lead');
    expect(mailTo(rep.email)).toHaveLength(0);
    expect(await mailRows(t)).toHaveLength(0);
    const patched = await t.api(`/v1/reps/${rep.id}`, { method: 'PATCH', body: { emailNotifications: 'immediate' } });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { emailNotifications: string }).emailNotifications).toBe('immediate');
    await send('Loud Lead');
    expect(mailTo(rep.email).map((e) => e.subject)).toEqual(['New lead for you: Loud Lead from spring_launch']);
    const refused = await t.api(`/v1/reps/${rep.id}`, { method: 'PATCH', body: { emailNotifications: 'weekly' } });
    expect(refused.status).toBe(422);
  });

  it('emails the new rep of a manual reassignment', async () => {
    const { t, team, send } = await workspace();
    const leadId = await send('Reassigned Lead');
    const other = unique('lin');
    const repRes = await t.api('/v1/reps', { body: { teamId: team.id, name: 'Lin Chen', email: other } });
    const otherRep = (await repRes.json()) as { id: string };
    const res = await t.api(`/v1/leads/${leadId}/assign`, { body: { repId: otherRep.id } });
    expect(res.status).toBe(200);
    await h.settle();
    const [email] = mailTo(other);
    expect(email!.subject).toBe('New lead for you: Reassigned Lead from spring_launch');
    expect(email!.text).toContain('a lead was assigned to you by a teammate');
    expect(email!.text).toContain(`${PUBLIC_URL}/app/leads/${leadId}`);
  });

  it('emails an SLA warning to the owner, and a breach to the owner and the team inbox', async () => {
    h.clock.set('2026-12-01T10:00:00Z');
    const inbox = unique('emea-team');
    const { t, rep, send } = await workspace({ teamEmail: inbox });
    await seedSlaPolicy(h.handle.db, t.tenantId, {
      targets: { firstResponseMinutes: 60, clock: 'calendar', warnAtFraction: 0.5 },
      escalation: { notifyOwner: true, notifyTeam: true },
    });
    const leadId = await send('Waiting Lead');
    h.clock.set('2026-12-01T10:31:00Z');
    await runTick(h.handle.db, h.clock.now, h.deps);
    const warning = mailTo(rep.email).filter((e) => e.subject.startsWith('SLA warning'));
    expect(warning.map((e) => e.subject)).toEqual(['SLA warning: Waiting Lead is waiting for a first response']);
    expect(warning[0]!.text).toContain('due at 2026-12-01 11:00 UTC');
    expect(warning[0]!.text).toContain(`${PUBLIC_URL}/app/leads/${leadId}`);
    expect(mailTo(inbox)).toHaveLength(0);

    h.clock.set('2026-12-01T11:01:00Z');
    await runTick(h.handle.db, h.clock.now, h.deps);
    await runTick(h.handle.db, h.clock.now, h.deps);
    const breach = 'SLA breached: Waiting Lead got no first response in time';
    expect(
      mailTo(rep.email)
        .filter((e) => e.subject.startsWith('SLA breached'))
        .map((e) => e.subject),
    ).toEqual([breach]);
    expect(mailTo(inbox).map((e) => e.subject)).toEqual([breach]);
    expect(mailTo(inbox)[0]!.text).toMatch(/Owner: +Ada Lovelace/);
  });
});
