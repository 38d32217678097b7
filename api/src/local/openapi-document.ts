/**
 * The OpenAPI document exactly as `/openapi.json` serves it, built in-process: the app answers the
 * request without a database (the document route reads none), so the lint script, the typed-client
 * generator and tests all see the same document without starting a server.
 */
import { createApp } from '../app';
import type { Database } from '../db/database';

/** The origin the dumped document names as its server (a customer passes their own to their client). */
export const DUMP_SERVER = 'http://localhost:8787';

const NO_DATABASE = new Proxy({} as Database, {
  get() {
    throw new Error('the OpenAPI document reads no database');
  },
});

/** The app with no database: enough to serve the document and to read its route declarations. */
export function documentApp(server = DUMP_SERVER) {
  return createApp({
    // Every request is handed a database; this one fails loudly if the document ever reads it.
    database: () => NO_DATABASE,
    now: () => new Date(),
    defer: () => {},
    clientIp: () => '127.0.0.1',
    docsScriptUrl: '/docs/scalar.js',
    accounts: { secret: 'openapi-document-dump-secret-0123456789', publicUrl: server },
    publicUrl: server,
  });
}

export async function openApiDocument(server = DUMP_SERVER): Promise<Record<string, unknown>> {
  const res = await documentApp(server).request(`${server}/openapi.json`);
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
