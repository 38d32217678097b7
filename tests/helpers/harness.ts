/**
 * The API test harness: the Node app over a test database, a tenant with a secret key, and small
 * helpers to call the API the way a client would (through `app.request`, the real Hono pipeline).
 */
import { and, count, eq, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { AppDeps, Limits } from '../../api/src/context';
import type { DatabaseHandle } from '../../api/src/db/database';
import { createTenant } from '../../api/src/db/queries/tenants';
import { idempotencyKeys, leadEvents, leads, outbox, touchpoints, visitors } from '../../api/src/db/schema';
import { createNodeApp } from '../../api/src/local/node-app';
import { openTestDb, type TestDbKind } from './db';
import { responseChecker } from './response-check';

export const ORIGIN = 'https://www.example.com';
/** The dashboard's origin in tests (INLET_PUBLIC_URL): what `app.request` URLs resolve against. */
export const PUBLIC_URL = 'http://localhost';
export const TEST_AUTH_SECRET = 'test-auth-secret-0123456789abcdefghijklmnop';

export const CONTACT_FIELDS = [
  { key: 'name', label: 'Name', type: 'text', required: true },
  { key: 'email', label: 'Email', type: 'email', required: true },
  { key: 'phone', label: 'Phone', type: 'phone', required: false },
  { key: 'size', label: 'Team size', type: 'number', required: false, min: 1, max: 100000 },
  {
    key: 'plan',
    label: 'Plan',
    type: 'select',
    required: false,
    options: [
      { value: 'pro', label: 'Pro' },
      { value: 'team', label: 'Team' },
    ],
  },
  { key: 'consent', label: 'I agree', type: 'checkbox', required: false },
];

/**
 * A request's options; every JSON answer is checked against /openapi.json (helpers/response-check.ts)
 * unless `unchecked` says why this one is not.
 */
export type CheckedInit = RequestInit & { unchecked?: string };

export interface Harness {
  handle: DatabaseHandle;
  request(path: string, init?: CheckedInit): Promise<Response>;
  /** A clock tests can move: `clock.set(date)`. */
  clock: { now: Date; set(d: Date | string): void };
  /** The app's dependencies: `runTick(h.handle.db, h.clock.now, h.deps)` may then reach the test receiver. */
  deps: AppDeps;
  /** Resolves once the work deferred after responses so far (after-commit deliveries) has finished. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(
  kind: TestDbKind,
  opts: {
    limits?: Partial<Limits>;
    poolSize?: number;
    authLimits?: AppDeps['authLimits'];
    mail?: AppDeps['mail'];
    publicUrl?: string;
  } = {},
): Promise<Harness> {
  const handle = await openTestDb(kind, { max: opts.poolSize });
  const clock = {
    now: new Date(),
    set(d: Date | string) {
      clock.now = new Date(d);
    },
  };
  const deferred = new Set<Promise<unknown>>();
  const settle = async () => {
    while (deferred.size > 0) await Promise.all([...deferred]);
  };
  const { app, deps } = createNodeApp({
    handle,
    now: () => clock.now,
    // Tests send many submissions from one address; the rate limit has its own test.
    limits: { submissionsPerMinute: 10_000, ...opts.limits },
    // The webhook receiver of the tests listens on 127.0.0.1.
    allowPrivateWebhookTargets: true,
    // `app.request('/v1/…')` answers as http://localhost: the dashboard's origin in tests.
    accounts: { secret: TEST_AUTH_SECRET, publicUrl: opts.publicUrl ?? PUBLIC_URL },
    // Sign-in limits have their own tests; the others sign in freely.
    authLimits: { authAttemptsPerClientPerMinute: 10_000, ...opts.authLimits },
    mail: opts.mail,
    publicUrl: opts.publicUrl ?? PUBLIC_URL,
    // Caught mail (no provider) would print on every assignment; the mail tests read it back instead.
    printCaughtMail: () => {},
    defer: (_c, work) => {
      const p: Promise<unknown> = work
        .catch((err) => console.error('background work failed:', err))
        .finally(() => deferred.delete(p));
      deferred.add(p);
    },
  });
  return {
    handle,
    clock,
    deps,
    settle,
    request: async (path, init = {}) => {
      // A Request (the typed client's fetch) is passed whole: spreading one would drop its fields.
      const { unchecked, ...requestInit } = init instanceof Request ? { unchecked: undefined } : init;
      const res = await app.request(path, init instanceof Request ? init : requestInit);
      if (!unchecked) await (await responseChecker()).check(init.method ?? 'GET', path, res);
      return res;
    },
    close: async () => {
      await settle();
      await handle.close();
    },
  };
}

type CountedTable = 'leads' | 'touchpoints' | 'leadEvents' | 'outbox' | 'idempotencyKeys' | 'visitors';

export interface TestTenant {
  tenantId: string;
  key: string;
  /** Calls the API with this tenant's key; objects in `body` are sent as JSON. */
  api(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string>; unchecked?: string },
  ): Promise<Response>;
  createForm(overrides?: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>>;
  /** Rows this tenant has in each table: proof that a refused request stored nothing. */
  rowCounts(): Promise<Record<CountedTable, number>>;
}

export async function seedTenant(h: Harness, name = 'Acme'): Promise<TestTenant> {
  const { tenantId, secretKey: key } = await createTenant(h.handle.db, { name }, new Date());
  const api: TestTenant['api'] = (path, init = {}) =>
    h.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${key}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      unchecked: init.unchecked,
    });
  const tables: Record<string, PgTable & { tenantId: unknown }> = {
    leads,
    touchpoints,
    leadEvents,
    outbox,
    idempotencyKeys,
    visitors,
  } as never;
  return {
    tenantId,
    key,
    api,
    async createForm(overrides = {}) {
      const res = await api('/v1/forms', {
        body: { name: 'Contact', fields: CONTACT_FIELDS, allowedOrigins: [ORIGIN], ...overrides },
      });
      if (res.status !== 201) throw new Error(`createForm: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    },
    async rowCounts() {
      const out = {} as Record<CountedTable, number>;
      for (const [name, table] of Object.entries(tables)) {
        const col = (table as unknown as { tenantId: Parameters<typeof eq>[0] }).tenantId;
        const [row] = await h.handle.db
          .select({ n: count() })
          .from(table)
          .where(and(eq(col, tenantId)) as SQL);
        out[name as CountedTable] = row!.n;
      }
      return out;
    },
  };
}

/** A public submission as the widget sends it. */
export function submit(h: Harness, formId: string, body: unknown, headers: Record<string, string> = {}) {
  return h.request(`/v1/public/forms/${formId}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
