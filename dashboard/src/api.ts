/**
 * The dashboard's API client: every page calls the API through here (like db/queries for the API).
 * Types come from the API's contracts with `import type` (no bytes shipped). The session is an
 * HttpOnly cookie the browser sends on same-origin requests: no page reads or sends a credential.
 */
import type { z } from 'zod';
import type * as ApiKeys from '../../api/src/contracts/api-keys';
import type * as Hours from '../../api/src/contracts/business-hours';
import type * as Capacity from '../../api/src/contracts/capacity-policies';
import type * as CapacityPlan from '../../api/src/contracts/capacity-plan';
import type * as Forms from '../../api/src/contracts/forms';
import type * as Growth from '../../api/src/contracts/growth-reports';
import type * as LeadActions from '../../api/src/contracts/lead-actions';
import type * as Leads from '../../api/src/contracts/leads';
import type * as Pipeline from '../../api/src/contracts/pipeline';
import type * as Reports from '../../api/src/contracts/reports';
import type * as Reps from '../../api/src/contracts/reps';
import type * as Routing from '../../api/src/contracts/routing';
import type * as Simulate from '../../api/src/contracts/routing-simulate';
import type * as Sla from '../../api/src/contracts/sla-policies';
import type * as Teams from '../../api/src/contracts/teams';
import type * as Deliveries from '../../api/src/contracts/webhook-deliveries';
import type * as Endpoints from '../../api/src/contracts/webhook-endpoints';
import type { Operator } from '../../api/src/domain/conditions';
import type { RoutingDecision } from '../../api/src/domain/routing/explain';
import { sessionEnded } from './auth';

export type Lead = z.infer<typeof Leads.Lead>;
export type LeadDetail = z.infer<typeof Leads.LeadDetail>;
export type LeadEvent = z.infer<typeof Leads.LeadEvent>;
export type Touchpoint = z.infer<typeof Leads.Touchpoint>;
export type LeadEventInput = LeadActions.LeadEventInput;
export type Form = Forms.Form;
export type FormInput = Forms.CreateFormInput;
export type FormField = Form['fields'][number];
export type Team = Teams.Team;
export type Rep = Reps.Rep;
export type RepInput = z.input<typeof Reps.CreateRepInput>;
export type WorkingHours = Reps.WorkingHours;
export type RoutingRule = Routing.RoutingRule;
export type RoutingAction = Routing.RoutingAction;
export type Condition = Routing.RoutingRule['condition'];
export type { Operator, RoutingDecision };
export type SimulateInput = z.input<typeof Simulate.SimulateRoutingInput>;
export type SimulateResult = z.infer<typeof Simulate.SimulateRoutingResult>;
export type BusinessHours = Hours.BusinessHours;
export type SlaPolicy = Sla.SlaPolicy;
export type SlaPolicyInput = z.input<typeof Sla.CreateSlaPolicyInput>;
export type CapacityPolicy = Capacity.CapacityPolicy;
export type CapacityPolicyInput = z.input<typeof Capacity.CreateCapacityPolicyInput>;
export type WebhookEndpoint = Endpoints.WebhookEndpoint;
export type CreatedWebhookEndpoint = z.infer<typeof Endpoints.CreatedWebhookEndpoint>;
export type WebhookSecret = z.infer<typeof Endpoints.WebhookSecret>;
export type WebhookDelivery = z.infer<typeof Deliveries.WebhookDelivery>;
export type ApiKey = z.infer<typeof ApiKeys.ApiKey>;
export type CreatedApiKey = z.infer<typeof ApiKeys.CreatedApiKey>;
export type SlaReport = z.infer<typeof Reports.SlaReport>;
export type CapacityReport = z.infer<typeof Reports.CapacityReport>;
export type PipelineStage = z.infer<typeof Pipeline.Stage>;
export type PipelineStageInput = z.input<typeof Pipeline.CreateStageInput>;
export type PipelineStageChange = z.input<typeof Pipeline.UpdateStageInput>;
export type PipelineReport = z.infer<typeof Growth.PipelineReport>;
export type AttributionReport = z.infer<typeof Growth.AttributionReport>;
export type RetentionReport = z.infer<typeof Growth.RetentionReport>;
export type CapacityPlanReport = z.infer<typeof CapacityPlan.CapacityPlanReport>;
/** `GET/PATCH /v1/workspace` (issue 12; added by the dashboard-api branch). */
export interface Workspace {
  id: string;
  name: string;
  timeZone: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A problem+json answer: `detail` to show, `errors` keyed by the input path they are about. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
  /** The message for one input, e.g. `fieldError('name')` or `fieldError('fields.0.label')`. */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }
}

async function request(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.ok) return res;
  const p = (await res.json().catch(() => ({}))) as {
    title?: string;
    detail?: string;
    errors?: { path: string; message: string }[];
  };
  // A 401 from /v1 means the session is gone; account endpoints answer 401 for a wrong password.
  if (res.status === 401 && !path.startsWith('/v1/auth/')) sessionEnded();
  throw new ApiProblem(res.status, p.detail || p.title || res.statusText, p.errors);
}

const parse = async <T>(res: Response) => (res.status === 204 ? undefined : await res.json()) as T;

export const get = async <T>(path: string) => parse<T>(await request('GET', path));
export const post = async <T>(path: string, body?: unknown) => parse<T>(await request('POST', path, body ?? {}));
export const patch = async <T>(path: string, body: unknown) => parse<T>(await request('PATCH', path, body));
export const put = async <T>(path: string, body: unknown) => parse<T>(await request('PUT', path, body));
export const del = async (path: string) => void (await request('DELETE', path));

/** Every page of a list (settings lists are short: teams, reps, rules, calendars). */
export async function getAll<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await get<Page<T>>(
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Downloads a list or report as CSV (`Accept: text/csv`, the API's own rendering) under `filename`. */
export async function downloadCsv(path: string, filename: string) {
  const blob = await (await request('GET', path, undefined, 'text/csv')).blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** A report as the API's own CSV (`Accept: text/csv`), or null when the API answers something else (JSON). */
export async function fetchCsv(path: string): Promise<Blob | null> {
  const res = await request('GET', path, undefined, 'text/csv');
  return res.headers.get('content-type')?.startsWith('text/csv') ? await res.blob() : null;
}

/** `?a=1&b=2` from an object, leaving out empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const enc = encodeURIComponent;
