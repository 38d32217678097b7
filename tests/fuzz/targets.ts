/**
 * The endpoints the fuzz drives, each with a valid body to start from, over tenants seeded through
 * the API. Concerns live in separate tenants so that what one fuzz creates cannot send another's
 * background work out to the network: submissions go to a tenant without webhook endpoints or
 * Slack URLs, configuration is fuzzed in a tenant without leads, lead actions in a third.
 */
import { CONTACT_FIELDS, ORIGIN, seedTenant, type Harness, type TestTenant } from '../helpers/harness';

export interface Target {
  name: string;
  method: 'POST' | 'PATCH' | 'PUT';
  path: string;
  /** A body this endpoint takes (a 2xx when sent as it is, at least the first time). */
  body: unknown;
  tenant: TestTenant;
}

export interface FuzzWorld {
  /** Public submissions and reads: an open form and a form that is full (closed). */
  visitor: TestTenant;
  openFormId: string;
  closedFormId: string;
  targets: Target[];
}

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const CALENDAR = {
  timeZone: 'America/New_York',
  mode: 'business',
  weekly: { mon: NINE_TO_FIVE, fri: NINE_TO_FIVE },
  holidays: [{ date: '2026-12-25' }],
};
const CONDITION = {
  any: [
    { field: 'values.email', op: 'ends_with', value: '@acme.example' },
    { not: { field: 'firstTouch.channel', op: 'in', value: ['email'] } },
  ],
};
// Nothing listens there: a delivery the fuzz causes fails at once instead of reaching the network.
const HOOK = 'https://127.0.0.1:9/inlet';

async function created(t: TestTenant, path: string, body: unknown): Promise<string> {
  const res = await t.api(path, { body });
  if (res.status !== 201) throw new Error(`seeding ${path}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export async function seedWorld(h: Harness): Promise<FuzzWorld> {
  const visitor = await seedTenant(h, 'Visitors');
  const openFormId = (await visitor.createForm()).id;
  const closedFormId = (await visitor.createForm()).id;
  await created(visitor, '/v1/capacity-policies', {
    name: 'Full',
    formIds: [closedFormId],
    policy: { limit: { count: 0, per: 'week' }, whenFull: { action: 'closed', message: 'Back next week' } },
  });

  const admin = await seedTenant(h, 'Config');
  const form = (await admin.createForm()).id;
  const spareForm = (await admin.createForm()).id;
  const team = await created(admin, '/v1/teams', { name: 'Sales' });
  const rep = await created(admin, '/v1/reps', { teamId: team, name: 'Ada', email: 'ada@seller.example' });
  const calendar = await created(admin, '/v1/business-hours', { name: 'New York', calendar: CALENDAR });
  const rule = await created(admin, '/v1/routing/rules', {
    name: 'Acme',
    condition: CONDITION,
    action: { teamId: team, strategy: 'round_robin' },
  });
  const sla = await created(admin, '/v1/sla-policies', {
    name: 'Fast',
    condition: CONDITION,
    targets: { firstResponseMinutes: 30, clock: 'business' },
    calendarId: calendar,
  });
  const capacity = await created(admin, '/v1/capacity-policies', {
    name: 'Weekly',
    formIds: [form],
    policy: {
      limit: { count: 50, per: 'week' },
      whenFull: { action: 'waitlist', message: 'Soon' },
      softThreshold: 0.8,
    },
  });
  const endpoint = await created(admin, '/v1/webhook-endpoints', { url: HOOK, topics: ['lead.created'] });

  const sales = await seedTenant(h, 'Sales');
  const salesTeam = await created(sales, '/v1/teams', { name: 'Sales' });
  const salesRep = await created(sales, '/v1/reps', { teamId: salesTeam, name: 'Bo', email: 'bo@seller.example' });
  const salesForm = (await sales.createForm()).id;
  const submitted = await h.request(`/v1/public/forms/${salesForm}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ values: { name: 'Lee', email: 'lee@acme.example' } }),
  });
  const lead = ((await submitted.json()) as { leadId: string }).leadId;
  const salesSubmit = async (formId: string, extra: Record<string, unknown> = {}) => {
    const res = await h.request(`/v1/public/forms/${formId}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ values: { name: 'Lee', email: 'lee@acme.example' }, ...extra }),
    });
    return ((await res.json()) as { leadId: string }).leadId;
  };
  const spamLead = await salesSubmit(salesForm, { honeypot: 'bot' });
  // A waitlisted lead, then one free place: the first promotion takes it, later ones are refused (409).
  const waitForm = (await sales.createForm()).id;
  const waitPolicy = await created(sales, '/v1/capacity-policies', {
    name: 'Waitlist',
    formIds: [waitForm],
    policy: { limit: { count: 0, per: 'week' }, whenFull: { action: 'waitlist' } },
  });
  const waitlisted = await salesSubmit(waitForm);
  await sales.api(`/v1/capacity-policies/${waitPolicy}`, {
    method: 'PATCH',
    body: { policy: { limit: { count: 1, per: 'week' }, whenFull: { action: 'waitlist' } } },
  });

  const fields = CONTACT_FIELDS.slice(0, 3);
  const rules = { teamId: team, strategy: 'round_robin' };
  const t = (name: string, method: Target['method'], path: string, body: unknown, tenant = admin): Target => ({
    name,
    method,
    path,
    body,
    tenant,
  });
  return {
    visitor,
    openFormId,
    closedFormId,
    targets: [
      t('create form', 'POST', '/v1/forms', {
        name: 'Demo',
        fields,
        allowedOrigins: [ORIGIN],
        theme: { primaryColor: '#1f6feb', borderRadius: 4 },
        copy: { title: 'Hi' },
      }),
      t('update form', 'PATCH', `/v1/forms/${form}`, { name: 'Renamed', fields, copy: { submitLabel: 'Send' } }),
      t('create team', 'POST', '/v1/teams', { name: 'Support' }),
      t('update team', 'PATCH', `/v1/teams/${team}`, { name: 'Sales EU' }),
      t('create rep', 'POST', '/v1/reps', {
        teamId: team,
        name: 'Cy',
        email: 'cy@seller.example',
        timeZone: 'Europe/Paris',
      }),
      t('update rep', 'PATCH', `/v1/reps/${rep}`, {
        name: 'Ada L.',
        outOfOffice: [{ from: '2026-12-24T00:00:00Z', to: '2026-12-27T00:00:00Z', note: 'Holiday' }],
      }),
      t('create routing rule', 'POST', '/v1/routing/rules', {
        name: 'EU',
        condition: CONDITION,
        action: rules,
        enabled: true,
      }),
      t('update routing rule', 'PATCH', `/v1/routing/rules/${rule}`, { condition: CONDITION, position: 3 }),
      t('reorder routing rules', 'POST', '/v1/routing/rules/reorder', { ids: [rule] }),
      t('set routing fallback', 'PUT', '/v1/routing/fallback', rules),
      t('simulate routing', 'POST', '/v1/routing/simulate', {
        lead: { values: { email: 'x@acme.example', country: 'DE' } },
      }),
      t('create business hours', 'POST', '/v1/business-hours', {
        name: 'Paris',
        calendar: { ...CALENDAR, timeZone: 'Europe/Paris' },
      }),
      t('update business hours', 'PATCH', `/v1/business-hours/${calendar}`, { calendar: CALENDAR }),
      t('create SLA policy', 'POST', '/v1/sla-policies', {
        name: 'Slow',
        condition: CONDITION,
        targets: { firstResponseMinutes: 60, clock: 'calendar' },
      }),
      t('update SLA policy', 'PATCH', `/v1/sla-policies/${sla}`, {
        targets: { firstResponseMinutes: 45, clock: 'business', warnAtFraction: 0.5 },
      }),
      t('create capacity policy', 'POST', '/v1/capacity-policies', {
        name: 'Spare',
        formIds: [spareForm],
        policy: { limit: { count: 5, per: 'day' }, whenFull: { action: 'closed' } },
      }),
      t('update capacity policy', 'PATCH', `/v1/capacity-policies/${capacity}`, {
        policy: { limit: { count: 40, per: 'week' }, whenFull: { action: 'waitlist' } },
      }),
      t('create webhook endpoint', 'POST', '/v1/webhook-endpoints', {
        url: HOOK,
        description: 'CRM',
        topics: ['lead.*'],
      }),
      t('update webhook endpoint', 'PATCH', `/v1/webhook-endpoints/${endpoint}`, {
        description: 'CRM sync',
        enabled: false,
      }),
      t('create api key', 'POST', '/v1/api-keys', { name: 'CI' }),
      t(
        'record lead event',
        'POST',
        `/v1/leads/${lead}/events`,
        { type: 'contacted', channel: 'phone', note: 'Left a voicemail' },
        sales,
      ),
      t('assign lead', 'POST', `/v1/leads/${lead}/assign`, { repId: salesRep, note: 'speaks German' }, sales),
      t('assign leads', 'POST', '/v1/leads/assign', { ids: [lead], repId: salesRep, note: 'territory' }, sales),
      t('mark lead not spam', 'POST', `/v1/leads/${spamLead}/not-spam`, {}, sales),
      t('promote lead', 'POST', `/v1/leads/${waitlisted}/promote`, {}, sales),
      t('update workspace', 'PATCH', '/v1/workspace', { name: 'Config GmbH', timeZone: 'Europe/Berlin' }),
    ],
  };
}
