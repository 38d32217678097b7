/**
 * The local data folder. PGlite has no lock between processes and a second process opening the same
 * files corrupts them, so the running server leaves `server.json` (pid, port, a random token) and the
 * CLI commands talk to it instead of opening the folder themselves.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ServerLock {
  pid: number;
  port: number;
  host: string;
  token: string;
}

import { randomToken } from '../domain/crypto';

export const pgliteDir = (dataDir: string) => path.join(dataDir, 'pg');
const lockPath = (dataDir: string) => path.join(dataDir, 'server.json');

export function writeServerLock(dataDir: string, lock: ServerLock) {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(lockPath(dataDir), JSON.stringify(lock), { mode: 0o600 });
}

export function removeServerLock(dataDir: string, pid = process.pid) {
  const lock = readServerLock(dataDir);
  if (lock && lock.pid === pid) fs.rmSync(lockPath(dataDir), { force: true });
}

export function readServerLock(dataDir: string): ServerLock | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as ServerLock;
  } catch {
    return null;
  }
}

/** The lock of a server that is still alive, or null (a stale lock from a crash is ignored). */
export function liveServerLock(dataDir: string): ServerLock | null {
  const lock = readServerLock(dataDir);
  if (!lock) return null;
  try {
    process.kill(lock.pid, 0);
    return lock;
  } catch {
    return null;
  }
}

/**
 * The session-signing secret of this data folder: made on first use and kept (mode 0600), so
 * sessions survive restarts. INLET_AUTH_SECRET replaces it.
 */
export function localAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  try {
    const saved = fs.readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return saved;
  } catch {
    // not made yet
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomToken(32);
  fs.writeFileSync(file, secret, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return secret;
}
