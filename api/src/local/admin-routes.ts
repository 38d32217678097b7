/**
 * Loopback-only admin routes of the local runner, so `npm run admin` and `npm run migrate` can work
 * while the server owns the embedded database. They need the token from server.json as well.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import type { DatabaseHandle } from '../db/database';
import { migrate } from '../db/migrate';
import { safeEqual } from '../domain/crypto';
import { ApiError } from '../errors';
import { AddOwnerInput, addOwnerAction, CreateTenantInput, createTenantAction } from './admin-actions';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function adminRoutes(handle: DatabaseHandle, token: string, now: () => Date) {
  return new Hono()
    .use('*', async (c, next) => {
      let address = '';
      try {
        address = getConnInfo(c).remote.address ?? '';
      } catch {
        address = '';
      }
      if (!LOOPBACK.test(address) || !safeEqual(c.req.header('x-inlet-admin-token') ?? '', token)) {
        return c.json({ error: 'forbidden' }, 403);
      }
      await next();
    })
    .post('/admin/tenants', async (c) => {
      const input = CreateTenantInput.safeParse(await c.req.json().catch(() => null));
      if (!input.success) return c.json({ error: input.error.message }, 400);
      return c.json(await createTenantAction(handle.db, input.data, now()), 201);
    })
    .post('/admin/owners', async (c) => {
      const input = AddOwnerInput.safeParse(await c.req.json().catch(() => null));
      if (!input.success) return c.json({ error: input.error.message }, 400);
      try {
        return c.json(await addOwnerAction(handle.db, input.data, now()), 201);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return c.json({ error: err.message }, 404);
        throw err;
      }
    })
    .post('/admin/migrate', async (c) => {
      await migrate(handle);
      return c.json({ migrated: true });
    });
}
