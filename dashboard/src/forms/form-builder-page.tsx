/** The form builder: fields, theme, copy, allowed origins (checked as you type), live preview, embed, archive. */
import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, del, enc, patch, type Form, type FormInput } from '../api';
import { navigate } from '../router';
import { TextArea, TextInput } from '../ui/field';
import { CopyButton, ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';
import { FieldEditor } from './field-editor';
import { LivePreview } from './preview';

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/;
/** The same rule as the API's (domain/origins.ts), so a mistake shows before saving. */
const originError = (o: string) =>
  ORIGIN.test(o.trim().toLowerCase().replace(/\/+$/, '')) ? null : `"${o}" is not an origin like https://example.com`;

export default function FormBuilderPage({ params: [id] }: { params: string[] }) {
  const form = useApi<Form>(`/v1/forms/${enc(id!)}`);
  const [draft, setDraft] = useState<FormInput | null>(null);
  const [origins, setOrigins] = useState('');
  const action = useAction();
  useEffect(() => {
    const f = form.data;
    if (f)
      setDraft({ name: f.name, fields: f.fields, allowedOrigins: f.allowedOrigins, theme: f.theme, copy: f.copy }),
        setOrigins(f.allowedOrigins.join('\n'));
  }, [form.data]);
  if (form.error && !form.data) return <ErrorNote error={form.error} />;
  if (!form.data || !draft) return <Loading />;
  const set = (p: Partial<FormInput>) => setDraft({ ...draft, ...p });
  const theme = draft.theme ?? {};
  const copy = draft.copy ?? {};
  const originList = origins
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const originErrors = originList.map(originError).filter(Boolean);
  const problem = action.problem instanceof ApiProblem ? action.problem : null;
  const errorAt = (p: string) => problem?.fieldError(p);
  const fields = draft.fields;
  const move = (from: number, to: number) => {
    const next = [...fields];
    next.splice(to, 0, ...next.splice(from, 1));
    set({ fields: next });
  };
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await patch<Form>(`/v1/forms/${enc(id!)}`, { ...draft, allowedOrigins: originList });
      toast('Form saved.');
      form.reload();
    });
  };
  const archive = () =>
    confirm('Archive this form? Its leads stay; the embed stops showing it.') &&
    action.run(async () => (await del(`/v1/forms/${enc(id!)}`), navigate('/forms')));
  return (
    <section>
      <PageHeader title={`Form: ${form.data.name}`}>
        <button type="button" class="danger" onClick={archive}>
          Archive
        </button>
      </PageHeader>
      <div class="builder">
        <form onSubmit={save} class="builder-edit" aria-label="Form settings">
          <div class="card">
            <TextInput label="Name" value={draft.name} onValue={(name) => set({ name })} error={errorAt('name')} />
            <TextArea
              label="Allowed origins (one a line)"
              rows={2}
              value={origins}
              onValue={setOrigins}
              error={originErrors[0] ?? errorAt('allowedOrigins.0')}
              help="The sites that may show this form, e.g. https://www.example.com or https://*.example.com"
            />
          </div>
          <h2>Fields</h2>
          {fields.map((f, i) => (
            <FieldEditor
              field={f}
              index={i}
              count={fields.length}
              errorAt={errorAt}
              onChange={(nf) => set({ fields: fields.map((x, j) => (j === i ? nf : x)) })}
              onMove={(to) => move(i, to)}
              onRemove={() => set({ fields: fields.filter((_, j) => j !== i) })}
            />
          ))}
          <button
            type="button"
            class="secondary"
            onClick={() =>
              set({
                fields: [
                  ...fields,
                  { key: `field_${fields.length + 1}`, label: 'New field', type: 'text', required: false },
                ],
              })
            }
          >
            Add a field
          </button>
          <div class="card">
            <h2>Look and copy</h2>
            <div class="row">
              <TextInput
                label="Button colour"
                type="color"
                value={theme.primaryColor ?? '#2456d3'}
                onValue={(v) => set({ theme: { ...theme, primaryColor: v } })}
              />
              <TextInput
                label="Text colour"
                type="color"
                value={theme.textColor ?? '#1b1f24'}
                onValue={(v) => set({ theme: { ...theme, textColor: v } })}
              />
              <TextInput
                label="Background"
                type="color"
                value={theme.backgroundColor ?? '#ffffff'}
                onValue={(v) => set({ theme: { ...theme, backgroundColor: v } })}
              />
              <TextInput
                label="Corner radius (px)"
                type="number"
                min="0"
                max="32"
                value={theme.borderRadius ?? 10}
                onValue={(v) => set({ theme: { ...theme, borderRadius: Number(v) } })}
              />
            </div>
            <TextInput
              label="Font"
              value={theme.fontFamily ?? ''}
              placeholder="system-ui, sans-serif"
              onValue={(v) => set({ theme: { ...theme, fontFamily: v || undefined } })}
              error={errorAt('theme.fontFamily')}
            />
            <TextInput
              label="Title"
              value={copy.title ?? ''}
              onValue={(v) => set({ copy: { ...copy, title: v || undefined } })}
            />
            <TextInput
              label="Button label"
              value={copy.submitLabel ?? ''}
              placeholder="Send"
              onValue={(v) => set({ copy: { ...copy, submitLabel: v || undefined } })}
            />
            <TextArea
              label="Thank-you message"
              rows={2}
              value={copy.successMessage ?? ''}
              onValue={(v) => set({ copy: { ...copy, successMessage: v || undefined } })}
            />
          </div>
          <ErrorNote error={action.error} />
          <button type="submit" disabled={action.busy || originErrors.length > 0}>
            Save form
          </button>
        </form>
        <div class="builder-side">
          <LivePreview draft={draft} />
          <div class="card">
            <h2>Embed</h2>
            <label for="embed">Paste this where the form goes</label>
            <textarea id="embed" readOnly rows={3} value={form.data.embed} />
            <CopyButton text={form.data.embed} label="Copy embed code" />
          </div>
        </div>
      </div>
    </section>
  );
}
