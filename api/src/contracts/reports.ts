import { z } from '@hono/zod-openapi';
import { CAPACITY_GROUPS } from '../db/queries/capacity-report';
import { SLA_GROUPS } from '../db/queries/sla-report';
import { idPattern } from '../domain/ids';

const Range = {
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Created at or after (default: 30 days ago).' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Created before (default: now).' }),
};

export const SlaReportQuery = z.object({
  ...Range,
  groupBy: z
    .enum(SLA_GROUPS)
    .default('all')
    .openapi({ description: 'rep, team, form, channel (first touch), day or week (tenant time zone), all' }),
});

const n = z.number().nullable();
export const SlaReportRow = z
  .object({
    key: z.string(),
    leads: z.number().int(),
    answered: z.number().int(),
    withinTarget: z.number().int(),
    breaches: z.number().int(),
    shareWithinTarget: n.openapi({
      description: 'withinTarget ÷ (withinTarget + breaches); leads still inside their window are undecided.',
    }),
    medianFirstResponseMinutes: n.openapi({
      description: "On the policy's clock (business minutes when it measures business time).",
    }),
    p90FirstResponseMinutes: n,
    medianSystemDelaySeconds: n.openapi({ description: "Inlet's part: created → the owner notified." }),
    p90SystemDelaySeconds: n,
    medianRepDelaySeconds: n.openapi({ description: "The rep's part: notified → first response." }),
    p90RepDelaySeconds: n,
  })
  .openapi('SlaReportRow');

export const SlaReport = z
  .object({ from: z.string(), to: z.string(), groupBy: z.enum(SLA_GROUPS), rows: z.array(SlaReportRow) })
  .openapi('SlaReport');

export const reportRange = (q: { from?: string; to?: string }, now: Date) => ({
  from: q.from ? new Date(q.from) : new Date(now.getTime() - 30 * 86_400_000),
  to: q.to ? new Date(q.to) : now,
});

export const CapacityReportQuery = z
  .object({
    ...Range,
    formId: z
      .string()
      .regex(idPattern('form'), 'not a form id')
      .optional()
      .openapi({ description: 'One form (give this or `policyId`).' }),
    policyId: z.string().regex(idPattern('capacityPolicy'), 'not a capacity policy id').optional().openapi({
      description: 'All the forms a capacity policy gates, e.g. those feeding one team (give this or `formId`).',
    }),
    groupBy: z.enum(CAPACITY_GROUPS).default('day').openapi({
      description: 'day, week or month (tenant time zone, the gate’s windows), channel or campaign (last touch)',
    }),
  })
  .refine((q) => (q.formId === undefined) !== (q.policyId === undefined), {
    message: 'give formId or policyId (one of them)',
    path: ['formId'],
  });

export const CapacityReportRow = z
  .object({
    key: z.string(),
    views: z.number().int(),
    viewsWhileFull: z
      .number()
      .int()
      .openapi({ description: 'Views of the form while it was waitlisting, closed or redirecting.' }),
    fullShareOfViews: z.number().nullable(),
    demand: z.number().int().openapi({ description: 'Submissions: accepted + waitlisted + refused.' }),
    accepted: z.number().int(),
    waitlisted: z.number().int(),
    refusedSubmissions: z.number().int(),
    refusedViews: z.number().int(),
    turnedAwayShare: z.number().nullable().openapi({ description: '(waitlisted + refused) ÷ demand' }),
    placesTaken: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Places the gate counted in that window (the policy's, shared by all its forms)." }),
  })
  .openapi('CapacityReportRow');

export const CapacityReport = z
  .object({
    from: z.string(),
    to: z.string(),
    formIds: z.array(z.string()).openapi({ description: 'The forms reported on.' }),
    policyId: z.string().nullable().openapi({ description: 'The capacity policy gating them, if any.' }),
    groupBy: z.enum(CAPACITY_GROUPS),
    capacity: z
      .object({ count: z.number().int(), per: z.string() })
      .nullable()
      .openapi({ description: "The policy's current window limit (shared by its forms)." }),
    rows: z.array(CapacityReportRow),
  })
  .openapi('CapacityReport');
