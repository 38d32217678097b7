/** One lead: values, the touch journey, owner and why, a live SLA countdown, history and actions. */
import { enc, getAll, type LeadDetail, type Rep, type Team } from '../api';
import { channelLabel, leadName, when } from '../format';
import { link } from '../router';
import { ErrorNote, Loading } from '../ui/page';
import { useApi } from '../use-api';
import { LeadActions } from './lead-actions';
import { decisionOf, RoutingWhy } from './routing-why';
import { slaOf } from './sla';
import { SlaCountdown } from './sla-countdown';

export default function LeadPage({ params: [id] }: { params: string[] }) {
  const lead = useApi<LeadDetail>(`/v1/leads/${enc(id!)}`);
  const reps = useApi<Rep[]>('reps', () => getAll<Rep>('/v1/reps'));
  const teams = useApi<Team[]>('teams', () => getAll<Team>('/v1/teams'));
  const l = lead.data;
  if (lead.error && !l) return <ErrorNote error={lead.error} />;
  if (!l) return <Loading />;
  const repById = new Map((reps.data ?? []).map((r) => [r.id, r]));
  const teamById = new Map((teams.data ?? []).map((t) => [t.id, t]));
  const name = (kind: 'rep' | 'team', rid: string) =>
    (kind === 'rep' ? repById.get(rid)?.name : teamById.get(rid)?.name) ?? rid;
  const owner = l.ownerRepId ? repById.get(l.ownerRepId) : undefined;
  const decision = decisionOf(l.events);
  return (
    <section>
      <p>
        <a {...link('/leads')}>← All leads</a>
      </p>
      <h1>{leadName(l)}</h1>
      <p class="muted">
        {l.id} · <span class={`badge ${l.status}`}>{l.status}</span> · received {when(l.createdAt)}
        {l.stage && ` · stage ${l.stage}`}
      </p>
      <div class="grid">
        <div class="card">
          <h2>Owner and SLA</h2>
          <dl>
            <dt>Owner</dt>
            <dd>{owner ? `${owner.name} (${owner.email})` : (l.ownerRepId ?? 'unassigned')}</dd>
            <dt>Team</dt>
            <dd>{l.teamId ? name('team', l.teamId) : '—'}</dd>
            <dt>SLA</dt>
            <dd>
              <SlaCountdown sla={slaOf(l)} />
            </dd>
            <dt>First response</dt>
            <dd>{l.firstResponseAt ? when(l.firstResponseAt) : 'not yet'}</dd>
            {l.wonAmount != null && (
              <>
                <dt>Won</dt>
                <dd>
                  {l.wonAmount} {l.currency}
                </dd>
              </>
            )}
          </dl>
          <h3>Why this owner</h3>
          {decision ? <RoutingWhy decision={decision} name={name} /> : <p class="muted">Not routed yet.</p>}
        </div>
        <LeadActions lead={l} reps={reps.data ?? []} onChange={lead.reload} />
        <div class="card">
          <h2>Values</h2>
          <dl>
            {Object.entries(l.values).map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{v === null ? '—' : String(v)}</dd>
              </>
            ))}
          </dl>
        </div>
      </div>
      <div class="card">
        <h2>Journey</h2>
        <ol class="timeline">
          {l.touchpoints.map((t, i) => (
            <li>
              <strong>
                {i === 0 ? 'First touch' : i === l.touchpoints.length - 1 ? 'Last touch' : `Touch ${i + 1}`}
              </strong>{' '}
              · {channelLabel(t.channel)}
              {t.source && ` · ${t.source}`}
              {t.medium && ` / ${t.medium}`}
              {t.campaign && ` · campaign ${t.campaign}`}
              <div class="muted">
                {when(t.occurredAt)} · {t.landingPage ?? 'unknown page'}
              </div>
              {t.referrer && <div class="muted">from {t.referrer}</div>}
            </li>
          ))}
        </ol>
      </div>
      <div class="card">
        <h2>History</h2>
        <ol class="timeline">
          {l.events.map((e) => (
            <li>
              <strong>{e.type.replace(/^lead\./, '').replace(/_/g, ' ')}</strong> · {when(e.occurredAt)} · {e.actor}
              {describeEvent(e.data, name) && <div class="muted">{describeEvent(e.data, name)}</div>}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/** The parts of an event's data a person reads (notes, channels, amounts), as text. */
function describeEvent(d: Record<string, unknown>, name: (k: 'rep' | 'team', id: string) => string): string {
  const parts: string[] = [];
  if (typeof d.channel === 'string') parts.push(`via ${d.channel}`);
  if (typeof d.stage === 'string') parts.push(`stage ${d.stage}`);
  if (typeof d.amount === 'number') parts.push(`${d.amount} ${String(d.currency ?? '')}`);
  if (typeof d.repId === 'string') parts.push(`to ${name('rep', d.repId)}`);
  if (typeof d.dueAt === 'string') parts.push(`due ${when(d.dueAt)}`);
  if (typeof d.reason === 'string') parts.push(d.reason);
  if (typeof d.note === 'string') parts.push(d.note);
  return parts.join(' · ');
}
