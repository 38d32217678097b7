import type { LeadDetailT } from '../api';
import { channelLabel, leadName, when } from '../format';
import { link } from '../router';
import { useApi } from '../use-api';

export function LeadPage({ id }: { id: string }) {
  const { data: lead, error } = useApi<LeadDetailT>(`/v1/leads/${encodeURIComponent(id)}`);
  const { data: owner } = useApi<{ name: string; email: string }>(
    lead?.ownerRepId ? `/v1/reps/${encodeURIComponent(lead.ownerRepId)}` : null,
  );
  const sla = lead?.events.filter((e) => e.type.startsWith('lead.sla_')).at(-1);
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!lead) return <p>Loading…</p>;
  return (
    <section>
      <p>
        <a {...link('/leads')}>← All leads</a>
      </p>
      <h1>{leadName(lead)}</h1>
      <p class="muted">
        {lead.id} · {lead.status} · received {when(lead.createdAt)}
      </p>
      <div class="grid">
        <div class="card">
          <h2>Owner and response</h2>
          <dl>
            <dt>Owner</dt>
            <dd>{owner ? `${owner.name} (${owner.email})` : (lead.ownerRepId ?? 'unassigned')}</dd>
            <dt>Assigned</dt>
            <dd>{lead.assignedAt ? when(lead.assignedAt) : '—'}</dd>
            <dt>First response</dt>
            <dd>{lead.firstResponseAt ? when(lead.firstResponseAt) : 'not yet'}</dd>
            <dt>SLA</dt>
            <dd>
              {sla
                ? `${sla.type.replace('lead.sla_', '')}${typeof sla.data.dueAt === 'string' ? ` · due ${when(sla.data.dueAt)}` : ''}`
                : 'no policy'}
            </dd>
            {lead.stage && (
              <>
                <dt>Stage</dt>
                <dd>{lead.stage}</dd>
              </>
            )}
          </dl>
        </div>
        <div class="card">
          <h2>Values</h2>
          <dl>
            {Object.entries(lead.values).map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{String(v)}</dd>
              </>
            ))}
          </dl>
        </div>
        <div class="card">
          <h2>Touchpoints</h2>
          <ol class="touches">
            {lead.touchpoints.map((t, i) => (
              <li>
                <strong>
                  {i === 0 ? 'First touch' : i === lead.touchpoints.length - 1 ? 'Last touch' : `Touch ${i + 1}`}
                </strong>{' '}
                · {channelLabel(t.channel)}
                {t.source && ` · ${t.source}`}
                {t.campaign && ` · ${t.campaign}`}
                <div class="muted">
                  {when(t.occurredAt)} · {t.landingPage ?? 'unknown page'}
                </div>
                {t.referrer && <div class="muted">from {t.referrer}</div>}
              </li>
            ))}
          </ol>
        </div>
      </div>
      <div class="card">
        <h2>History</h2>
        <ul class="events">
          {lead.events.map((e) => (
            <li>
              <strong>{e.type}</strong> · {when(e.occurredAt)} · {e.actor}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
