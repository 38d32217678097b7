import { z } from '@hono/zod-openapi';
import { ID_PREFIXES, idPattern, type IdKind } from '../domain/ids';

export const Problem = z
  .object({
    type: z.string().openapi({ example: 'https://inlet.dev/problems/validation-failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details; `type` is stable.' });

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: PROBLEM_DESCRIPTIONS[s] ?? 'Error', content: { 'application/problem+json': { schema: Problem } } },
    ]),
  );

export const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request, query or id',
  401: 'Missing or invalid secret key or session',
  403: 'Forbidden: an origin the form does not allow, or a key scope or role that does not allow this',
  404: 'Not found (or another tenant’s)',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Not JSON',
  422: 'Validation failed',
  429: 'Rate limited',
};

export function idParam<N extends string = 'id'>(kind: IdKind, name: N = 'id' as N) {
  const id = z
    .string()
    .regex(idPattern(kind), `not a valid ${kind} id`)
    .openapi({ param: { name, in: 'path' }, example: `${ID_PREFIXES[kind]}_01JD3Q5V7X9K2M4N6P8R0S2T4V` });
  return z.object({ [name]: id } as Record<N, typeof id>);
}

export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(25)
    .openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z
    .string()
    .regex(/^[a-z]+_[0-9A-HJKMNP-TV-Z]{26}$/, 'not a cursor from a previous page')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' } }),
});

export const listOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const IsoDate = z.string().openapi({ format: 'date-time', example: '2026-11-25T18:52:00.000Z' });

/** `content` of a JSON request body or response in a route definition. */
export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

/** Up to a million positions: plenty of room to insert between ordered rows (rules, SLA policies) without reordering. */
export const Position = z.number().int().min(0).max(1_000_000);

/** The list query of rows in the order the customer sets: the cursor carries the last row's position and id. */
export function orderedListQuery(kind: IdKind) {
  const cursor = new RegExp(`^\\d{1,7}\\.${ID_PREFIXES[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`);
  return z.object({
    limit: PageQuery.shape.limit,
    cursor: z
      .string()
      .regex(cursor, 'not a cursor from a previous page')
      .optional()
      .openapi({ param: { name: 'cursor', in: 'query' } }),
  });
}

/** A URL Inlet posts to (webhook endpoints, Slack incoming webhooks); routes put it through the SSRF check (routes/target-url.ts). */
export const targetUrl = (example: string) =>
  z.string().trim().min(1).max(2048).openapi({
    format: 'uri',
    example,
    description:
      'https; no credentials; a public host (not localhost, *.internal, *.local, nor a private, loopback or link-local address).',
  });
