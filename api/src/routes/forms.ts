import { createRoute } from '@hono/zod-openapi';
import { idParam, json, listOf, PageQuery, problemResponses } from '../contracts/common';
import { CreateFormInput, Form, UpdateFormInput } from '../contracts/forms';
import { archiveForm, findForm, insertForm, listForms, updateForm } from '../db/queries/forms';
import { page } from '../db/queries/pagination';
import { notFound } from '../errors';
import { router } from '../router';
import { presentForm } from './present';

const FormId = idParam('form');
const tags = ['Forms'];

const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createForm',
  tags,
  summary: 'Create a form',
  request: { body: { required: true, ...json(CreateFormInput) } },
  responses: { 201: { description: 'Created', ...json(Form) }, ...problemResponses(400, 401, 413, 415, 422) },
});
const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listForms',
  tags,
  summary: 'List forms',
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of forms', ...json(listOf(Form, 'FormList')) },
    ...problemResponses(400, 401),
  },
});
const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getForm',
  tags,
  summary: 'Read a form',
  request: { params: FormId },
  responses: { 200: { description: 'The form', ...json(Form) }, ...problemResponses(400, 401, 404) },
});
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateForm',
  tags,
  summary: 'Change a form',
  request: { params: FormId, body: { required: true, ...json(UpdateFormInput) } },
  responses: {
    200: { description: 'The changed form', ...json(Form) },
    ...problemResponses(400, 401, 404, 413, 415, 422),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'archiveForm',
  tags,
  summary: 'Archive a form (its leads stay; the widget shows nothing)',
  request: { params: FormId },
  responses: { 204: { description: 'Archived' }, ...problemResponses(400, 401, 404) },
});

const origin = (url: string) => new URL(url).origin;

export const formRoutes = router()
  .openapi(create, async (c) => {
    const form = await insertForm(c.var.db, c.var.auth.tenantId, c.req.valid('json'), c.var.deps.now());
    return c.json(presentForm(form, origin(c.req.url)), 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const rows = await listForms(c.var.db, c.var.auth.tenantId, q);
    const p = page(rows, q.limit);
    return c.json({ data: p.data.map((f) => presentForm(f, origin(c.req.url))), nextCursor: p.nextCursor }, 200);
  })
  .openapi(read, async (c) => {
    const form = await findForm(c.var.db, c.var.auth.tenantId, c.req.valid('param').id);
    if (!form) throw notFound('form');
    return c.json(presentForm(form, origin(c.req.url)), 200);
  })
  .openapi(update, async (c) => {
    const form = await updateForm(
      c.var.db,
      c.var.auth.tenantId,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.var.deps.now(),
    );
    if (!form) throw notFound('form');
    return c.json(presentForm(form, origin(c.req.url)), 200);
  })
  .openapi(remove, async (c) => {
    const ok = await archiveForm(c.var.db, c.var.auth.tenantId, c.req.valid('param').id, c.var.deps.now());
    if (!ok) throw notFound('form');
    return c.body(null, 204);
  });
