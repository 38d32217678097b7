/**
 * `npm run admin -- create-tenant --name NAME [--time-zone ZONE]`
 * Prints one JSON line {"tenantId", "secretKey"} on stdout; anything else goes to stderr.
 */
import { parseArgs } from 'node:util';
import { createTenant } from '../db/queries/tenants';
import { readLocalConfig } from './config';
import { viaServerOrDirect } from './admin-client';

const USAGE = 'usage: npm run admin -- create-tenant --name NAME [--time-zone Europe/Berlin]';

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, 'time-zone': { type: 'string' } },
  });
  const command = positionals[0];
  if (command !== 'create-tenant' || !values.name?.trim()) {
    console.error(USAGE);
    process.exit(2);
  }
  const input = { name: values.name.trim(), ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}) };
  const config = readLocalConfig();
  const result = await viaServerOrDirect(config, { path: '/admin/tenants', body: input }, (h) =>
    createTenant(h.db, input, new Date()),
  );
  process.stdout.write(`${JSON.stringify({ tenantId: result.tenantId, secretKey: result.secretKey })}\n`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
