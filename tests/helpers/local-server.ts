/** The product as `npm start` runs it (API + demo site on their own ports), on a fresh data folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocal, type RunningLocal } from '../../api/src/local/server';

export async function startTestServer(): Promise<RunningLocal & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-local-'));
  const running = await startLocal({
    port: 0,
    host: '127.0.0.1',
    demoPort: 0,
    databaseUrl: undefined,
    dataDir,
    tickMs: 60_000,
    submissionsPerMinute: 1000,
  });
  return {
    ...running,
    dataDir,
    async close() {
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
