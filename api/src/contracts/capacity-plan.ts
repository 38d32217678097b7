import { z } from '@hono/zod-openapi';
import { idPattern } from '../domain/ids';
import { IsoDate } from './common';

export const CapacityPlanQuery = z.object({
  teamId: z.string().regex(idPattern('team'), 'not a team id').openapi({ description: 'The team to plan for.' }),
  weeks: z.coerce
    .number()
    .int()
    .min(1)
    .max(52)
    .default(8)
    .openapi({ description: 'Weeks to plan, from the next full week (Monday first, in the workspace zone).' }),
  historyWeeks: z.coerce
    .number()
    .int()
    .min(2)
    .max(52)
    .default(8)
    .openapi({ description: 'Full past weeks the handling rate and the demand trend are measured over.' }),
  demandFactor: z.coerce
    .number()
    .min(0)
    .max(100)
    .default(1)
    .openapi({ description: 'Multiplies the forecast demand: 2 asks "can we serve twice the demand?".' }),
});

const Count = z.number().int();
export const CapacityPlanReport = z
  .object({
    teamId: z.string(),
    timeZone: z.string(),
    demandFactor: z.number(),
    handling: z.object({
      historyWeeks: Count,
      answered: Count.openapi({ description: 'Leads of the team first answered in the measured weeks.' }),
      workingHours: z
        .number()
        .openapi({ description: "The reps' working hours in those weeks, out-of-office taken out." }),
      leadsPerWorkingHour: z.number().nullable().openapi({ description: 'Null: no history to measure it from.' }),
      medianHoursToClose: z.number().nullable(),
    }),
    data: z.array(
      z.object({
        week: z.string().openapi({ example: '2026-W50' }),
        start: IsoDate,
        end: IsoDate,
        workingHours: z.number(),
        capacity: Count.nullable().openapi({ description: 'Leads the team can answer that week.' }),
        demand: Count,
        demandByChannel: z.array(z.object({ channel: z.string(), leads: Count })),
        overCapacity: z.boolean(),
        slaMisses: Count.nullable().openapi({ description: "The week's leads not answered within it." }),
        backlog: Count.nullable().openapi({ description: 'Unanswered leads carried into the next week.' }),
      }),
    ),
    channels: z.array(
      z.object({
        channel: z.string(),
        averagePerWeek: z.number(),
        trendPerWeek: z.number().openapi({ description: 'Least-squares slope over the measured weeks.' }),
        score: z.number().nullable().openapi({ description: 'Source quality (net revenue per lead, minor units).' }),
        scoreLeads: Count.nullable(),
        currency: z.string().nullable(),
      }),
    ),
    crossing: z
      .object({ week: z.string(), start: IsoDate })
      .nullable()
      .openapi({ description: 'The first week demand passes capacity; null when it never does.' }),
    throttle: z
      .array(
        z.object({
          channel: z.string(),
          score: z.number().nullable(),
          leadsPerWeek: Count,
          demandAfter: Count,
          enough: z.boolean(),
        }),
      )
      .openapi({ description: 'At the crossing week: channels to hold back, lowest quality first.' }),
  })
  .openapi('CapacityPlanReport');
