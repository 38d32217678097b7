/** Webhook endpoints, always filtered by tenant: another tenant's id finds nothing, like an unknown one. */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import { newWebhookSecret } from '../../domain/webhook-signature';
import type { Database } from '../database';
import { webhookEndpoints } from '../schema';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

export interface WebhookEndpointInput {
  url: string;
  description?: string | null;
  topics: string[];
  enabled?: boolean;
}

/** How long the secret before a rotation keeps signing, so receivers can switch over without a gap. */
export const ROTATION_GRACE_MS = 24 * 3600_000;

export async function insertWebhookEndpoint(
  db: Database,
  tenantId: string,
  input: WebhookEndpointInput,
  now: Date,
): Promise<WebhookEndpointRow> {
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id: newId('endpoint', now),
      tenantId,
      url: input.url,
      description: input.description ?? null,
      topics: input.topics,
      enabled: input.enabled ?? true,
      secret: newWebhookSecret(),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export async function findWebhookEndpoint(
  db: Database,
  tenantId: string,
  id: string,
): Promise<WebhookEndpointRow | null> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .limit(1);
  return row ?? null;
}

export async function listWebhookEndpoints(db: Database, tenantId: string, page: { limit: number; cursor?: string }) {
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), page.cursor ? lt(webhookEndpoints.id, page.cursor) : undefined))
    .orderBy(desc(webhookEndpoints.id))
    .limit(page.limit + 1);
}

export async function updateWebhookEndpoint(
  db: Database,
  tenantId: string,
  id: string,
  patch: Partial<WebhookEndpointInput>,
  now: Date,
) {
  // Enabling by hand clears the reason Inlet had for disabling it.
  const reason = patch.enabled === true ? { disabledReason: null } : {};
  const [row] = await db
    .update(webhookEndpoints)
    .set({ ...patch, ...reason, updatedAt: now })
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteWebhookEndpoint(db: Database, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** A new secret; the old one keeps signing alongside it for ROTATION_GRACE_MS. */
export async function rotateWebhookSecret(db: Database, tenantId: string, id: string, now: Date) {
  // One statement: the right-hand side reads the row as it was, so concurrent rotations cannot lose a secret.
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      previousSecret: sql`${webhookEndpoints.secret}`,
      secret: newWebhookSecret(),
      previousSecretExpiresAt: new Date(now.getTime() + ROTATION_GRACE_MS),
      updatedAt: now,
    })
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)))
    .returning();
  return row ?? null;
}

/** Set when a receiver answers 410 Gone: it asked us to stop. */
export async function disableGoneEndpoint(db: Database, tenantId: string, id: string, now: Date) {
  await db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: 'gone', updatedAt: now })
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id)));
}

/** The secrets to sign with at `now`: the current one, and the previous one during its grace period. */
export function signingSecrets(
  e: Pick<WebhookEndpointRow, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>,
  now: Date,
): string[] {
  const previousLive =
    e.previousSecret && e.previousSecretExpiresAt && e.previousSecretExpiresAt.getTime() > now.getTime();
  return previousLive ? [e.secret, e.previousSecret!] : [e.secret];
}
