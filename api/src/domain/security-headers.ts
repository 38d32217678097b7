/**
 * The security headers of every kind of answer, in one place. The API app sets them on what it
 * answers (app.ts, docs.ts); the Node runner on the static files it serves (local/node-app.ts); and
 * the build writes them into `.build/public/_headers` (dashboard/vite.config.ts), which Workers apply
 * to the static assets they serve before our code runs. Change a value here and all three follow.
 */

/** A policy from its directives, in a stable order (tests and `_headers` compare the text). */
function policy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Browsers ignore HSTS over plain http (RFC 6797 §8.1), so only https answers carry it. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The dashboard: its own scripts only (Vite emits no inline script; tests/api/security-headers
 * checks the built index.html). Inline styles stay allowed: the form builder previews the real
 * widget form, which puts its CSS in a <style> element and its theme in a `style` attribute, and
 * uPlot sizes its canvas with style attributes.
 */
export const DASHBOARD_CSP = policy({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
});

/**
 * The API reference at /docs: Scalar's standalone bundle, served from our origin, and a small init
 * script next to it (docs.ts: no inline script either). What the bundle needs beyond that, found by
 * loading the page, searching and sending a request from "Test Request" in Chromium under this
 * policy (tests/browser/security-headers.test.ts): inline styles (it injects its CSS at run time and
 * sets style attributes). Its requests go to the document's server, this origin: connect-src 'self'.
 * That is exactly the dashboard's policy, so it is the same value (one place to tighten both).
 */
export const DOCS_CSP = DASHBOARD_CSP;

/** JSON and problem+json answers are never rendered as a page: nothing may load, nothing may frame them. */
export const API_CSP = policy({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });

/** On every answer, whatever it is. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = { 'x-content-type-options': 'nosniff' };

/**
 * Pages people use (dashboard, /docs). Referrer-Policy `same-origin`: their URLs carry lead ids and,
 * in account links, one-time tokens, and they have no reason to tell another site even their
 * origin. It still sends the Origin header on same-origin writes (unlike `no-referrer`, which makes
 * it `null`), so an Origin-based CSRF check keeps working. X-Frame-Options for browsers that predate
 * frame-ancestors; the opener policy keeps a page opened from a lead's link from reaching back.
 */
const PAGE_HEADERS = {
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': DASHBOARD_CSP,
  ...PAGE_HEADERS,
};

export const DOCS_HEADERS: Readonly<Record<string, string>> = { 'content-security-policy': DOCS_CSP, ...PAGE_HEADERS };

/** API answers (JSON, problem+json, the OpenAPI document): a JSON answer links nowhere, so no referrer. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': API_CSP,
  'referrer-policy': 'no-referrer',
};

/**
 * widget.js is loaded by customers' pages on their own origins: it must stay embeddable (no
 * same-origin resource policy, no COEP); saying `cross-origin` explicitly keeps it loadable by
 * sites that themselves require CORP (COEP require-corp). Cached a few minutes: a fix reaches
 * every site soon.
 */
export const WIDGET_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-resource-policy': 'cross-origin',
  'cache-control': 'public, max-age=300',
};

/**
 * The `_headers` file for Workers static assets. Cloudflare joins a header set by two matching
 * rules with a comma, so each header comes from one rule only. HSTS is unconditional here: assets
 * are served over https on Workers, and browsers ignore it on http anyway.
 */
export function workersHeadersFile(): string {
  const rule = (pattern: string, headers: Record<string, string>) =>
    [pattern, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  return `${[
    rule('/*', { ...COMMON_HEADERS, 'strict-transport-security': HSTS }),
    rule('/app/*', DASHBOARD_HEADERS),
    rule('/widget.js', WIDGET_HEADERS),
  ].join('\n\n')}\n`;
}

/**
 * Puts a kind of answer's headers on a response: nosniff always, HSTS over https, and `kind`'s
 * policy unless the route already chose its page's own (a content policy is set: /docs).
 */
export function setSecurityHeaders(headers: Headers, url: string, kind: Readonly<Record<string, string>>) {
  for (const [name, value] of Object.entries(COMMON_HEADERS)) headers.set(name, value);
  if (new URL(url).protocol === 'https:') headers.set('strict-transport-security', HSTS);
  if (headers.has('content-security-policy')) return;
  for (const [name, value] of Object.entries(kind)) headers.set(name, value);
}
