import { z } from '@hono/zod-openapi';
import { isIanaTimeZone } from '../domain/business-hours';
import { IsoDate } from './common';

const TimeZone = z.string().refine(isIanaTimeZone, 'expected an IANA time zone such as "Europe/Paris"').openapi({
  example: 'Europe/Paris',
  description: 'IANA zone: capacity windows and reports that speak of "a day" count in it.',
});

export const Workspace = z
  .object({ id: z.string(), name: z.string(), timeZone: z.string(), createdAt: IsoDate })
  .openapi('Workspace');

/** A field left out keeps its value. */
export const UpdateWorkspaceInput = z
  .strictObject({ name: z.string().trim().min(1).max(200), timeZone: TimeZone })
  .partial()
  .openapi('UpdateWorkspaceInput');
export type UpdateWorkspaceInput = z.infer<typeof UpdateWorkspaceInput>;

export const ClearedDemoData = z
  .object({
    leads: z.number().int(),
    teams: z.number().int(),
    reps: z.number().int(),
    routingRules: z.number().int(),
    slaPolicies: z.number().int(),
    businessHours: z.number().int(),
    capacityPolicies: z.number().int(),
    unassignedLeads: z.number().int().openapi({
      description: 'Your own leads left unassigned because the demo rep or team holding them was removed.',
    }),
  })
  .openapi('ClearedDemoData', { description: 'How many rows of each kind were removed.' });
