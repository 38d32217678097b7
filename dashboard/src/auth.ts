/**
 * The dashboard's one authentication seam: who is signed in, in which workspace, with which role.
 * The session is an HttpOnly cookie the dashboard never sees; `GET /v1/me` says who it belongs to
 * (401: signed out). Pages ask here for the person and their role (`useMe`, `useRole`, `useCanEdit`);
 * account actions (sign in, sign up, switch workspace, sign out) go through the API client and end by
 * re-reading /v1/me, so every part of the screen follows the one answer.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionMe } from '../../api/src/contracts/me';
import type { Role } from '../../api/src/domain/access';
import { ApiProblem, get, post } from './api';

export type { Role };

/** `GET /v1/me` for a session (the API's SessionMe contract). */
export type Me = SessionMe;

/** `undefined` while the first /v1/me is in flight, `null` when signed out. */
let me: Me | null | undefined;
const listeners = new Set<() => void>();

function set(next: Me | null) {
  me = next;
  for (const fn of listeners) fn();
}

/** Re-reads /v1/me (after sign-in, a switch, a verification); a 401 means signed out. */
export async function refreshMe(): Promise<Me | null> {
  try {
    set(await get<Me>('/v1/me'));
  } catch (e) {
    if (!(e instanceof ApiProblem) || e.status !== 401) throw e;
    set(null);
  }
  return me ?? null;
}

/** Any 401 from the API means the session ended (expired, revoked elsewhere): show the sign-in. */
export function sessionEnded() {
  if (me !== null) set(null);
}

export function useMe(): Me | null | undefined {
  const [, tick] = useState(0);
  useEffect(() => {
    const on = () => tick((n) => n + 1);
    listeners.add(on);
    if (me === undefined) void refreshMe().catch(() => set(null));
    return () => void listeners.delete(on);
  }, []);
  return me;
}

/** The signed-in person's role in the active workspace (`member` when unknown: the least). */
export function useRole(): Role {
  return useMe()?.role ?? 'member';
}

/** Admins and owners change settings; members see them read-only (the API enforces the same). */
export const canEdit = (role: Role | null) => role === 'admin' || role === 'owner';
export const useCanEdit = () => canEdit(useRole());

export async function signIn(email: string, password: string) {
  await post('/v1/auth/sign-in/email', { email, password });
  await refreshMe();
}

export async function signOut() {
  await post('/v1/auth/sign-out').catch(() => undefined);
  set(null);
}

/** Makes `workspaceId` the session's active workspace; screens re-load their data for it. */
export async function switchWorkspace(workspaceId: string) {
  await post('/v1/auth/organization/set-active', { organizationId: workspaceId });
  await refreshMe();
}

/** Absolute links for mails the API sends (better-auth wants a full URL for its redirects). */
export const appUrl = (path: string) => `${location.origin}/app${path}`;
