/** Webhook endpoints: topic picker, signing secret reveal and rotation, the delivery log with resend. */
import { useState } from 'preact/hooks';
import {
  del,
  enc,
  get,
  getAll,
  post,
  query,
  type CreatedWebhookEndpoint,
  type Page,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookSecret,
} from '../api';
import { when } from '../format';
import { Checkbox, Select, TextInput } from '../ui/field';
import { CopyButton, ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { Table } from '../ui/table';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';

const TOPICS = [
  'lead.created',
  'lead.assigned',
  'lead.unassigned',
  'lead.sla_warning',
  'lead.sla_breached',
  'capacity.threshold',
  'capacity.closed',
  'capacity.reopened',
];

export default function WebhooksPage() {
  const endpoints = useApi<WebhookEndpoint[]>('endpoints', () => getAll<WebhookEndpoint>('/v1/webhook-endpoints'));
  const [url, setUrl] = useState('');
  const [topics, setTopics] = useState<string[]>(['lead.created']);
  const [secret, setSecret] = useState<Record<string, string>>({});
  const action = useAction();
  const create = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const ep = await post<CreatedWebhookEndpoint>('/v1/webhook-endpoints', { url, topics });
      setSecret({ ...secret, [ep.id]: ep.secret });
      setUrl('');
      endpoints.reload();
    });
  };
  const reveal = (id: string) =>
    action.run(async () =>
      setSecret({ ...secret, [id]: (await get<WebhookSecret>(`/v1/webhook-endpoints/${enc(id)}/secret`)).secret }),
    );
  const rotate = (id: string) =>
    action.run(
      async () => (
        setSecret({
          ...secret,
          [id]: (await post<WebhookSecret>(`/v1/webhook-endpoints/${enc(id)}/rotate-secret`)).secret,
        }),
        toast('Secret rotated; the old one signs for 24 hours.')
      ),
    );
  const remove = (id: string) =>
    confirm('Delete this endpoint?') &&
    action.run(async () => (await del(`/v1/webhook-endpoints/${enc(id)}`), endpoints.reload()));
  return (
    <section>
      <PageHeader title="Webhooks" />
      <form class="card" onSubmit={create} aria-label="New endpoint">
        <h2>New endpoint</h2>
        <TextInput
          label="URL"
          type="url"
          value={url}
          onValue={setUrl}
          required
          placeholder="https://hooks.example.com/inlet"
        />
        <fieldset>
          <legend>Topics</legend>
          <div class="row">
            {TOPICS.map((t) => (
              <Checkbox
                label={t}
                checked={topics.includes(t)}
                onValue={(on) => setTopics(on ? [...topics, t] : topics.filter((x) => x !== t))}
              />
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={action.busy || topics.length === 0}>
          Add endpoint
        </button>
      </form>
      <ErrorNote error={endpoints.error ?? action.error} />
      {!endpoints.data ? (
        <Loading />
      ) : endpoints.data.length === 0 ? (
        <p class="empty">No endpoints yet.</p>
      ) : (
        endpoints.data.map((ep) => (
          <div class="card" key={ep.id}>
            <h2>{ep.url}</h2>
            <p class="muted">
              {ep.topics.join(', ')} ·{' '}
              {ep.enabled ? 'enabled' : `disabled${ep.disabledReason ? ` (${ep.disabledReason})` : ''}`}
            </p>
            {secret[ep.id] ? (
              <p>
                <code class="secret">{secret[ep.id]}</code> <CopyButton text={secret[ep.id]!} label="Copy secret" />
              </p>
            ) : null}
            <div class="button-row">
              {!secret[ep.id] && (
                <button type="button" class="secondary" onClick={() => reveal(ep.id)}>
                  Reveal secret
                </button>
              )}
              <button type="button" class="secondary" onClick={() => rotate(ep.id)}>
                Rotate secret
              </button>
              <button type="button" class="danger" onClick={() => remove(ep.id)}>
                Delete
              </button>
            </div>
            <Deliveries endpointId={ep.id} />
          </div>
        ))
      )}
    </section>
  );
}

function Deliveries({ endpointId }: { endpointId: string }) {
  const [status, setStatus] = useState('');
  const list = useApi<Page<WebhookDelivery>>(
    `/v1/webhook-endpoints/${enc(endpointId)}/deliveries${query({ status, limit: 20 })}`,
  );
  const action = useAction();
  const resend = (d: WebhookDelivery) =>
    action.run(
      async () => (
        await post(`/v1/webhook-endpoints/${enc(endpointId)}/deliveries/${enc(d.id)}/resend`),
        toast('Sent again.'),
        list.reload()
      ),
    );
  return (
    <div>
      <h3>Deliveries</h3>
      <Select
        label="Status"
        value={status}
        onValue={setStatus}
        options={[['', 'All'], 'pending', 'delivered', 'failed']}
      />
      <ErrorNote error={list.error ?? action.error} />
      {list.data && (
        <Table
          caption="Deliveries, newest first"
          rows={list.data.data}
          rowKey={(d) => d.id}
          empty="No deliveries."
          columns={[
            { label: 'Topic', cell: (d) => d.topic },
            { label: 'Status', cell: (d) => <span class={`badge ${d.status}`}>{d.status}</span> },
            { label: 'Attempts', cell: (d) => d.attempts },
            { label: 'Last error', cell: (d) => d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—') },
            { label: 'Created', cell: (d) => when(d.createdAt) },
            {
              label: 'Resend',
              cell: (d) =>
                d.status === 'pending' ? (
                  '—'
                ) : (
                  <button type="button" class="secondary" onClick={() => resend(d)}>
                    Resend
                  </button>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
