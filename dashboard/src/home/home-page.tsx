/**
 * `/app/`: a new workspace is walked through its first form (create → copy the exact snippet →
 * the page notices the first lead); a workspace with leads sees the inbox.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, type Form, type Lead, type Page } from '../api';
import { createStarterForm } from '../forms/forms-page';
import { Inbox } from '../leads/inbox-page';
import { link } from '../router';
import { CopyButton, ErrorNote, Loading, useAction } from '../ui/page';
import { useApi } from '../use-api';

export default function HomePage() {
  const forms = useApi<Page<Form>>('/v1/forms?limit=1');
  const leads = useApi<Page<Lead>>('/v1/leads?limit=1');
  if (forms.error || leads.error) return <ErrorNote error={forms.error ?? leads.error} />;
  if (!forms.data || !leads.data) return <Loading />;
  if (leads.data.data.length > 0) return <Inbox />;
  return <Onboarding form={forms.data.data[0] ?? null} />;
}

function Onboarding({ form: existing }: { form: Form | null }) {
  const [form, setForm] = useState(existing);
  const [lead, setLead] = useState<Lead | null>(null);
  const action = useAction();
  useEffect(() => {
    if (!form || lead) return;
    // Polls for the first lead: the page says so when it arrives.
    const t = setInterval(
      () =>
        void get<Page<Lead>>('/v1/leads?limit=1')
          .then((p) => p.data[0] && setLead(p.data[0]))
          .catch(() => undefined),
      3000,
    );
    return () => clearInterval(t);
  }, [form, lead]);
  return (
    <section class="onboarding">
      <h1>Welcome to Inlet</h1>
      <ol class="steps">
        <li class={form ? 'done' : ''}>
          <h2>1. Create a form</h2>
          {form ? (
            <p>
              Created <a {...link(`/forms/${form.id}`)}>{form.name}</a>; edit its fields in the builder.
            </p>
          ) : (
            <button
              type="button"
              disabled={action.busy}
              onClick={() => action.run(async () => setForm(await createStarterForm('Contact form')))}
            >
              Create a contact form
            </button>
          )}
          <ErrorNote error={action.error} />
        </li>
        <li class={form ? '' : 'later'}>
          <h2>2. Paste the snippet on your site</h2>
          {form && (
            <>
              <label for="snippet">Embed code for {form.name}</label>
              <textarea id="snippet" readOnly rows={3} value={form.embed} />
              <CopyButton text={form.embed} label="Copy snippet" />
              <p class="help">Add your site to the form's allowed origins in the builder.</p>
            </>
          )}
        </li>
        <li>
          <h2>3. Your first lead</h2>
          <p role="status">
            {lead ? (
              <>
                Your first lead arrived: <a {...link(`/leads/${lead.id}`)}>open it</a>.
              </>
            ) : form ? (
              'Waiting for the first submission…'
            ) : (
              'Appears here when it arrives.'
            )}
          </p>
        </li>
      </ol>
    </section>
  );
}
