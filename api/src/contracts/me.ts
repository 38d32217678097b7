import { z } from '@hono/zod-openapi';
import { KEY_SCOPES, ROLES } from '../domain/access';

const Role = z.enum(ROLES);
const Workspace = z.object({ id: z.string(), name: z.string() }).openapi('Workspace');

export const SessionMe = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string(), emailVerified: z.boolean() }),
    workspace: Workspace.nullable().openapi({ description: 'The active workspace; null until the person has one.' }),
    role: Role.nullable().openapi({ description: "The person's role in the active workspace." }),
    workspaces: z.array(Workspace.extend({ role: Role })).openapi({ description: 'Every workspace they belong to.' }),
  })
  .openapi('SessionMe');

export const KeyMe = z
  .object({
    key: z.object({ id: z.string(), scopes: z.array(z.enum(KEY_SCOPES)) }),
    workspace: Workspace,
  })
  .openapi('KeyMe');

export const Me = z.union([SessionMe, KeyMe]).openapi('Me');
export type Me = z.infer<typeof Me>;
export type SessionMe = z.infer<typeof SessionMe>;
