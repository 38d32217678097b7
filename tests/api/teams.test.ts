/**
 * Teams: create, read, list, change, delete; a team still in use (reps, rules, the fallback) is
 * not deleted, and the answer says what uses it; another tenant's teams answer like unknown ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeApp } from '../../api/src/local/node-app';
import { testDbKinds } from '../helpers/db';
import { expectSameAsUnknown, unknownId } from '../helpers/isolation';
import { createHarness, seedTenant, type Harness, type TestTenant } from '../helpers/harness';

const UNKNOWN_TEAM = unknownId('team');
const SLACK = 'https://hooks.slack.com/services/T000/B000/XXXX';

describe.each(testDbKinds)('teams on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
  });
  afterAll(() => h.close());

  const createTeam = async (tenant: TestTenant, body: Record<string, unknown> = {}) => {
    const res = await tenant.api('/v1/teams', { body: { name: 'Sales', ...body } });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string } & Record<string, unknown>;
  };
  const createRep = async (teamId: string) => {
    const res = await t.api('/v1/reps', { body: { teamId, name: 'Ada', email: 'ada@seller.example' } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const createRule = async (action: Record<string, unknown>, name = 'Everyone') => {
    const res = await t.api('/v1/routing/rules', {
      body: { name, condition: { all: [] }, action: { strategy: 'round_robin', ...action } },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  it('creates a team with a Slack channel and reads it back', async () => {
    const team = await createTeam(t, { name: '  EMEA  ', slackWebhookUrl: SLACK });
    expect(team).toMatchObject({ name: 'EMEA', slackWebhookUrl: SLACK });
    expect(team.id).toMatch(/^team_/);
    expect(await (await t.api(`/v1/teams/${team.id}`)).json()).toEqual(team);
    expect((await createTeam(t)).slackWebhookUrl).toBeNull();
  });

  it('refuses a bad name or a Slack URL Inlet must not post to, with the paths at fault', async () => {
    // The harness allows private targets (its receivers listen on 127.0.0.1); the rest of the SSRF
    // policy is tested with the guard itself.
    for (const slackWebhookUrl of ['ftp://hooks.slack.com/x', 'https://user:pw@hooks.slack.com/x', 'not a url', '']) {
      const res = await t.api('/v1/teams', { body: { name: 'Ok', slackWebhookUrl } });
      expect(res.status, slackWebhookUrl).toBe(422);
      expect(
        ((await res.json()) as any).errors.map((e: any) => e.path),
        slackWebhookUrl,
      ).toEqual(['slackWebhookUrl']);
    }
    const res = await t.api('/v1/teams', { body: { name: ' ', colour: 'red' } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as any;
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(body.type).toBe('https://inlet.dev/problems/validation-failed');
    expect(body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['name', '(root)']));
  });

  it('refuses Slack URLs on private, loopback or link-local hosts as production does (teams and reps)', async () => {
    // The harness lets its receivers on 127.0.0.1 through; this app is configured as production is.
    const strict = createNodeApp({ handle: h.handle, now: () => h.clock.now, allowPrivateWebhookTargets: false }).app;
    const send = (path: string, body: unknown, method = 'POST') =>
      strict.request(path, {
        method,
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const team = await createTeam(t);
    for (const url of [
      'http://hooks.slack.com/x',
      'https://127.0.0.1:8787/_local/admin',
      'https://169.254.169.254/latest',
      'https://intranet/hook',
    ]) {
      const answers = [
        await send('/v1/teams', { name: 'T', slackWebhookUrl: url }),
        await send(`/v1/teams/${team.id}`, { slackWebhookUrl: url }, 'PATCH'),
        await send('/v1/reps', { teamId: team.id, name: 'R', email: 'r@seller.example', slackWebhookUrl: url }),
      ];
      for (const res of answers) {
        expect(res.status, url).toBe(422);
        expect(
          ((await res.json()) as any).errors.map((e: any) => e.path),
          url,
        ).toEqual(['slackWebhookUrl']);
      }
    }
    expect((await send('/v1/teams', { name: 'Public', slackWebhookUrl: SLACK })).status).toBe(201);
  });

  it('changes a team and clears its Slack channel', async () => {
    const team = await createTeam(t, { slackWebhookUrl: SLACK });
    const res = await t.api(`/v1/teams/${team.id}`, {
      method: 'PATCH',
      body: { name: 'Inside sales', slackWebhookUrl: null },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: team.id, name: 'Inside sales', slackWebhookUrl: null });
    expect((await t.api(`/v1/teams/${team.id}`, { method: 'PATCH', body: { name: '' } })).status).toBe(422);
  });

  it('pages through teams with a cursor, newest first', async () => {
    const fresh = await seedTenant(h, 'Pager');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createTeam(fresh, { name: `T${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await fresh.api(`/v1/teams?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
        data: { id: string }[];
        nextCursor: string | null;
      };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await fresh.api('/v1/teams?limit=0')).status).toBe(400);
  });

  it('deletes an unused team; then it is gone', async () => {
    const team = await createTeam(t);
    expect((await t.api(`/v1/teams/${team.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/teams/${team.id}`)).status).toBe(404);
    expect((await t.api(`/v1/teams/${team.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses to delete a team that has reps, and says so', async () => {
    const team = await createTeam(t);
    const rep = await createRep(team.id);
    const res = await t.api(`/v1/teams/${team.id}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ type: 'https://inlet.dev/problems/conflict', reps: 1, rules: [], fallback: false });
    expect(body.detail).toContain('1 rep');
    expect((await t.api(`/v1/reps/${rep}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/teams/${team.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('refuses to delete a team a routing rule sends leads to, as its team or its overflow', async () => {
    const team = await createTeam(t);
    const backup = await createTeam(t, { name: 'Backup' });
    const rule = await createRule({ teamId: team.id, overflow: { kind: 'next_team', teamId: backup.id } }, 'Big deals');
    for (const id of [team.id, backup.id]) {
      const res = await t.api(`/v1/teams/${id}`, { method: 'DELETE' });
      expect(res.status).toBe(409);
      const body = (await res.json()) as any;
      expect(body.rules).toEqual([{ id: rule, name: 'Big deals' }]);
      expect(body.detail).toContain(rule);
    }
    expect((await t.api(`/v1/routing/rules/${rule}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/teams/${team.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/teams/${backup.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('refuses to delete the team the routing fallback points at', async () => {
    const team = await createTeam(t);
    expect(
      (await t.api('/v1/routing/fallback', { method: 'PUT', body: { teamId: team.id, strategy: 'least_open' } }))
        .status,
    ).toBe(200);
    const res = await t.api(`/v1/teams/${team.id}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ reps: 0, rules: [], fallback: true });
    expect(body.detail).toContain('fallback');
    expect((await t.api('/v1/routing/fallback', { method: 'PUT', body: null })).status).toBe(200);
    expect((await t.api(`/v1/teams/${team.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('never leaves a rep in a deleted team when a rep is added while the team is deleted', async () => {
    for (let i = 0; i < 10; i++) {
      const team = await createTeam(t, { name: `Race ${i}` });
      const [created, deleted] = await Promise.all([
        t.api('/v1/reps', { body: { teamId: team.id, name: 'Racer', email: 'racer@seller.example' } }),
        t.api(`/v1/teams/${team.id}`, { method: 'DELETE' }),
      ]);
      // Either the rep got in first (the delete sees it) or the delete did (the rep's team is gone).
      expect([
        [201, 409],
        [422, 204],
      ]).toContainEqual([created.status, deleted.status]);
    }
  });

  describe('another tenant', () => {
    let theirs: string;
    let other: TestTenant;
    beforeAll(async () => {
      other = await seedTenant(h, 'Globex');
      theirs = (await createTeam(t, { name: 'Acme only' })).id;
    });

    async function sameAsUnknown(method: string, body?: unknown) {
      await expectSameAsUnknown(other.api, `/v1/teams/${theirs}`, `/v1/teams/${UNKNOWN_TEAM}`, { method, body });
    }

    it("answers another tenant's team exactly like an unknown team", () => sameAsUnknown('GET'));
    it("cannot change another tenant's team", () => sameAsUnknown('PATCH', { name: 'pwned' }));
    it("cannot delete another tenant's team", async () => {
      await sameAsUnknown('DELETE');
      expect((await t.api(`/v1/teams/${theirs}`)).status).toBe(200);
    });
    it("never lists another tenant's teams", async () => {
      const page = (await (await other.api('/v1/teams?limit=100')).json()) as any;
      expect(page.data).toEqual([]);
    });
    it('answers a malformed id with 400', async () => {
      expect((await t.api('/v1/teams/not-a-team')).status).toBe(400);
    });
  });
});
