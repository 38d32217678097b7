/**
 * The dashboard's one authentication seam. Today a pasted secret key kept for this tab only
 * (sessionStorage); cookie sessions replace this module alone: pages never read or send credentials,
 * they call the API client (api.ts), which asks here for the request's headers.
 */
const KEY = 'inlet.dashboard.key';
const listeners = new Set<() => void>();

export const isSignedIn = () => sessionStorage.getItem(KEY) !== null;

export function authHeaders(): Record<string, string> {
  const key = sessionStorage.getItem(KEY);
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** Keeps the key when the API accepts it; answers whether it did. */
export async function signInWithKey(key: string): Promise<boolean> {
  const res = await fetch('/v1/forms?limit=1', { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok) return false;
  sessionStorage.setItem(KEY, key);
  changed();
  return true;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  changed();
}

/** The shell re-renders on sign-in and sign-out (a 401 from any call signs out, see api.ts). */
export function onAuthChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

function changed() {
  for (const fn of listeners) fn();
}
