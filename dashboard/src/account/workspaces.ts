/** Workspace calls the account screens share (better-auth's organizations are Inlet's workspaces). */
import { post } from '../api';
import { refreshMe } from '../auth';

/** A URL-safe slug better-auth requires; the random tail keeps two "Acme" workspaces apart. */
const slugOf = (name: string) =>
  `${
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'workspace'
  }-${Math.random().toString(36).slice(2, 8)}`;

/** Creates a workspace owned by the signed-in person and makes it the active one. */
export async function createWorkspace(name: string) {
  const org = await post<{ id: string }>('/v1/auth/organization/create', { name, slug: slugOf(name) });
  await post('/v1/auth/organization/set-active', { organizationId: org.id });
  await refreshMe();
}
