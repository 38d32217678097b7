/**
 * Runs an admin action either through the running local server (when it owns the embedded database)
 * or directly on the database.
 */
import type { DatabaseHandle } from '../db/database';
import type { LocalConfig } from './config';
import { liveServerLock } from './data-dir';
import { openDatabase } from './open-database';

export async function viaServerOrDirect<T>(
  config: LocalConfig,
  remote: { path: string; body: unknown },
  direct: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const lock = config.databaseUrl ? null : liveServerLock(config.dataDir);
  if (lock) {
    const res = await fetch(`http://127.0.0.1:${lock.port}/_local${remote.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-inlet-admin-token': lock.token },
      body: JSON.stringify(remote.body),
    });
    if (!res.ok) throw new Error(`The running server (pid ${lock.pid}) refused: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  const handle = await openDatabase(config);
  try {
    return await direct(handle);
  } finally {
    await handle.close();
  }
}
