import { useState } from 'preact/hooks';
import type { LeadT, Page } from '../api';
import { CHANNELS } from '../../../api/src/domain/lead-facts';
import { channelLabel, leadName, when } from '../format';
import { link } from '../router';
import { useApi } from '../use-api';

export function LeadsPage() {
  const [channel, setChannel] = useState('');
  const [cursor, setCursor] = useState<string | null>(null);
  const q = new URLSearchParams({ limit: '25', ...(channel ? { channel } : {}), ...(cursor ? { cursor } : {}) });
  const { data, error, loading } = useApi<Page<LeadT>>(`/v1/leads?${q}`);
  return (
    <section>
      <div class="toolbar">
        <h1>Leads</h1>
        <label>
          First-touch channel{' '}
          <select
            value={channel}
            onChange={(e) => {
              setChannel(e.currentTarget.value);
              setCursor(null);
            }}
          >
            <option value="">All</option>
            {CHANNELS.map((c) => (
              <option value={c}>{channelLabel(c)}</option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {loading && !data && <p>Loading…</p>}
      {data && data.data.length === 0 && <p class="empty">No leads yet. Submit the demo form to see one here.</p>}
      {data && data.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Lead</th>
              <th>Status</th>
              <th>First touch</th>
              <th>Last touch</th>
              <th>Received</th>
            </tr>
          </thead>
          <tbody>
            {data.data.map((l) => (
              <tr key={l.id}>
                <td>
                  <a {...link(`/leads/${l.id}`)}>{leadName(l)}</a>
                  <div class="muted">{String(l.values.email ?? '')}</div>
                </td>
                <td>
                  <span class={`badge ${l.status}`}>{l.status}</span>
                </td>
                <td>
                  {channelLabel(l.firstTouch?.channel)}
                  <div class="muted">{l.firstTouch?.source ?? ''}</div>
                </td>
                <td>
                  {channelLabel(l.lastTouch?.channel)}
                  <div class="muted">{l.lastTouch?.campaign ?? ''}</div>
                </td>
                <td>{when(l.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.nextCursor && (
        <button type="button" onClick={() => setCursor(data.nextCursor)}>
          Older leads
        </button>
      )}
    </section>
  );
}
