/** Opens whichever database the environment selects and brings it to the latest migration. */
import fs from 'node:fs';
import type { DatabaseHandle } from '../db/database';
import { migrate } from '../db/migrate';
import { openPostgres } from '../db/postgres';
import type { LocalConfig } from './config';
import { pgliteDir } from './data-dir';

export async function openDatabase(config: Pick<LocalConfig, 'databaseUrl' | 'dataDir'>): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (config.databaseUrl) {
    handle = openPostgres(config.databaseUrl);
  } else {
    fs.mkdirSync(pgliteDir(config.dataDir), { recursive: true });
    // Imported here so a Postgres-only process never loads the WASM build.
    const { openPglite } = await import('../db/pglite');
    handle = await openPglite(pgliteDir(config.dataDir));
  }
  await migrate(handle);
  return handle;
}
