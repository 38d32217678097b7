/**
 * Secret API keys: `sk_live_` + 32 random bytes (base64url). Only a SHA-256 hash is stored; a key has
 * 256 bits of entropy, so a fast hash is enough (no password-style stretching needed), and lookup by
 * hash is a single index probe. The first 12 characters stay visible so people can tell keys apart.
 */
import { randomToken, sha256Hex } from './crypto';

export const KEY_PREFIX = 'sk_live_';
const VISIBLE = 12;

export interface MintedKey {
  secret: string;
  hash: string;
  prefix: string;
}

export async function mintApiKey(): Promise<MintedKey> {
  const secret = KEY_PREFIX + randomToken(32);
  return { secret, hash: await hashApiKey(secret), prefix: secret.slice(0, VISIBLE) };
}

export const hashApiKey = (secret: string) => sha256Hex(secret);

/** Cheap shape check before touching the database. */
export const looksLikeApiKey = (s: string) =>
  s.startsWith(KEY_PREFIX) && s.length >= 40 && s.length <= 100 && /^[A-Za-z0-9_-]+$/.test(s);
