/**
 * The local mailbox: `GET /_dev/mail` lists the caught email (no provider configured), newest first,
 * for the dashboard's `/app/dev/mail` page. Node only, and only when no provider is configured
 * (node-app.ts). Caught mail holds reset and invitation links, so it is answered only to this machine
 * (a loopback client): a server left without a provider on a public address does not hand them out.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../context';
import type { DatabaseHandle } from '../db/database';
import { mailLinks } from '../domain/mail-provider';
import { ApiError, problemResponse } from '../errors';
import { listCaughtMail } from '../mail';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function devMailRoutes(handle: DatabaseHandle, deps: AppDeps) {
  return new Hono().get('/', async (c) => {
    // The client as the app sees it: the socket, or the forwarded client behind a trusted proxy.
    if (!LOOPBACK.test(deps.clientIp(c as never)))
      return problemResponse(new ApiError('forbidden', 'The local mailbox answers only on this machine.'));
    const to = c.req.query('to');
    const mails = await listCaughtMail(handle.db, to ? { to } : {});
    c.header('cache-control', 'no-store');
    return c.json({
      data: mails.map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html ?? null,
        kind: m.kind,
        createdAt: m.createdAt.toISOString(),
        links: mailLinks(m.text, m.html ?? null),
      })),
    });
  });
}
