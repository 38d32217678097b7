/**
 * One row of the permission matrix (a credential against every operation), shared by the key-scope
 * and the role tests: what the row may not do answers 403 with the expected problem type and stores
 * nothing; what it may do answers as it does for a full key.
 */
import { expect } from 'vitest';
import { ROUTE_PERMISSIONS } from '../../api/src/domain/permissions';
import type { Harness, TestTenant } from './harness';
import { type OperationRequest, requestFor, type WorldIds } from './operation-requests';
import { changedTables, snapshotTables } from './table-snapshot';

/** Sends a request as the row's credential (a key's Authorization header, a session's cookie). */
export type Sender = (req: OperationRequest, rawBody?: string) => Promise<Response>;

/** What a full key gets for the matrix request of `operation` (see `requestFor` with keepWorld). */
export const allowedStatuses = (operation: string) =>
  ALLOWED_ELSE[operation] ??
  (operation.startsWith('DELETE ') || operation.endsWith('/resend') ? [404] : [200, 201, 204]);

/**
 * Operations whose matrix request is refused on its merits, not on permission: the seeded lead is
 * neither spam nor waitlisted, and the workspace has no Stripe connection (its connect may not
 * have run yet); clearing demo data finds none and answers what it removed.
 */
const ALLOWED_ELSE: Record<string, number[]> = {
  'POST /v1/leads/{id}/not-spam': [409],
  'POST /v1/leads/{id}/promote': [409],
  'GET /v1/integrations/stripe': [200, 404],
  'DELETE /v1/integrations/stripe': [204, 404],
  'DELETE /v1/demo-data': [200],
};

/** Each denied operation, sent as a full key would have sent it: 403 of `type`, and nothing stored. */
export async function expectDenied(
  h: Harness,
  t: Pick<TestTenant, 'api' | 'createForm'>,
  ids: WorldIds,
  send: Sender,
  denied: string[],
  type: string,
  label: string,
) {
  expect(denied.length).toBeGreaterThan(0);
  // The requests (real ids, DELETE included) are made before the snapshot: some read the world.
  const requests: { op: string; req: OperationRequest }[] = [];
  for (const op of denied) requests.push({ op, req: await requestFor(t, op, ids) });
  await h.settle(); // deliveries earlier rows caused, out of the way of the snapshot
  const before = await snapshotTables(h.handle.db);
  for (const { op, req } of requests) {
    const res = await send(req);
    expect(res.status, `${op} as ${label}`).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { type: string; requiredPermission: string };
    expect(problem.type, op).toBe(type);
    expect(problem.requiredPermission, op).toBe(ROUTE_PERMISSIONS[op]);
  }
  expect(changedTables(before, await snapshotTables(h.handle.db))).toEqual([]);
  // Refused before the body is read: a body that is not even JSON is still a 403, not a 400.
  for (const { op, req } of requests.filter((r) => r.req.method !== 'GET' && r.req.method !== 'DELETE'))
    expect((await send(req, '{"not json')).status, `${op} as ${label}, malformed body`).toBe(403);
}

/** Each allowed operation answers what it answers a full key: never a 403. */
export async function expectAllowed(
  t: Pick<TestTenant, 'api' | 'createForm'>,
  ids: WorldIds,
  send: Sender,
  allowed: string[],
  label: string,
) {
  for (const op of allowed) {
    const res = await send(await requestFor(t, op, ids, { keepWorld: true }));
    expect(allowedStatuses(op), `${op} as ${label}: ${res.status} ${await res.text()}`).toContain(res.status);
  }
}
