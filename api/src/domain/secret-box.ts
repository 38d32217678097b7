/**
 * Secrets a workspace gives us (a Stripe signing secret) sealed at rest with AES-256-GCM (WebCrypto:
 * the same in Node and workerd). The key is derived with HKDF-SHA256 from the server's own secret
 * (INLET_AUTH_SECRET) and a purpose label, so a database dump alone does not reveal them, and the
 * tenant id is the additional data: a sealed value copied into another workspace's row does not open.
 *
 * Stored form: `aesgcm1:<base64 iv>:<base64 ciphertext+tag>`. A value without the prefix is a row
 * written before sealing existed: it opens as itself, marked `legacy` so the caller seals it again.
 */
import { fromBase64, toBase64 } from './crypto';

const PREFIX = 'aesgcm1:';
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(serverSecret: string, purpose: string): Promise<CryptoKey> {
  const id = `${purpose}\u0000${serverSecret}`;
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', encoder.encode(serverSecret), 'HKDF', false, ['deriveKey'])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(`inlet:${purpose}:v1`) },
          base,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    keys.set(id, key);
  }
  return key;
}

export interface SecretBox {
  serverSecret: string;
  /** What the secret is for (`stripe-signing-secret`): each purpose has its own key. */
  purpose: string;
}

export async function sealSecret(box: SecretBox, tenantId: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(tenantId) },
    await keyFor(box.serverSecret, box.purpose),
    encoder.encode(secret),
  );
  return `${PREFIX}${toBase64(iv)}:${toBase64(sealed)}`;
}

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** Opens a stored value; throws when it was sealed under another key or for another workspace. */
export async function openSecret(
  box: SecretBox,
  tenantId: string,
  stored: string,
): Promise<{ secret: string; legacy: boolean }> {
  if (!isSealed(stored)) return { secret: stored, legacy: true };
  const [iv, data] = stored.slice(PREFIX.length).split(':');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(iv ?? '') as Uint8Array<ArrayBuffer>, additionalData: encoder.encode(tenantId) },
    await keyFor(box.serverSecret, box.purpose),
    fromBase64(data ?? '') as Uint8Array<ArrayBuffer>,
  );
  return { secret: new TextDecoder().decode(plain), legacy: false };
}
