/**
 * Which browser origins may use a form. Entries are exact origins (`https://example.com`,
 * `http://localhost:3000`) or a subdomain wildcard (`https://*.example.com`, which does not match the
 * bare domain). The opaque origin `null` (sandboxed iframes, file://) never matches.
 */
import { z } from './zod';

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/;

export const AllowedOrigin = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/\/+$/, ''))
  .refine((s) => ORIGIN.test(s), 'an origin: scheme://host[:port], optionally https://*.domain');

export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  if (!origin || origin === 'null') return false;
  const o = origin.toLowerCase();
  for (const a of allowed) {
    if (a === o) return true;
    const star = a.indexOf('://*.');
    if (star > 0) {
      const scheme = a.slice(0, star + 3);
      const suffix = a.slice(star + 4); // ".example.com[:port]"
      if (o.startsWith(scheme) && o.endsWith(suffix) && o.length > scheme.length + suffix.length) {
        const host = o.slice(scheme.length, o.length - suffix.length);
        if (/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host)) return true;
      }
    }
  }
  return false;
}
