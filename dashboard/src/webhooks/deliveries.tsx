/** An endpoint's delivery log: status filter, attempts, last answer or error, next try, resend; cursor pages. */
import { useEffect, useState } from 'preact/hooks';
import { enc, get, post, query, type Page, type WebhookDelivery } from '../api';
import { when } from '../format';
import { Select } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';
import { Table } from '../ui/table';
import { toast } from '../ui/toast';

const STATUSES = ['pending', 'delivered', 'failed'] as const satisfies readonly WebhookDelivery['status'][];

export function Deliveries({ endpointId, url }: { endpointId: string; url: string }) {
  const [status, setStatus] = useState('');
  const [rows, setRows] = useState<WebhookDelivery[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const action = useAction();
  const base = `/v1/webhook-endpoints/${enc(endpointId)}/deliveries`;
  useEffect(() => {
    let live = true;
    setRows(null);
    void action.run(async () => {
      const page = await get<Page<WebhookDelivery>>(`${base}${query({ status, limit: 20 })}`);
      if (live) setRows(page.data), setCursor(page.nextCursor);
    });
    return () => void (live = false);
  }, [status, tick]);
  const more = () =>
    action.run(async () => {
      const page = await get<Page<WebhookDelivery>>(`${base}${query({ status, limit: 20, cursor })}`);
      setRows([...(rows ?? []), ...page.data]);
      setCursor(page.nextCursor);
    });
  const resend = (d: WebhookDelivery) =>
    action.run(async () => {
      await post(`${base}/${enc(d.id)}/resend`);
      toast(`${d.topic} queued again.`);
      setTick((t) => t + 1);
    });
  return (
    <div class="deliveries">
      <div class="page-head">
        <h3>Deliveries</h3>
        <Select
          label="Status"
          value={status}
          onValue={setStatus}
          options={[['', 'All'], ...STATUSES.map((s): [string, string] => [s, s])]}
        />
      </div>
      <ErrorNote error={action.error} />
      {rows === null ? (
        <p class="muted">Loading deliveries…</p>
      ) : (
        <Table
          caption={`Deliveries to ${url}, newest first`}
          rows={rows}
          rowKey={(d) => d.id}
          empty={status ? `No ${status} deliveries.` : 'No deliveries yet.'}
          columns={[
            { label: 'Topic', cell: (d) => d.topic },
            { label: 'Status', cell: (d) => <span class={`badge ${d.status}`}>{d.status}</span> },
            { label: 'Attempts', cell: (d) => d.attempts },
            {
              label: 'Last answer',
              cell: (d) => (
                <>
                  {d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—'}
                  {d.lastError && <div class="muted">{d.lastError}</div>}
                </>
              ),
            },
            {
              label: 'When',
              cell: (d) => (
                <>
                  {when(d.createdAt)}
                  {d.status === 'pending' && d.nextAttemptAt && (
                    <div class="muted">next try {when(d.nextAttemptAt)}</div>
                  )}
                  {d.deliveredAt && <div class="muted">delivered {when(d.deliveredAt)}</div>}
                </>
              ),
            },
            {
              label: 'Resend',
              cell: (d) =>
                d.status === 'pending' ? (
                  '—'
                ) : (
                  <button type="button" class="secondary small" onClick={() => resend(d)}>
                    Resend<span class="sr-only"> {d.topic} delivery</span>
                  </button>
                ),
            },
          ]}
        />
      )}
      {cursor && (
        <button type="button" class="secondary" onClick={more} disabled={action.busy}>
          Show older deliveries
        </button>
      )}
    </div>
  );
}
