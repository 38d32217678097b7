import { z } from '@hono/zod-openapi';
import { idPattern } from '../domain/ids';
import { SlaTargets as DomainSlaTargets } from '../domain/sla';
import { IsoDate, orderedListQuery, Position } from './common';
import { RuleCondition } from './routing';

const MAX_POLICIES_REORDERED = 10_000;
const MAX_PAUSE_STAGES = 50;

export const SlaTargets = DomainSlaTargets.openapi('SlaTargets', {
  description:
    'First response within `firstResponseMinutes` (and the next touch within `followUpMinutes`), on business or calendar time; a warning at `warnAtFraction` of the target.',
  example: { firstResponseMinutes: 60, followUpMinutes: 1440, clock: 'business', warnAtFraction: 0.75 },
});
export type SlaTargets = z.infer<typeof SlaTargets>;

const Escalation = {
  notifyOwner: z
    .boolean()
    .openapi({ description: "Notify the owner (rep's Slack, else the team's) and send `lead.sla_breached`." }),
  notifyTeam: z.boolean().openapi({ description: "Post to the team's channel as well." }),
  reassign: z.boolean().openapi({ description: 'Route the lead again, away from its owner.' }),
};

export const SlaEscalation = z
  .strictObject({
    notifyOwner: Escalation.notifyOwner.default(true),
    notifyTeam: Escalation.notifyTeam.default(false),
    reassign: Escalation.reassign.default(false),
  })
  .openapi('SlaEscalation', { description: 'What happens on a breach.' });
export type SlaEscalation = z.infer<typeof SlaEscalation>;

/** On a change, the flags left out keep their values. */
export const UpdateSlaEscalationInput = z.strictObject(Escalation).partial().openapi('UpdateSlaEscalationInput');
export type UpdateSlaEscalationInput = z.infer<typeof UpdateSlaEscalationInput>;

const CalendarId = z.string().regex(idPattern('calendar'), 'not a business-hours calendar id').openapi({
  description:
    'One of your business-hours calendars (`/v1/business-hours`); required when `targets.clock` is `business`.',
});

const PauseStages = z
  .array(z.string().trim().min(1).max(100))
  .max(MAX_PAUSE_STAGES)
  .refine((s) => new Set(s).size === s.length, 'lists a stage more than once')
  .openapi({ description: 'Pipeline stages during which the clock stands still (e.g. `waiting_on_customer`).' });

const SlaPolicyFields = {
  name: z.string().trim().min(1).max(200),
  position: Position,
  condition: RuleCondition,
  targets: SlaTargets,
  calendarId: CalendarId.nullable(),
  pauseStages: PauseStages,
  enabled: z.boolean(),
};

export const CreateSlaPolicyInput = z
  .strictObject({
    ...SlaPolicyFields,
    position: Position.optional().openapi({
      description:
        'Policies are tried by ascending position, then id; the first enabled match applies. Default: after the last policy.',
    }),
    calendarId: SlaPolicyFields.calendarId.default(null),
    escalation: SlaEscalation.prefault({}),
    pauseStages: PauseStages.default([]),
    enabled: SlaPolicyFields.enabled.default(true),
  })
  .openapi('CreateSlaPolicyInput');
export type CreateSlaPolicyInput = z.infer<typeof CreateSlaPolicyInput>;

/** A field left out keeps its value; `targets` replaces the targets whole; `escalation` merges flag by flag. */
export const UpdateSlaPolicyInput = z
  .strictObject({ ...SlaPolicyFields, escalation: UpdateSlaEscalationInput })
  .partial()
  .openapi('UpdateSlaPolicyInput');
export type UpdateSlaPolicyInput = z.infer<typeof UpdateSlaPolicyInput>;

export const SlaPolicy = z
  .object({
    id: z.string(),
    position: z.number().int(),
    name: z.string(),
    condition: RuleCondition,
    targets: SlaTargets,
    calendarId: z.string().nullable(),
    escalation: SlaEscalation,
    pauseStages: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('SlaPolicy');
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const ReorderSlaPoliciesInput = z
  .strictObject({
    ids: z
      .array(z.string().regex(idPattern('slaPolicy'), 'not an SLA policy id'))
      .max(MAX_POLICIES_REORDERED)
      .refine((ids) => new Set(ids).size === ids.length, 'lists a policy more than once')
      .openapi({
        description: 'Every SLA policy id of the tenant, once each, in the new order (positions become 0..n-1).',
      }),
  })
  .openapi('ReorderSlaPoliciesInput');
export type ReorderSlaPoliciesInput = z.infer<typeof ReorderSlaPoliciesInput>;

export const SlaPolicyListQuery = orderedListQuery('slaPolicy');
export type SlaPolicyListQuery = z.infer<typeof SlaPolicyListQuery>;
