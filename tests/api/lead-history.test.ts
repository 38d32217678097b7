/** A lead's event history is append-only, enforced by the database itself. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadEvents } from '../../api/src/db/schema';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness } from '../helpers/harness';

describe.each(testDbKinds)('lead history on %s', (kind) => {
  let h: Harness;
  let leadId: string;
  beforeAll(async () => {
    h = await createHarness(kind);
    const t = await seedTenant(h);
    const formId = (await t.createForm()).id;
    leadId = ((await (await submit(h, formId, { values: { name: 'H', email: 'h@x.example' } })).json()) as any).leadId;
  });
  afterAll(() => h.close());

  it('refuses to change an event', async () => {
    await expect(
      h.handle.db.update(leadEvents).set({ type: 'lead.forged' }).where(eq(leadEvents.leadId, leadId)),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
  });

  it('refuses to delete an event, unless an erasure is declared in the transaction', async () => {
    await expect(h.handle.db.delete(leadEvents).where(eq(leadEvents.leadId, leadId))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/append-only/) },
    });
    expect((await h.handle.db.select().from(leadEvents).where(eq(leadEvents.leadId, leadId))).length).toBeGreaterThan(
      0,
    );
    await h.handle.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL inlet.erasure = 'on'`);
      await tx.delete(leadEvents).where(eq(leadEvents.leadId, leadId));
    });
    expect(await h.handle.db.select().from(leadEvents).where(eq(leadEvents.leadId, leadId))).toEqual([]);
  });
});
