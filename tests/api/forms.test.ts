import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../helpers/db';
import { CONTACT_FIELDS, createHarness, ORIGIN, seedTenant, type Harness, type TestTenant } from '../helpers/harness';

describe.each(testDbKinds)('forms on %s', (kind) => {
  let h: Harness;
  let t: TestTenant;
  beforeAll(async () => {
    h = await createHarness(kind);
    t = await seedTenant(h);
  });
  afterAll(() => h.close());

  it('creates a form with fields, allowed origins and theme, and answers its embed code', async () => {
    const res = await t.api('/v1/forms', {
      body: {
        name: 'Demo request',
        fields: CONTACT_FIELDS,
        allowedOrigins: ['https://www.example.com/', 'https://*.example.org'],
        theme: { primaryColor: '#0a7d55', borderRadius: 4 },
        copy: { title: 'Book a demo', submitLabel: 'Book' },
      },
    });
    expect(res.status).toBe(201);
    const form = (await res.json()) as any;
    expect(form.id).toMatch(/^frm_/);
    // Origins are normalised: no trailing slash.
    expect(form.allowedOrigins).toEqual(['https://www.example.com', 'https://*.example.org']);
    expect(form.embed).toBe(`<script async src="http://localhost/widget.js" data-form="${form.id}"></script>`);
    const read = (await (await t.api(`/v1/forms/${form.id}`)).json()) as any;
    expect(read).toEqual(form);
  });

  it('accepts every documented field type', async () => {
    const types = ['text', 'email', 'phone', 'textarea', 'select', 'checkbox', 'number', 'hidden'];
    const fields = types.map((type) => ({
      key: `f_${type}`,
      label: type,
      type,
      ...(type === 'select' ? { options: [{ value: 'a', label: 'A' }] } : {}),
    }));
    const res = await t.api('/v1/forms', { body: { name: 'All types', fields, allowedOrigins: [] } });
    expect(res.status).toBe(201);
    expect(((await res.json()) as any).fields.map((f: any) => f.type)).toEqual(types);
  });

  it('refuses an invalid definition with the paths at fault', async () => {
    const res = await t.api('/v1/forms', {
      body: {
        name: '',
        fields: [
          { key: 'email', label: 'Email', type: 'email' },
          { key: 'email', label: 'Again', type: 'colour' },
          { key: 'pick', label: 'Pick', type: 'select' },
        ],
        allowedOrigins: ['ftp://example.com', 'not an origin'],
      },
    });
    expect(res.status).toBe(422);
    const paths = ((await res.json()) as any).errors.map((e: any) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'fields.1.type', 'fields.2.options', 'allowedOrigins.0', 'allowedOrigins.1']),
    );
  });

  it("keeps a form's consent setting apart from its theme, each surviving a change of the other", async () => {
    const form = await t.createForm();
    expect(form.consent).toBe('not_required');
    const patch = (body: object) => t.api(`/v1/forms/${form.id}`, { method: 'PATCH', body });
    expect(await (await patch({ consent: 'required', theme: { primaryColor: '#0a7d55' } })).json()).toMatchObject({
      consent: 'required',
      theme: { primaryColor: '#0a7d55' },
    });
    const retheme = (await (await patch({ theme: { borderRadius: 2 } })).json()) as any;
    expect(retheme).toMatchObject({ consent: 'required', theme: { borderRadius: 2 } });
    expect(retheme.theme).toEqual({ borderRadius: 2 });
    expect(await (await patch({ consent: 'implied_by_submit' })).json()).toMatchObject({
      consent: 'implied_by_submit',
      theme: { borderRadius: 2 },
    });
    const pub = (await (await h.request(`/v1/public/forms/${form.id}`, { headers: { origin: ORIGIN } })).json()) as any;
    expect(pub).toMatchObject({ consent: 'implied_by_submit', theme: { borderRadius: 2 } });
    expect((await patch({ consent: 'sometimes' })).status).toBe(422);
  });

  it('changes and archives a form; an archived form is gone for the widget too', async () => {
    const form = await t.createForm();
    const patched = await t.api(`/v1/forms/${form.id}`, {
      method: 'PATCH',
      body: { name: 'Renamed', allowedOrigins: ['https://new.example.com'] },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: 'Renamed', allowedOrigins: ['https://new.example.com'] });
    expect((await h.request(`/v1/public/forms/${form.id}`, { headers: { origin: ORIGIN } })).status).toBe(403);
    expect((await t.api(`/v1/forms/${form.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.api(`/v1/forms/${form.id}`)).status).toBe(404);
    expect((await h.request(`/v1/public/forms/${form.id}`)).status).toBe(404);
    expect((await t.api(`/v1/forms/${form.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('pages through forms with a cursor', async () => {
    const fresh = await seedTenant(h, 'Pager');
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await fresh.createForm({ name: `F${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await fresh.api(`/v1/forms?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((f) => f.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });
});
