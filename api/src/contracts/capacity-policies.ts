import { z } from '@hono/zod-openapi';
import { CapacityPolicy as DomainCapacityPolicy } from '../domain/capacity';
import { idPattern } from '../domain/ids';
import { IsoDate, PageQuery } from './common';

/** The gate's rules, validated by the domain's schema (a redirect goes to an http(s) URL only). */
export const CapacitySettings = DomainCapacityPolicy.openapi('CapacitySettings', {
  description:
    "A limit per day, week or month (in the tenant's time zone) and/or the team's remaining open-lead capacity (`teamDerived`), " +
    'an optional schedule, what the form does when full, and a soft threshold (a fraction of the limit) that notifies before it closes.',
  example: {
    limit: { count: 50, per: 'week' },
    whenFull: { action: 'waitlist', message: 'We reply within 3 days' },
    softThreshold: 0.8,
  },
});
export type CapacitySettings = z.infer<typeof CapacitySettings>;

const FormId = z.string().regex(idPattern('form'), 'not a form id');
const TeamId = z.string().regex(idPattern('team'), 'not a team id');

const CapacityPolicyFields = {
  name: z.string().trim().min(1).max(200),
  formIds: z
    .array(FormId)
    .min(1)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'a form is listed twice')
    .openapi({
      description:
        'The forms the policy gates; their submissions share its window limit (a team policy lists the forms that feed the team). A form has at most one capacity policy.',
    }),
  teamId: TeamId.nullable().openapi({
    description:
      'One of your teams: its remaining open-lead capacity limits the forms; required when `policy.teamDerived` is true.',
  }),
  policy: CapacitySettings,
  enabled: z.boolean(),
};

export const CreateCapacityPolicyInput = z
  .strictObject({
    ...CapacityPolicyFields,
    teamId: CapacityPolicyFields.teamId.default(null),
    enabled: CapacityPolicyFields.enabled.default(true),
  })
  .openapi('CreateCapacityPolicyInput');
export type CreateCapacityPolicyInput = z.infer<typeof CreateCapacityPolicyInput>;

/** A field left out keeps its value; `policy` and `formIds` replace the old value whole. */
export const UpdateCapacityPolicyInput = z
  .strictObject(CapacityPolicyFields)
  .partial()
  .openapi('UpdateCapacityPolicyInput');
export type UpdateCapacityPolicyInput = z.infer<typeof UpdateCapacityPolicyInput>;

export const CapacityPolicy = z
  .object({
    id: z.string(),
    name: z.string(),
    formIds: z.array(z.string()),
    teamId: z.string().nullable(),
    policy: CapacitySettings,
    enabled: z.boolean(),
    lastState: z
      .enum(['open', 'waitlist', 'closed', 'redirect'])
      .openapi({ description: 'The availability last announced (read-only).' }),
    window: z
      .object({
        startsAt: IsoDate,
        endsAt: IsoDate,
        taken: z
          .number()
          .int()
          .openapi({ description: 'Places taken in this window (by all the forms of the policy).' }),
        left: z.number().int().openapi({ description: 'Places left before the limit (never below 0).' }),
      })
      .nullable()
      .openapi({ description: "The current window of the policy's limit (read-only); null without a limit." }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('CapacityPolicy');
export type CapacityPolicy = z.infer<typeof CapacityPolicy>;

export const CapacityPolicyListQuery = PageQuery.extend({
  formId: FormId.optional().openapi({
    param: { name: 'formId', in: 'query' },
    description: 'Only the policy gating this form.',
  }),
});
export type CapacityPolicyListQuery = z.infer<typeof CapacityPolicyListQuery>;
