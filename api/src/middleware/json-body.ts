/**
 * Every body-carrying request passes here before validation: a size limit that holds whether or not
 * the client declares a length (413), JSON only (415), well-formed and at most 32 levels deep (400),
 * only text Postgres can store and no `__proto__` key (422). The parsed body is cached so the zod
 * validator does not parse it again.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { findBodyFault, jsonNestsDeeper, MAX_JSON_DEPTH } from '../domain/request-body';
import { ApiError, invalidFields } from '../errors';
import type { AppEnv } from '../context';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

export function jsonBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `The body is over ${maxBytes} bytes.`, { limitBytes: maxBytes });
    },
  });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' || c.req.method === 'DELETE')
      return next();
    return limit(c, async () => {
      const text = await c.req.text();
      if (text.length === 0) return next();
      const type = c.req.header('content-type') ?? '';
      if (!JSON_TYPE.test(type))
        throw new ApiError('unsupported_media_type', `Send application/json, not "${type || 'nothing'}".`);
      if (jsonNestsDeeper(text))
        throw new ApiError('malformed_request', `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw new ApiError('malformed_request', `The body is not valid JSON: ${(e as Error).message}`);
      }
      const fault = findBodyFault(parsed);
      if (fault) throw invalidFields([fault]);
      // Hono's validator reads c.req.json(); hand it the parsed value instead of parsing twice.
      (c.req as unknown as { bodyCache: Record<string, unknown> }).bodyCache.json = Promise.resolve(parsed);
      await next();
    });
  };
}

/** Only the size limit (413, declared length or not): for bodies read raw, such as Stripe's signed events. */
export function rawBodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `The body is over ${maxBytes} bytes.`, { limitBytes: maxBytes });
    },
  });
}
