import { createRoute } from '@hono/zod-openapi';
import {
  BusinessHours,
  BusinessHoursPreview,
  BusinessHoursPreviewQuery,
  CreateBusinessHoursInput,
  UpdateBusinessHoursInput,
} from '../contracts/business-hours';
import { idParam, json, listOf, PageQuery, problemResponses } from '../contracts/common';
import {
  findBusinessCalendar,
  insertBusinessCalendar,
  listBusinessCalendars,
  updateBusinessCalendar,
} from '../db/queries/business-calendars';
import { page } from '../db/queries/pagination';
import { addBusinessMinutes } from '../domain/business-hours';
import { notFound } from '../errors';
import { router } from '../router';
import { removeBusinessCalendar } from '../verbs/business-calendars';
import { presentBusinessHours } from './present-policies';

const CalendarId = idParam('calendar');
const tags = ['Business hours'];
const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createBusinessHours',
  tags,
  summary: 'Create a business-hours calendar',
  request: { body: { required: true, ...json(CreateBusinessHoursInput) } },
  responses: { 201: { description: 'Created', ...json(BusinessHours) }, ...problemResponses(400, 401, 413, 415, 422) },
});
const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listBusinessHours',
  tags,
  summary: 'List business-hours calendars, newest first',
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of calendars', ...json(listOf(BusinessHours, 'BusinessHoursList')) },
    ...problemResponses(400, 401),
  },
});
const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getBusinessHours',
  tags,
  summary: 'Read a business-hours calendar',
  request: { params: CalendarId },
  responses: { 200: { description: 'The calendar', ...json(BusinessHours) }, ...problemResponses(400, 401, 404) },
});
const preview = createRoute({
  method: 'get',
  path: '/{id}/preview',
  operationId: 'previewBusinessHours',
  tags,
  summary: 'When `minutes` of open time after `from` have elapsed in this calendar (an SLA due time)',
  request: { params: CalendarId, query: BusinessHoursPreviewQuery },
  responses: {
    200: { description: 'The due time', ...json(BusinessHoursPreview) },
    ...problemResponses(400, 401, 404),
  },
});
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateBusinessHours',
  tags,
  summary: 'Change a business-hours calendar',
  request: { params: CalendarId, body: { required: true, ...json(UpdateBusinessHoursInput) } },
  responses: {
    200: { description: 'The changed calendar', ...json(BusinessHours) },
    ...problemResponses(400, 401, 404, 413, 415, 422),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteBusinessHours',
  tags,
  summary: 'Delete a business-hours calendar (refused while an SLA policy uses it)',
  request: { params: CalendarId },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 404, 409) },
});

export const businessHoursRoutes = router()
  .openapi(create, async (c) => {
    const row = await insertBusinessCalendar(c.var.db, c.var.auth.tenantId, c.req.valid('json'), c.var.deps.now());
    return c.json(presentBusinessHours(row), 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const p = page(await listBusinessCalendars(c.var.db, c.var.auth.tenantId, q), q.limit);
    return c.json({ data: p.data.map(presentBusinessHours), nextCursor: p.nextCursor }, 200);
  })
  .openapi(read, async (c) => {
    const row = await findBusinessCalendar(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    if (!row) throw notFound('business-hours calendar');
    return c.json(presentBusinessHours(row), 200);
  })
  .openapi(preview, async (c) => {
    const row = await findBusinessCalendar(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    if (!row) throw notFound('business-hours calendar');
    const { from, minutes } = c.req.valid('query');
    // A stored calendar always has open hours (the schema refuses one without), so this terminates.
    return c.json({ dueAt: addBusinessMinutes(row.calendar, new Date(from), minutes).toISOString() }, 200);
  })
  .openapi(update, async (c) => {
    const row = await updateBusinessCalendar(
      c.var.db,
      c.var.auth.tenantId,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.var.deps.now(),
    );
    if (!row) throw notFound('business-hours calendar');
    return c.json(presentBusinessHours(row), 200);
  })
  .openapi(remove, async (c) => {
    await removeBusinessCalendar(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    return c.body(null, 204);
  });
