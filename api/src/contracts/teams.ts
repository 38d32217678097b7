import { z } from '@hono/zod-openapi';
import { IsoDate } from './common';

/** A Slack incoming-webhook URL (teams and reps). The route puts it through the SSRF check (routes/target-url.ts). */
export const SlackWebhookUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .openapi({
    format: 'uri',
    example: 'https://hooks.slack.com/services/T000/B000/XXXX',
    description: 'https; no credentials; a public host (not localhost, *.internal, *.local, nor a private, loopback or link-local address).',
  });

export const CreateTeamInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    slackWebhookUrl: SlackWebhookUrl.nullable().optional().openapi({ description: "The team channel's incoming webhook: assignments and escalations are posted there." }),
  })
  .openapi('CreateTeamInput');
export type CreateTeamInput = z.infer<typeof CreateTeamInput>;

export const UpdateTeamInput = CreateTeamInput.partial().openapi('UpdateTeamInput');
export type UpdateTeamInput = z.infer<typeof UpdateTeamInput>;

export const Team = z
  .object({
    id: z.string(),
    name: z.string(),
    slackWebhookUrl: z.string().nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('Team');
export type Team = z.infer<typeof Team>;
