/**
 * Unsent submissions live in local storage until the API has answered. A retry reuses the same
 * Idempotency-Key, so a submission whose answer was lost is stored once however often it is sent.
 */
import type { z } from 'zod';
import type { Problem as ApiProblem } from '../../api/src/contracts/common';
import type { Availability, SubmissionResult } from '../../api/src/contracts/public';
import { load, randomId, remove, save } from './storage';

export interface Pending {
  key: string;
  api: string;
  formId: string;
  body: Record<string, unknown>;
  tries: number;
}

export type SendResult =
  | { kind: 'ok'; data: SubmissionResult }
  | { kind: 'refused'; status: number; problem: Problem }
  | { kind: 'queued' };

/** The API's problem+json, as far as it arrived (a proxy's error page parses to `{}`). */
export type Problem = Partial<z.infer<typeof ApiProblem>> & { availability?: Availability };

const KEY = 'inlet.v1.outbox';
const all = () => load<Pending[]>(KEY, []);
// Nothing is left behind once everything is delivered.
const put = (items: Pending[]) => (items.length ? save(KEY, items) : remove(KEY));
const drop = (key: string) => put(all().filter((p) => p.key !== key));

export const pendingFor = (formId: string) => all().find((p) => p.formId === formId);

export function enqueue(api: string, formId: string, body: Record<string, unknown>): Pending {
  const p = { key: randomId(), api, formId, body, tries: 0 };
  put([...all(), p]);
  return p;
}

// 408, 429 and 5xx are the server asking us to come back; other 4xx are final answers.
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

// The page-load flush and a form showing its saved submission may both send it: they share one
// request, and a final answer stays the answer for this page (only a queued one is tried again).
const answers = new Map<string, Promise<SendResult>>();

export function send(p: Pending): Promise<SendResult> {
  let sending = answers.get(p.key);
  if (!sending) {
    sending = post(p).then((r) => {
      if (r.kind === 'queued') answers.delete(p.key);
      return r;
    });
    answers.set(p.key, sending);
  }
  return sending;
}

async function post(p: Pending): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(`${p.api}/v1/public/forms/${encodeURIComponent(p.formId)}/submissions`, {
      method: 'POST',
      keepalive: true,
      headers: { 'content-type': 'application/json', 'idempotency-key': p.key },
      body: JSON.stringify(p.body),
    });
  } catch {
    return requeue(p);
  }
  if (retryable(res.status)) return requeue(p);
  drop(p.key);
  const data = (await res.json().catch(() => ({}))) as never;
  return res.ok ? { kind: 'ok', data } : { kind: 'refused', status: res.status, problem: data };
}

function requeue(p: Pending): SendResult {
  put(all().map((x) => (x.key === p.key ? { ...x, tries: x.tries + 1 } : x)));
  return { kind: 'queued' };
}

let retryTimer: ReturnType<typeof setTimeout> | undefined;

/** Sends everything waiting, with backoff between rounds while some stay unsent (one round pending at a time). */
export function flush(onResult: (p: Pending, r: SendResult) => void, delay = 2000): void {
  clearTimeout(retryTimer);
  const items = all();
  if (items.length === 0) return;
  void Promise.all(items.map(async (p) => onResult(p, await send(p)))).then(() => {
    if (all().length) retryTimer = setTimeout(() => flush(onResult, Math.min(delay * 2, 300_000)), delay);
  });
}
