import { z } from '@hono/zod-openapi';
import { Condition, FIELD_PATHS_HELP, OPERATORS } from '../domain/conditions';
import { idPattern } from '../domain/ids';
import { RoutingAction as DomainRoutingAction } from '../domain/routing';
import { IsoDate, orderedListQuery, Position } from './common';

/** Where a matched rule (or the fallback) sends a lead; every id must be one of the tenant's. */
export const RoutingAction = DomainRoutingAction.openapi('RoutingAction');
export type RoutingAction = z.infer<typeof RoutingAction>;

const conditionRef = { $ref: '#/components/schemas/Condition' };

/**
 * Validated by the domain's `Condition`. Its zod tree is recursive (a lazy union), which the OpenAPI
 * generator would follow forever, so the document gets this hand-written equivalent (giving `type`
 * tells the generator not to descend).
 */
export const RuleCondition = Condition.openapi('Condition', {
  type: 'object',
  description: `A condition over the lead's facts; fields: ${FIELD_PATHS_HELP}`,
  oneOf: [
    {
      type: 'object',
      properties: { all: { type: 'array', items: conditionRef } },
      required: ['all'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { any: { type: 'array', items: conditionRef } },
      required: ['any'],
      additionalProperties: false,
    },
    { type: 'object', properties: { not: conditionRef }, required: ['not'], additionalProperties: false },
    {
      type: 'object',
      properties: {
        field: { type: 'string', example: 'values.country' },
        op: { type: 'string', enum: [...OPERATORS] },
        value: {
          description:
            'A string, number or boolean; an array for in / not_in / between; absent for exists, not_exists, is_true, is_false.',
        },
      },
      required: ['field', 'op'],
      additionalProperties: false,
    },
  ],
  example: {
    all: [
      { field: 'values.country', op: 'in', value: ['DE', 'AT', 'CH'] },
      { not: { field: 'email.isFree', op: 'is_true' } },
    ],
  },
});

export const CreateRoutingRuleInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    condition: RuleCondition,
    action: RoutingAction,
    enabled: z.boolean().default(true),
    position: Position.optional().openapi({
      description: 'Rules are tried by ascending position, then id; default: after the last rule.',
    }),
  })
  .openapi('CreateRoutingRuleInput');
export type CreateRoutingRuleInput = z.infer<typeof CreateRoutingRuleInput>;

export const UpdateRoutingRuleInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    condition: RuleCondition,
    action: RoutingAction,
    enabled: z.boolean(),
    position: Position,
  })
  .partial()
  .openapi('UpdateRoutingRuleInput');
export type UpdateRoutingRuleInput = z.infer<typeof UpdateRoutingRuleInput>;

export const RoutingRule = z
  .object({
    id: z.string(),
    position: z.number().int(),
    name: z.string(),
    condition: RuleCondition,
    action: RoutingAction,
    enabled: z.boolean(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('RoutingRule');
export type RoutingRule = z.infer<typeof RoutingRule>;

const MAX_RULES_REORDERED = 10_000;

const RuleId = z.string().regex(idPattern('rule'), 'not a rule id');

export const ReorderRoutingRulesInput = z
  .strictObject({
    ids: z
      .array(RuleId)
      .max(MAX_RULES_REORDERED)
      .refine((ids) => new Set(ids).size === ids.length, 'lists a rule more than once')
      .openapi({ description: 'Every rule id of the tenant, once each, in the new order (positions become 0..n-1).' }),
  })
  .openapi('ReorderRoutingRulesInput');
export type ReorderRoutingRulesInput = z.infer<typeof ReorderRoutingRulesInput>;

export const RoutingRuleListQuery = orderedListQuery('rule');
export type RoutingRuleListQuery = z.infer<typeof RoutingRuleListQuery>;

export const RoutingFallback = RoutingAction.nullable().openapi('RoutingFallback', {
  description: 'Where a lead goes when no rule matches; null leaves it unassigned.',
});
export type RoutingFallback = z.infer<typeof RoutingFallback>;
