/**
 * One error model, one exit: domain and route code throws `ApiError(code, detail)`; `onError` and the
 * validation hook turn it into RFC 9457 problem+json. The `type` URI of each code is stable.
 */
export const PROBLEMS = {
  malformed_request: { status: 400, title: 'Malformed request' },
  invalid_query: { status: 400, title: 'Invalid query parameters' },
  invalid_condition: { status: 400, title: 'Invalid rule condition' },
  invalid_token: { status: 400, title: 'Invalid or expired token' },
  unauthorized: { status: 401, title: 'Missing or invalid credentials' },
  invalid_credentials: { status: 401, title: 'Wrong email or password' },
  forbidden_origin: { status: 403, title: 'Origin not allowed for this form' },
  forbidden: { status: 403, title: 'Forbidden' },
  csrf: { status: 403, title: 'Cross-site request refused' },
  email_not_verified: { status: 403, title: 'Email address not verified' },
  no_workspace: { status: 403, title: 'No active workspace' },
  not_found: { status: 404, title: 'Not found' },
  idempotency_conflict: { status: 409, title: 'Idempotency key reused with another request' },
  form_closed: { status: 409, title: 'Form is not taking submissions' },
  capacity_full: { status: 409, title: 'No capacity place left' },
  conflict: { status: 409, title: 'Conflict' },
  last_owner: { status: 409, title: 'A workspace keeps at least one owner' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  validation_failed: { status: 422, title: 'Validation failed' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
} as const;
export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_TYPE_BASE = 'https://inlet.dev/problems/';
export const problemType = (code: ProblemCode) => PROBLEM_TYPE_BASE + code.replaceAll('_', '-');

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? PROBLEMS[code].title);
    this.status = PROBLEMS[code].status;
  }
}

/** Field errors as one line: `path: message; path: message`. */
export const describeFields = (errors: readonly FieldError[]) =>
  errors.map((e) => `${e.path}: ${e.message}`).join('; ');

/** 422 naming each field at fault. */
export const invalidFields = (errors: FieldError[]) =>
  new ApiError('validation_failed', describeFields(errors), { errors });

/**
 * 404 for something the tenant does not have: unknown and another tenant's answer alike.
 * @example throw notFound('SLA policy') // "No such SLA policy."
 */
export const notFound = (what: string) => new ApiError('not_found', `No such ${what}.`);

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId?: string;
  [k: string]: unknown;
}

export function problemBody(err: ApiError, requestId?: string): ProblemBody {
  return {
    type: problemType(err.code),
    title: PROBLEMS[err.code].title,
    status: err.status,
    detail: err.message,
    ...(requestId ? { requestId } : {}),
    ...err.extra,
  };
}

export function problemResponse(err: ApiError, requestId?: string, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/problem+json');
  if (err.code === 'rate_limited' && err.extra.retryAfterSeconds)
    h.set('retry-after', String(err.extra.retryAfterSeconds));
  return new Response(JSON.stringify(problemBody(err, requestId)), { status: err.status, headers: h });
}
