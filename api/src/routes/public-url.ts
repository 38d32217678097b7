/**
 * The dashboard's public origin, for links in the emails a request causes: AppDeps.publicUrl (Node:
 * INLET_PUBLIC_URL, else http://HOST:PORT), else the Worker's INLET_PUBLIC_URL binding, else the
 * origin this request came to.
 */
import type { AppContext } from '../context';

export function publicUrlOf(c: AppContext): string {
  const bound = (c.env as Record<string, unknown> | undefined)?.INLET_PUBLIC_URL;
  const url = c.var.deps.publicUrl ?? (typeof bound === 'string' && bound ? bound : new URL(c.req.url).origin);
  return url.replace(/\/+$/, '');
}
