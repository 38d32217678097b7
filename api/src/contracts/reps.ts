import { z } from '@hono/zod-openapi';
import { Holiday, isIanaTimeZone, WEEKDAYS, WeeklySchedule } from '../domain/business-hours';
import { EMAIL_NOTIFICATIONS } from '../db/schema/reps';
import { idPattern } from '../domain/ids';
import { MAX_WEIGHT } from '../domain/routing';
import { IsoDate, PageQuery } from './common';
import { SlackWebhookUrl } from './teams';

const MAX_OUT_OF_OFFICE_PERIODS = 100;

/** Stored as a business-hours calendar (mode `business`) that the router checks in the rep's zone. */
export const WorkingHours = z
  .strictObject({
    timeZone: z.string().refine(isIanaTimeZone, 'expected an IANA time zone such as "Europe/Paris"'),
    weekly: WeeklySchedule,
    holidays: z.array(Holiday).max(400).default([]),
  })
  .refine((h) => WEEKDAYS.some((d) => h.weekly[d].length > 0), {
    message: 'working hours need at least one open interval (null means always available)',
    path: ['weekly'],
  })
  .openapi('WorkingHours', {
    example: {
      timeZone: 'Europe/Berlin',
      weekly: { mon: [{ start: '09:00', end: '17:00' }] },
      holidays: [{ date: '2026-12-25' }],
    },
  });
export type WorkingHours = z.infer<typeof WorkingHours>;

const Instant = z.iso.datetime({ offset: true }).openapi({ format: 'date-time', example: '2026-12-21T00:00:00+01:00' });

export const OutOfOffice = z
  .strictObject({ from: Instant, to: Instant, note: z.string().trim().max(500).optional() })
  .refine((p) => Date.parse(p.to) > Date.parse(p.from), { message: 'to must be after from', path: ['to'] })
  .openapi('OutOfOffice');
export type OutOfOffice = z.infer<typeof OutOfOffice>;

const TeamId = z.string().regex(idPattern('team'), 'not a team id');

const RepFields = {
  teamId: TeamId,
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  position: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .openapi({ description: "Place in the team's rotation (ties by id)." }),
  weight: z
    .number()
    .int()
    .min(0)
    .max(MAX_WEIGHT)
    .openapi({ description: 'Share for weighted round robin; 0 takes no weighted leads.' }),
  active: z.boolean(),
  workingHours: WorkingHours.nullable().openapi({
    description: "In the rep's own time zone; null means always available.",
  }),
  outOfOffice: z.array(OutOfOffice).max(MAX_OUT_OF_OFFICE_PERIODS),
  maxOpenLeads: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .nullable()
    .openapi({ description: 'The most open leads the rep takes; null for no limit.' }),
  slackWebhookUrl: SlackWebhookUrl.nullable(),
  emailNotifications: z.enum(EMAIL_NOTIFICATIONS).openapi({
    description: 'Email about their leads (assignments, SLA warnings and breaches): `immediate`, or `off`.',
  }),
};

export const CreateRepInput = z
  .strictObject({
    ...RepFields,
    position: RepFields.position
      .optional()
      .openapi({ description: "Place in the team's rotation (ties by id); default: after the team's last rep." }),
    weight: RepFields.weight.default(1),
    active: RepFields.active.default(true),
    workingHours: RepFields.workingHours.default(null),
    outOfOffice: RepFields.outOfOffice.default([]),
    maxOpenLeads: RepFields.maxOpenLeads.default(null),
    slackWebhookUrl: RepFields.slackWebhookUrl.default(null),
    emailNotifications: RepFields.emailNotifications.default('immediate'),
  })
  .openapi('CreateRepInput');
export type CreateRepInput = z.infer<typeof CreateRepInput>;

/** A field left out keeps its value (no defaults apply on a change). */
export const UpdateRepInput = z.strictObject(RepFields).partial().openapi('UpdateRepInput');
export type UpdateRepInput = z.infer<typeof UpdateRepInput>;

export const Rep = z
  .object({
    id: z.string(),
    teamId: z.string(),
    name: z.string(),
    email: z.string(),
    position: z.number().int(),
    weight: z.number().int(),
    active: z.boolean(),
    timeZone: z
      .string()
      .nullable()
      .openapi({ description: 'The zone of the working hours; null when the rep has none.' }),
    workingHours: WorkingHours.nullable(),
    outOfOffice: z.array(OutOfOffice),
    maxOpenLeads: z.number().int().nullable(),
    openLeads: z.number().int().openapi({ description: 'Open leads assigned to the rep (read-only).' }),
    slackWebhookUrl: z.string().nullable(),
    emailNotifications: z.enum(EMAIL_NOTIFICATIONS),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('Rep');
export type Rep = z.infer<typeof Rep>;

export const RepListQuery = PageQuery.extend({
  teamId: TeamId.optional().openapi({ param: { name: 'teamId', in: 'query' } }),
  active: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ param: { name: 'active', in: 'query' } }),
});
export type RepListQuery = z.infer<typeof RepListQuery>;
