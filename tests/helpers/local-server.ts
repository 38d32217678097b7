/** The product as `npm start` runs it (API + demo site on their own ports), on a fresh data folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocal, type RunningLocal } from '../../api/src/local/server';

/** `demoData` seeds the demo workspace as `npm start` does (off: tests build their own workspace). */
export async function startTestServer(
  opts: { demoData?: boolean; dataDir?: string } = {},
): Promise<RunningLocal & { dataDir: string }> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'inlet-local-'));
  const running = await startLocal({
    port: 0,
    host: '127.0.0.1',
    demoPort: 0,
    databaseUrl: undefined,
    dataDir,
    tickMs: 60_000,
    submissionsPerMinute: 1000,
    demoData: opts.demoData ?? false,
  });
  return {
    ...running,
    dataDir,
    async close() {
      await running.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
