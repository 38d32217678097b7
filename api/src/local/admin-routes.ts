/**
 * Loopback-only admin routes of the local runner, so `npm run admin` and `npm run migrate` can work
 * while the server owns the embedded database. They need the token from server.json as well.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/database';
import { migrate } from '../db/migrate';
import { createTenant } from '../db/queries/tenants';
import { safeEqual } from '../domain/crypto';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const CreateTenant = z.object({ name: z.string().trim().min(1).max(200), timeZone: z.string().optional() });

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
      const input = CreateTenant.safeParse(await c.req.json().catch(() => null));
      if (!input.success) return c.json({ error: input.error.message }, 400);
      return c.json(await createTenant(handle.db, input.data, now()), 201);
    })
    .post('/admin/migrate', async (c) => {
      await migrate(handle);
      return c.json({ migrated: true });
    });
}
