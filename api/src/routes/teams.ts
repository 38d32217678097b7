import { createRoute } from '@hono/zod-openapi';
import { idParam, json, listOf, PageQuery, problemResponses } from '../contracts/common';
import { CreateTeamInput, Team, UpdateTeamInput } from '../contracts/teams';
import { page } from '../db/queries/pagination';
import { findTeam, insertTeam, listTeams, updateTeam } from '../db/queries/teams';
import { notFound } from '../errors';
import { router } from '../router';
import { removeTeam } from '../verbs/teams';
import { presentTeam } from './present-routing';
import { withCheckedSlackUrl } from './target-url';

const TeamId = idParam('team');
const tags = ['Teams'];

const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createTeam',
  tags,
  summary: 'Create a team',
  request: { body: { required: true, ...json(CreateTeamInput) } },
  responses: { 201: { description: 'Created', ...json(Team) }, ...problemResponses(400, 401, 413, 415, 422) },
});
const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listTeams',
  tags,
  summary: 'List teams, newest first',
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of teams', ...json(listOf(Team, 'TeamList')) },
    ...problemResponses(400, 401),
  },
});
const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getTeam',
  tags,
  summary: 'Read a team',
  request: { params: TeamId },
  responses: { 200: { description: 'The team', ...json(Team) }, ...problemResponses(400, 401, 404) },
});
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateTeam',
  tags,
  summary: 'Change a team',
  request: { params: TeamId, body: { required: true, ...json(UpdateTeamInput) } },
  responses: {
    200: { description: 'The changed team', ...json(Team) },
    ...problemResponses(400, 401, 404, 413, 415, 422),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteTeam',
  tags,
  summary: 'Delete a team (refused while it has reps or routing sends leads to it)',
  request: { params: TeamId },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 404, 409) },
});

export const teamRoutes = router()
  .openapi(create, async (c) => {
    const team = await insertTeam(
      c.var.db,
      c.var.auth.tenantId,
      withCheckedSlackUrl(c, c.req.valid('json')),
      c.var.deps.now(),
    );
    return c.json(presentTeam(team), 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const p = page(await listTeams(c.var.db, c.var.auth.tenantId, q), q.limit);
    return c.json({ data: p.data.map(presentTeam), nextCursor: p.nextCursor }, 200);
  })
  .openapi(read, async (c) => {
    const team = await findTeam(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    if (!team) throw notFound('team');
    return c.json(presentTeam(team), 200);
  })
  .openapi(update, async (c) => {
    const team = await updateTeam(
      c.var.db,
      c.var.auth.tenantId,
      c.req.valid('param').id,
      withCheckedSlackUrl(c, c.req.valid('json')),
      c.var.deps.now(),
    );
    if (!team) throw notFound('team');
    return c.json(presentTeam(team), 200);
  })
  .openapi(remove, async (c) => {
    await removeTeam(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    return c.body(null, 204);
  });
