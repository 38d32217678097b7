/**
 * What reaches Slack when a visitor types something hostile: the body as a local receiver gets it
 * over HTTP. Visitor text travels only in plain_text objects; the fallback text and every mrkdwn
 * object carry our own words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { createHarness, seedTenant, submit, type Harness, type TestTenant } from '../helpers/harness';
import { startReceiver, type Receiver } from '../helpers/receiver';

const NAME = 'Verify at https://evil.example *bold* ~strike~ <!channel>';

interface TextObject {
  type: string;
  text: string;
}
interface Block {
  text?: TextObject;
  fields?: TextObject[];
  elements?: TextObject[];
}

describe.each(testDbKinds)('Slack delivery on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  let receiver: Receiver;

  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.close();
  });

  it('sends a hostile lead name only as plain text, never as mrkdwn or in the fallback', async () => {
    const team = (await (
      await t.api('/v1/teams', { body: { name: 'Sales', slackWebhookUrl: `${receiver.url}/slack/sales` } })
    ).json()) as { id: string };
    expect(
      (await t.api('/v1/reps', { body: { teamId: team.id, name: 'Grace', email: 'grace@seller.example' } })).status,
    ).toBe(201);
    const fallback = await t.api('/v1/routing/fallback', {
      method: 'PUT',
      body: { teamId: team.id, strategy: 'round_robin' },
    });
    expect(fallback.status).toBe(200);
    const form = await t.createForm();
    const res = await submit(h, form.id, {
      values: { name: NAME, email: 'mallory@evil.example', phone: '+1 555 0100' },
      fillMs: 5000,
    });
    expect(res.status).toBe(201);
    await h.settle();

    const [post] = await receiver.waitFor(1);
    expect(post!.path).toBe('/slack/sales');
    const body = JSON.parse(post!.body) as { text: string; blocks: Block[] };
    const objects = body.blocks.flatMap((b) => [
      ...(b.text ? [b.text] : []),
      ...(b.fields ?? []),
      ...(b.elements ?? []),
    ]);
    const ours = [body.text, ...objects.filter((o) => o.type === 'mrkdwn').map((o) => o.text)];
    for (const text of ours) expect(text).not.toMatch(/evil|bold|strike|<!channel>|mallory|555/);
    expect(body.text).toBe(':inbox_tray: New lead for *Grace* (Sales)');
    const plain = objects.filter((o) => o.type === 'plain_text').map((o) => o.text);
    expect(plain).toEqual(expect.arrayContaining([NAME, 'Email: mallory@evil.example', 'Phone: +1 555 0100']));
  });
});
