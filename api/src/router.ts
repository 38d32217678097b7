/**
 * Every resource router is built here so all of them share the validation hook: a zod failure is a
 * problem+json 400 (query, path, headers) or 422 (body), never Hono's default shape.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { ApiError, describeFields, invalidFields, type FieldError } from './errors';
import type { AppEnv } from './context';

export function zodIssues(error: z.ZodError): FieldError[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const errors = zodIssues(result.error as z.ZodError);
      const target = (result as { target?: string }).target;
      // A rule's condition language gets its own 400 (routing rules, SLA and capacity policies,
      // simulations all share it): a wrong operator is a malformed rule, not a bad value.
      if (target === 'json' && errors.some((e) => e.path.split('.').includes('condition'))) {
        const conditionErrors = errors.filter((e) => e.path.split('.').includes('condition'));
        throw new ApiError('invalid_condition', describeFields(conditionErrors), { errors: conditionErrors });
      }
      if (target === 'json') throw invalidFields(errors);
      if (target === 'query') throw new ApiError('invalid_query', describeFields(errors), { errors });
      throw new ApiError('malformed_request', describeFields(errors), { errors });
    },
  });
}
