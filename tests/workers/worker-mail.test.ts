/**
 * Email from the Workers build in workerd: a submission routed to a rep sends the assignment email
 * through the provider's HTTP API (a local server speaking Resend's protocol), with the link built
 * from the Worker's INLET_PUBLIC_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../api/src/db/queries/tenants';
import { startMailReceiver, type MailReceiver } from '../helpers/mail-receiver';
import { seedRule, seedTeam } from '../helpers/routing-seed';
import { startWorkerRuntime, type WorkerRuntime } from '../helpers/worker-runtime';
import { reps } from '../../api/src/db/schema';
import { newId } from '../../api/src/domain/ids';

const ORIGIN = 'https://www.example.com';

describe('email from the Workers runtime (workerd)', () => {
  let w: WorkerRuntime;
  let provider: MailReceiver;

  beforeAll(async () => {
    provider = await startMailReceiver();
    w = await startWorkerRuntime({
      bindings: {
        INLET_PUBLIC_URL: 'https://edge.inlet.example',
        INLET_MAIL_PROVIDER: 'resend',
        INLET_MAIL_API_KEY: provider.apiKey,
        INLET_MAIL_FROM: 'Inlet <mail@inlet.example>',
        INLET_MAIL_API_URL: provider.url,
      },
    });
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    await provider?.close();
  });

  it('sends the assignment email through the provider after the response', async () => {
    const { secretKey, tenantId } = await createTenant(w.handle.db, { name: 'Edge mail' }, new Date());
    const teamId = await seedTeam(w.handle.db, tenantId, 'Edge sales');
    await w.handle.db.insert(reps).values({
      id: newId('rep'),
      tenantId,
      teamId,
      name: 'Edge Rep',
      email: 'edge.rep@sales.example',
    });
    await seedRule(w.handle.db, tenantId, { teamId });
    const form = await w.fetch('/v1/forms', {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Edge form',
        fields: [
          { key: 'name', label: 'Name', type: 'text', required: true },
          { key: 'email', label: 'Email', type: 'email', required: true },
        ],
        allowedOrigins: [ORIGIN],
      }),
    });
    expect(form.status).toBe(201);
    const formId = ((await form.json()) as { id: string }).id;
    const res = await w.fetch(`/v1/public/forms/${formId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ values: { name: 'Edge Lead', email: 'lead@co.example' } }),
    });
    expect(res.status).toBe(201);
    const { leadId } = (await res.json()) as { leadId: string };
    const [email] = await provider.waitForEmails(1, 30_000);
    expect(email).toMatchObject({ to: ['edge.rep@sales.example'], subject: 'New lead for you: Edge Lead' });
    expect(email!.text).toContain(`https://edge.inlet.example/app/leads/${leadId}`);
  }, 60_000);
});
