/**
 * A valid request for every authenticated operation of the API, over a workspace seeded through the
 * API with a full key: what a full key sends here answers 2xx (DELETE and resend excepted: see
 * `requestFor`). The permission matrix (tests/api/key-scopes.test.ts) sends these with narrower
 * credentials, so a refusal is proved on a request that would otherwise have stored something.
 */
import { newId } from '../../api/src/domain/ids';
import { CONTACT_FIELDS, ORIGIN, type Harness, type TestTenant } from './harness';

export interface WorldIds {
  form: string;
  team: string;
  rep: string;
  rule: string;
  calendar: string;
  sla: string;
  capacity: string;
  stage: string;
  endpoint: string;
  lead: string;
  apiKey: string;
}

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const CALENDAR = { timeZone: 'America/New_York', mode: 'business', weekly: { mon: NINE_TO_FIVE, fri: NINE_TO_FIVE } };
const CONDITION = { field: 'values.email', op: 'ends_with', value: '@acme.example' };
// Nothing listens there: a delivery the seeded endpoint causes fails at once, off the network.
const HOOK = 'https://127.0.0.1:9/inlet';

async function created(t: Pick<TestTenant, 'api'>, path: string, body: unknown): Promise<string> {
  const res = await t.api(path, { body });
  if (res.status !== 201) throw new Error(`seeding ${path}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** One of everything the operations name, made with the tenant's full key. */
export async function seedWorld(h: Harness, t: Pick<TestTenant, 'api' | 'createForm'>): Promise<WorldIds> {
  const form = (await t.createForm()).id;
  const team = await created(t, '/v1/teams', { name: 'Sales' });
  const rep = await created(t, '/v1/reps', { teamId: team, name: 'Ada', email: 'ada@seller.example' });
  const submitted = await h.request(`/v1/public/forms/${form}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ values: { name: 'Lee', email: 'lee@acme.example' } }),
  });
  if (submitted.status !== 201) throw new Error(`seeding a lead: ${submitted.status} ${await submitted.text()}`);
  return {
    form,
    team,
    rep,
    lead: ((await submitted.json()) as { leadId: string }).leadId,
    rule: await created(t, '/v1/routing/rules', {
      name: 'Acme',
      condition: CONDITION,
      action: { teamId: team, strategy: 'round_robin' },
    }),
    calendar: await created(t, '/v1/business-hours', { name: 'New York', calendar: CALENDAR }),
    sla: await created(t, '/v1/sla-policies', {
      name: 'Fast',
      condition: CONDITION,
      targets: { firstResponseMinutes: 30, clock: 'calendar' },
    }),
    capacity: await created(t, '/v1/capacity-policies', {
      name: 'Weekly',
      formIds: [form],
      policy: { limit: { count: 50, per: 'week' }, whenFull: { action: 'waitlist' } },
    }),
    stage: await created(t, '/v1/pipeline/stages', { name: 'Demo booked' }),
    endpoint: await created(t, '/v1/webhook-endpoints', { url: HOOK, topics: ['lead.created'] }),
    apiKey: await created(t, '/v1/api-keys', { name: 'Spare' }),
  };
}

// Names that must be unique get a number: a matrix sends the same create more than once.
let made = 0;

const RANGE = 'from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z';

/** Bodies and query strings by operation; an operation not listed sends neither. */
function payloadFor(operation: string, ids: WorldIds): { body?: unknown; query?: string } {
  const fields = CONTACT_FIELDS.slice(0, 3);
  const bodies: Record<string, unknown> = {
    'POST /v1/forms': { name: 'Demo', fields, allowedOrigins: [ORIGIN] },
    'PATCH /v1/forms/{id}': { name: 'Renamed' },
    'POST /v1/teams': { name: 'Support' },
    'PATCH /v1/teams/{id}': { name: 'Sales EU' },
    'POST /v1/reps': { teamId: ids.team, name: 'Cy', email: 'cy@seller.example' },
    'PATCH /v1/reps/{id}': { name: 'Ada L.' },
    'POST /v1/routing/rules': {
      name: 'EU',
      condition: CONDITION,
      action: { teamId: ids.team, strategy: 'round_robin' },
    },
    'PATCH /v1/routing/rules/{id}': { name: 'Acme EU' },
    'PUT /v1/routing/fallback': { teamId: ids.team, strategy: 'round_robin' },
    'POST /v1/routing/simulate': { lead: { values: { email: 'x@acme.example' } } },
    'POST /v1/business-hours': { name: 'Paris', calendar: { ...CALENDAR, timeZone: 'Europe/Paris' } },
    'PATCH /v1/business-hours/{id}': { name: 'NYC' },
    'POST /v1/sla-policies': {
      name: 'Slow',
      condition: CONDITION,
      targets: { firstResponseMinutes: 60, clock: 'calendar' },
    },
    'PATCH /v1/sla-policies/{id}': { name: 'Faster' },
    'PATCH /v1/capacity-policies/{id}': { name: 'Monthly' },
    'POST /v1/pipeline/stages': { name: `Proposal ${++made}` },
    'PATCH /v1/pipeline/stages/{id}': { name: 'Demo held' },
    'POST /v1/webhook-endpoints': { url: HOOK, topics: ['lead.*'] },
    'PATCH /v1/webhook-endpoints/{id}': { description: 'CRM sync' },
    'POST /v1/leads/{id}/events': { type: 'contacted', channel: 'phone' },
    'POST /v1/leads/{id}/assign': { repId: ids.rep },
    'POST /v1/leads/assign': { ids: [ids.lead], repId: ids.rep },
    'PATCH /v1/workspace': { name: 'Acme Inc.' },
    'POST /v1/integrations/stripe': { signingSecret: 'whsec_matrixsecretforpermissiontests0001' },
    'POST /v1/revenue': { leadId: ids.lead, kind: 'payment', amount: '10.00', currency: 'EUR' },
    'POST /v1/api-keys': { name: 'CI', scopes: ['leads:read'] },
  };
  const queries: Record<string, string> = {
    'GET /v1/reports/capacity': `${RANGE}&formId=${ids.form}`,
    'GET /v1/reports/sla': RANGE,
    'GET /v1/reports/pipeline': RANGE,
    'GET /v1/reports/attribution': RANGE,
    'GET /v1/reports/retention': 'from=2026-01-01T00:00:00Z',
    'GET /v1/reports/capacity-plan': `teamId=${ids.team}&weeks=4`,
    'GET /v1/exports/offline-conversions': `${RANGE}&platform=google_ads`,
    'GET /v1/business-hours/{id}/preview': 'from=2026-12-07T09:00:00Z&minutes=120',
  };
  return { body: bodies[operation], query: queries[operation] };
}

/** Which seeded id a `{id}` stands for, by the collection it follows. */
const ID_OF: Record<string, keyof WorldIds> = {
  forms: 'form',
  teams: 'team',
  reps: 'rep',
  rules: 'rule',
  'business-hours': 'calendar',
  'sla-policies': 'sla',
  'capacity-policies': 'capacity',
  stages: 'stage',
  'webhook-endpoints': 'endpoint',
  leads: 'lead',
  'api-keys': 'apiKey',
};
const KIND_OF: Record<keyof WorldIds, Parameters<typeof newId>[0]> = {
  form: 'form',
  team: 'team',
  rep: 'rep',
  rule: 'rule',
  calendar: 'calendar',
  sla: 'slaPolicy',
  capacity: 'capacityPolicy',
  stage: 'stage',
  endpoint: 'endpoint',
  lead: 'lead',
  apiKey: 'apiKey',
};

export interface OperationRequest {
  method: string;
  path: string;
  body?: unknown;
}

/** A reorder must list every item of its collection as it is now: other rows of a matrix add some. */
const REORDERS: Record<string, string> = {
  'POST /v1/routing/rules/reorder': '/v1/routing/rules?limit=100',
  'POST /v1/sla-policies/reorder': '/v1/sla-policies?limit=100',
  'POST /v1/pipeline/stages/reorder': '/v1/pipeline/stages',
};

/**
 * The request for `operation` (`METHOD /v1/path/{id}`), read with the tenant's full key where it
 * depends on what is there now. With `keepWorld`, a DELETE names a well-formed id nobody has (a 404
 * once allowed), so the seeded world survives every row of a matrix; a delivery id is always
 * unknown (resending a real one would reach the network).
 */
export async function requestFor(
  t: Pick<TestTenant, 'api' | 'createForm'>,
  operation: string,
  ids: WorldIds,
  opts: { keepWorld?: boolean } = {},
): Promise<OperationRequest> {
  const [method, template] = operation.split(' ') as [string, string];
  const segments = template.split('/');
  const path = segments
    .map((segment, i) => {
      if (segment === '{deliveryId}') return newId('delivery');
      if (segment !== '{id}') return segment;
      const which = ID_OF[segments[i - 1]!];
      if (!which) throw new Error(`no seeded id for ${operation}`);
      return method === 'DELETE' && opts.keepWorld ? newId(KIND_OF[which]) : ids[which];
    })
    .join('/');
  const { body, query } = payloadFor(operation, ids);
  if (operation === 'POST /v1/capacity-policies') {
    // A form has one capacity policy: each create gets a form of its own.
    const form = (await t.createForm()).id;
    const policy = { limit: { count: 5, per: 'day' }, whenFull: { action: 'closed' } };
    return { method, path, body: { name: `Spare ${++made}`, formIds: [form], policy } };
  }
  const collection = REORDERS[operation];
  if (collection) {
    const listed = (await (await t.api(collection)).json()) as { data: { id: string }[] };
    return { method, path, body: { ids: listed.data.map((row) => row.id) } };
  }
  return { method, path: query ? `${path}?${query}` : path, body };
}
