/** The forms: each with its embed code; create a new one (it opens in the builder). */
import { useState } from 'preact/hooks';
import { getAll, post, type Form } from '../api';
import { navigate, link } from '../router';
import { TextInput } from '../ui/field';
import { CopyButton, ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { useApi } from '../use-api';

export const STARTER_FIELDS: Form['fields'] = [
  { key: 'name', label: 'Name', type: 'text', required: true },
  { key: 'email', label: 'Work email', type: 'email', required: true },
  { key: 'message', label: 'How can we help?', type: 'textarea', required: false },
];

/** Creates a starter form for this site and opens it in the builder. */
export async function createStarterForm(name: string): Promise<Form> {
  return post<Form>('/v1/forms', { name, fields: STARTER_FIELDS, allowedOrigins: [location.origin] });
}

export default function FormsPage() {
  const forms = useApi<Form[]>('forms', () => getAll<Form>('/v1/forms'));
  const [name, setName] = useState('');
  const action = useAction();
  const create = (e: Event) => {
    e.preventDefault();
    void action.run(async () => navigate(`/forms/${(await createStarterForm(name.trim() || 'Contact form')).id}`));
  };
  return (
    <section>
      <PageHeader title="Forms" />
      <form class="inline-form card" onSubmit={create}>
        <TextInput label="New form name" value={name} onValue={setName} placeholder="Contact sales" />
        <button type="submit" disabled={action.busy}>
          Create form
        </button>
        <ErrorNote error={action.error} />
      </form>
      <ErrorNote error={forms.error} />
      {!forms.data ? (
        <Loading />
      ) : forms.data.length === 0 ? (
        <p class="empty">No forms yet.</p>
      ) : (
        forms.data.map((f) => (
          <div class="card" key={f.id}>
            <h2>
              <a {...link(`/forms/${f.id}`)}>{f.name}</a>
            </h2>
            <p class="muted">
              {f.id} · {f.fields.length} fields · allowed on {f.allowedOrigins.join(', ') || 'no site yet'}
            </p>
            <label for={`embed-${f.id}`}>Embed code</label>
            <textarea
              id={`embed-${f.id}`}
              readOnly
              rows={2}
              value={f.embed}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={f.embed} label="Copy embed code" />
          </div>
        ))
      )}
    </section>
  );
}
