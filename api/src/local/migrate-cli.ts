/** `npm run migrate`: applies migrations/ to the database the environment selects. */
import { readLocalConfig } from './config';
import { viaServerOrDirect } from './admin-client';

async function main() {
  const config = readLocalConfig();
  await viaServerOrDirect(config, { path: '/admin/migrate', body: {} }, async () => ({ migrated: true }));
  console.error(
    `Migrations applied to ${config.databaseUrl ? 'DATABASE_URL' : `the embedded database in ${config.dataDir}`}.`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
