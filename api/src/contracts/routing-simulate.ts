import { z } from '@hono/zod-openapi';
import { idPattern } from '../domain/ids';
import { RoutingAction, RuleCondition } from './routing';
import { TouchInput } from './public';

export const SimulateRoutingInput = z
  .strictObject({
    lead: z.strictObject({
      formId: z.string().regex(idPattern('form'), 'not a form id').optional(),
      values: z.record(z.string().max(64), z.union([z.string().max(5000), z.number(), z.boolean(), z.null()])),
      touchpoints: z.array(TouchInput).max(50).optional(),
    }),
    rules: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1).max(200),
          condition: RuleCondition,
          action: RoutingAction,
          enabled: z.boolean().optional(),
        }),
      )
      .max(10_000)
      .optional()
      .openapi({ description: 'Draft rules to try instead of the saved ones.' }),
    fallback: RoutingAction.nullable().optional(),
  })
  .openapi('SimulateRoutingInput');

export const SimulateRoutingResult = z
  .object({
    decision: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The decision the submission path would store as lead.routed.' }),
    rep: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    team: z.object({ id: z.string(), name: z.string() }).nullable(),
    facts: z.record(z.string(), z.unknown()),
  })
  .openapi('SimulateRoutingResult');
