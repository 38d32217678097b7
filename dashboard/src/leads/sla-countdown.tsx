/** A live SLA line: time left until the due time, or overdue by; ticks every second while it runs. */
import { useEffect, useState } from 'preact/hooks';
import { duration, when } from '../format';
import { SLA_LABEL, type LeadSla } from './sla';

export function SlaCountdown({ sla }: { sla: LeadSla }) {
  const [now, setNow] = useState(Date.now());
  const live = sla.dueAt && (sla.state === 'running' || sla.state === 'due_soon' || sla.state === 'overdue');
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [live]);
  if (!sla.dueAt) return <span class={`badge sla-${sla.state}`}>{SLA_LABEL[sla.state]}</span>;
  const left = Date.parse(sla.dueAt) - now;
  return (
    <span>
      <span class={`badge sla-${left < 0 && live ? 'overdue' : sla.state}`}>
        {live && left < 0 ? 'Overdue' : SLA_LABEL[sla.state]}
      </span>{' '}
      {live ? (left >= 0 ? `${duration(left)} left` : `overdue by ${duration(left)}`) : ''}
      <span class="muted"> · due {when(sla.dueAt)}</span>
    </span>
  );
}
