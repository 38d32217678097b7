/** A small typed client for the dashboard; types come from the API's contracts (no bytes shipped). */
import type { z } from 'zod';
import type { Form } from '../../api/src/contracts/forms';
import type { Lead, LeadDetail } from '../../api/src/contracts/leads';

export type LeadT = z.infer<typeof Lead>;
export type LeadDetailT = z.infer<typeof LeadDetail>;
export type FormT = Form;
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

const KEY = 'inlet.dashboard.key';
export const getKey = () => sessionStorage.getItem(KEY);
export const setKey = (k: string | null) => (k ? sessionStorage.setItem(KEY, k) : sessionStorage.removeItem(KEY));

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: {
      authorization: `Bearer ${getKey() ?? ''}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
  });
  if (!res.ok) {
    const p = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new ApiProblem(res.status, p.detail ?? res.statusText);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}
