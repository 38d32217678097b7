/** What `npm run admin` does, shared by its direct path and the running server's loopback route. */
import { z } from 'zod';
import type { Database } from '../db/database';
import { createTenant } from '../db/queries/tenants';
import { addOwner } from '../verbs/people';

export const CreateTenantInput = z.object({
  name: z.string().trim().min(1).max(200),
  timeZone: z.string().optional(),
  ownerEmail: z.string().trim().email().max(320).optional(),
});
export const AddOwnerInput = z.object({ tenantId: z.string().min(1), email: z.string().trim().email().max(320) });

export interface CreatedTenant {
  tenantId: string;
  secretKey: string;
  ownerPassword?: string | null;
}

export async function createTenantAction(
  db: Database,
  raw: z.input<typeof CreateTenantInput>,
  now: Date,
): Promise<CreatedTenant> {
  const input = CreateTenantInput.parse(raw);
  const created = await createTenant(db, { name: input.name, timeZone: input.timeZone }, now);
  if (!input.ownerEmail) return created;
  const owner = await addOwner(db, { tenantId: created.tenantId, email: input.ownerEmail }, now);
  return { ...created, ownerPassword: owner.ownerPassword };
}

export function addOwnerAction(db: Database, raw: z.input<typeof AddOwnerInput>, now: Date) {
  return addOwner(db, AddOwnerInput.parse(raw), now);
}
