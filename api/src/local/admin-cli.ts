/**
 * `npm run admin -- create-tenant --name NAME [--time-zone ZONE] [--owner-email EMAIL]`
 *   prints one JSON line {"tenantId", "secretKey"} (and "ownerPassword" with --owner-email);
 * `npm run admin -- add-owner --tenant ID --email EMAIL`
 *   prints one JSON line {"tenantId", "email", "ownerPassword"}.
 * A one-time password is printed for a person who had no account; one who had keeps theirs (null).
 * Anything else goes to stderr.
 */
import { parseArgs } from 'node:util';
import { readLocalConfig } from './config';
import { viaServerOrDirect } from './admin-client';
import { addOwnerAction, createTenantAction } from './admin-actions';

const USAGE = [
  'usage: npm run admin -- create-tenant --name NAME [--time-zone Europe/Berlin] [--owner-email EMAIL]',
  '       npm run admin -- add-owner --tenant ID --email EMAIL',
].join('\n');

function usage(): never {
  console.error(USAGE);
  process.exit(2);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      'owner-email': { type: 'string' },
      tenant: { type: 'string' },
      email: { type: 'string' },
    },
  });
  const config = readLocalConfig();
  const command = positionals[0];
  if (command === 'create-tenant') {
    if (!values.name?.trim()) usage();
    const input = {
      name: values.name.trim(),
      ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
      ...(values['owner-email'] ? { ownerEmail: values['owner-email'] } : {}),
    };
    const result = await viaServerOrDirect(config, { path: '/admin/tenants', body: input }, (h) =>
      createTenantAction(h.db, input, new Date()),
    );
    const line: Record<string, unknown> = { tenantId: result.tenantId, secretKey: result.secretKey };
    if (input.ownerEmail) line.ownerPassword = result.ownerPassword ?? null;
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }
  if (command === 'add-owner') {
    if (!values.tenant?.trim() || !values.email?.trim()) usage();
    const input = { tenantId: values.tenant.trim(), email: values.email.trim() };
    const result = await viaServerOrDirect(config, { path: '/admin/owners', body: input }, (h) =>
      addOwnerAction(h.db, input, new Date()),
    );
    process.stdout.write(
      `${JSON.stringify({ tenantId: result.tenantId, email: result.email, ownerPassword: result.ownerPassword })}\n`,
    );
    return;
  }
  usage();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
