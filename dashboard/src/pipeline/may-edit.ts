/**
 * Whether the signed-in credential may change settings (stages are settings). `GET /v1/me` answers a
 * person's role or a key's scopes (the accounts branch); until it exists a secret key is the only
 * credential and it has every scope. The API refuses the same writes either way.
 */
import { get } from '../api';
import { useApi } from '../use-api';

interface MeAnswer {
  role?: string | null;
  key?: { scopes: string[] };
}

export function useMayEditSettings(): boolean {
  const me = useApi<MeAnswer | null>('/v1/me', () => get<MeAnswer>('/v1/me').catch(() => null));
  if (me.data === undefined) return false;
  if (me.data === null) return true;
  if (me.data.key) return me.data.key.scopes.some((s) => s === 'full' || s === 'settings:write');
  return me.data.role === 'admin' || me.data.role === 'owner';
}
