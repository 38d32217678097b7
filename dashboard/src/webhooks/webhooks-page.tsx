/** Webhook endpoints: topic picker, signing secret reveal and rotation, the delivery log with resend. */
import { useState } from 'preact/hooks';
import {
  ApiProblem,
  del,
  enc,
  get,
  getAll,
  patch,
  post,
  type CreatedWebhookEndpoint,
  type WebhookEndpoint,
  type WebhookSecret,
} from '../api';
import { useCanEdit } from '../ui/can-edit';
import { Checkbox, TextInput } from '../ui/field';
import { CopyButton, ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';
import { Deliveries } from './deliveries';
import { TopicPicker } from './topic-picker';

export default function WebhooksPage() {
  const endpoints = useApi<WebhookEndpoint[]>('endpoints', () => getAll<WebhookEndpoint>('/v1/webhook-endpoints'));
  const canEdit = useCanEdit();
  // Secrets shown on this page (a new endpoint's, a revealed or rotated one); never stored.
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const show = (id: string, secret: string | null) =>
    setSecrets((s) => {
      const next = { ...s };
      if (secret === null) delete next[id];
      else next[id] = secret;
      return next;
    });
  return (
    <section>
      <PageHeader title="Webhooks" />
      {canEdit && (
        <NewEndpoint
          onCreated={(ep) => {
            show(ep.id, ep.secret);
            endpoints.reload();
          }}
        />
      )}
      <ErrorNote error={endpoints.error} />
      {!endpoints.data ? (
        <Loading />
      ) : endpoints.data.length === 0 ? (
        <p class="empty">No endpoints yet: add one to receive signed events.</p>
      ) : (
        endpoints.data.map((ep) => (
          <EndpointCard
            key={ep.id}
            ep={ep}
            secret={secrets[ep.id] ?? null}
            onSecret={(s) => show(ep.id, s)}
            canEdit={canEdit}
            onChanged={endpoints.reload}
          />
        ))
      )}
    </section>
  );
}

function NewEndpoint({ onCreated }: { onCreated(ep: CreatedWebhookEndpoint): void }) {
  const [url, setUrl] = useState('');
  const [topics, setTopics] = useState<string[]>(['lead.created']);
  const action = useAction();
  const problem = action.problem instanceof ApiProblem ? action.problem : null;
  const create = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const ep = await post<CreatedWebhookEndpoint>('/v1/webhook-endpoints', { url, topics });
      toast('Endpoint added. Copy its signing secret now or reveal it later.');
      setUrl('');
      onCreated(ep);
    });
  };
  return (
    <form class="card" onSubmit={create} aria-label="New endpoint">
      <h2>New endpoint</h2>
      <TextInput
        label="URL"
        type="url"
        value={url}
        onValue={setUrl}
        required
        placeholder="https://hooks.example.com/inlet"
        error={problem?.fieldError('url')}
      />
      <TopicPicker value={topics} onChange={setTopics} />
      <ErrorNote error={problem?.fieldError('url') ? null : action.error} />
      <button type="submit" disabled={action.busy || topics.length === 0}>
        Add endpoint
      </button>
    </form>
  );
}

function EndpointCard({
  ep,
  secret,
  onSecret,
  canEdit,
  onChanged,
}: {
  ep: WebhookEndpoint;
  secret: string | null;
  onSecret(s: string | null): void;
  canEdit: boolean;
  onChanged(): void;
}) {
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const base = `/v1/webhook-endpoints/${enc(ep.id)}`;
  const reveal = () => action.run(async () => onSecret((await get<WebhookSecret>(`${base}/secret`)).secret));
  const rotate = () =>
    confirm('Rotate the signing secret? The old one keeps signing for 24 hours, so receivers can switch over.') &&
    action.run(async () => {
      onSecret((await post<WebhookSecret>(`${base}/rotate-secret`)).secret);
      toast('Secret rotated; the old one signs for 24 hours.');
    });
  const remove = () =>
    confirm(`Delete the endpoint ${ep.url}?`) &&
    action.run(async () => (await del(base), toast('Endpoint deleted.'), onChanged()));
  return (
    <div class="card">
      <h2 class="wrap">{ep.url}</h2>
      <p class="muted">
        {ep.topics.join(', ')} ·{' '}
        <span class={`badge ${ep.enabled ? 'delivered' : 'failed'}`}>
          {ep.enabled ? 'enabled' : `disabled${ep.disabledReason ? `: ${ep.disabledReason}` : ''}`}
        </span>
      </p>
      {secret && (
        <p>
          <span class="sr-only">Signing secret: </span>
          <code class="secret">{secret}</code> <CopyButton text={secret} label="Copy secret" />{' '}
          <button type="button" class="secondary" onClick={() => onSecret(null)}>
            Hide secret
          </button>
        </p>
      )}
      <ErrorNote error={action.error} />
      {canEdit && (
        <div class="button-row">
          {!secret && (
            <button type="button" class="secondary" onClick={reveal}>
              Reveal secret<span class="sr-only"> of {ep.url}</span>
            </button>
          )}
          <button type="button" class="secondary" onClick={rotate}>
            Rotate secret<span class="sr-only"> of {ep.url}</span>
          </button>
          <button type="button" class="secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            Edit<span class="sr-only"> {ep.url}</span>
          </button>
          <button type="button" class="danger" onClick={remove}>
            Delete<span class="sr-only"> {ep.url}</span>
          </button>
        </div>
      )}
      {editing && <EditEndpoint ep={ep} onDone={() => (setEditing(false), onChanged())} />}
      <Deliveries endpointId={ep.id} url={ep.url} />
    </div>
  );
}

function EditEndpoint({ ep, onDone }: { ep: WebhookEndpoint; onDone(): void }) {
  const [url, setUrl] = useState(ep.url);
  const [topics, setTopics] = useState(ep.topics);
  const [enabled, setEnabled] = useState(ep.enabled);
  const action = useAction();
  const problem = action.problem instanceof ApiProblem ? action.problem : null;
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await patch(`/v1/webhook-endpoints/${enc(ep.id)}`, { url, topics, enabled });
      toast('Endpoint saved.');
      onDone();
    });
  };
  return (
    <form onSubmit={save} aria-label={`Edit endpoint ${ep.url}`} class="edit-endpoint">
      <TextInput label="URL" type="url" value={url} onValue={setUrl} required error={problem?.fieldError('url')} />
      <TopicPicker value={topics} onChange={setTopics} />
      <Checkbox label="Enabled (re-enabling clears an automatic disable)" checked={enabled} onValue={setEnabled} />
      <ErrorNote error={problem?.fieldError('url') ? null : action.error} />
      <button type="submit" disabled={action.busy || topics.length === 0}>
        Save endpoint
      </button>
    </form>
  );
}
