import { z } from '@hono/zod-openapi';
import { SLA_GROUPS } from '../db/queries/sla-report';

const Range = {
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Created at or after (default: 30 days ago).' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Created before (default: now).' }),
};

export const SlaReportQuery = z.object({
  ...Range,
  groupBy: z.enum(SLA_GROUPS).default('all').openapi({ description: 'rep, team, form, channel (first touch), day or week (tenant time zone), all' }),
});

const n = z.number().nullable();
export const SlaReportRow = z
  .object({
    key: z.string(),
    leads: z.number().int(),
    answered: z.number().int(),
    withinTarget: z.number().int(),
    breaches: z.number().int(),
    shareWithinTarget: n.openapi({ description: 'withinTarget ÷ (withinTarget + breaches); leads still inside their window are undecided.' }),
    medianFirstResponseMinutes: n.openapi({ description: "On the policy's clock (business minutes when it measures business time)." }),
    p90FirstResponseMinutes: n,
    medianSystemDelaySeconds: n.openapi({ description: "Inlet's part: created → the owner notified." }),
    p90SystemDelaySeconds: n,
    medianRepDelaySeconds: n.openapi({ description: "The rep's part: notified → first response." }),
    p90RepDelaySeconds: n,
  })
  .openapi('SlaReportRow');

export const SlaReport = z.object({ from: z.string(), to: z.string(), groupBy: z.enum(SLA_GROUPS), rows: z.array(SlaReportRow) }).openapi('SlaReport');

export const reportRange = (q: { from?: string; to?: string }, now: Date) => ({
  from: q.from ? new Date(q.from) : new Date(now.getTime() - 30 * 86_400_000),
  to: q.to ? new Date(q.to) : now,
});
