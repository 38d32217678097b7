import { z } from '@hono/zod-openapi';
import { IsoDate, targetUrl } from './common';

/** A Slack incoming-webhook URL (teams and reps). */
export const SlackWebhookUrl = targetUrl('https://hooks.slack.com/services/T000/B000/XXXX');

export const CreateTeamInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    slackWebhookUrl: SlackWebhookUrl.nullable()
      .optional()
      .openapi({ description: "The team channel's incoming webhook: assignments and escalations are posted there." }),
    email: z.email().max(254).nullable().optional().openapi({
      description:
        "The team's shared inbox: SLA breaches are emailed there when the policy notifies the team (and when the lead has no owner).",
      example: 'sales@example.com',
    }),
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
    email: z.string().nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi('Team');
export type Team = z.infer<typeof Team>;
