/**
 * Demand vs capacity for one policy, one point per window of the policy's own kind (day, ISO week or
 * month): submissions, accepted, places taken, and the limit as a line. The numbers are in a table too.
 */
import { useState } from 'preact/hooks';
import { query, type CapacityPolicy, type CapacityReport } from '../api';
import { Chart } from '../ui/chart';
import { Table } from '../ui/table';
import { useApi } from '../use-api';

type Kind = 'day' | 'week' | 'month';
const SPAN_DAYS: Record<Kind, number> = { day: 14, week: 56, month: 183 };

/** The start of a report row's window: '2026-12-04', '2026-W49' (its Monday) or '2026-12'. */
export function windowStart(key: string): number {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) {
    const jan4 = Date.UTC(+week[1]!, 0, 4);
    const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
    return monday1 + (+week[2]! - 1) * 7 * 86_400_000;
  }
  return Date.parse(/^\d{4}-\d{2}$/.test(key) ? `${key}-01` : key);
}

export function DemandChart({ policy }: { policy: CapacityPolicy }) {
  const kind: Kind = policy.policy.limit?.per ?? 'day';
  // Fixed when the chart mounts: a range that moved with every render would load forever.
  const [from] = useState(() => new Date(Date.now() - SPAN_DAYS[kind] * 86_400_000).toISOString());
  const report = useApi<CapacityReport>(`/v1/reports/capacity${query({ policyId: policy.id, groupBy: kind, from })}`);
  if (report.error) return <p class="error">{report.error}</p>;
  if (!report.data) return <p class="muted">Loading the demand…</p>;
  const rows = report.data.rows;
  const limit = report.data.capacity?.count ?? null;
  return (
    <details class="demand">
      <summary>Demand vs capacity per {kind}</summary>
      <Chart
        title={`${policy.name}: demand vs capacity per ${kind}${limit !== null ? ` (limit ${limit})` : ''}`}
        x={rows.map((r) => windowStart(r.key) / 1000)}
        series={[
          { label: 'Demand', values: rows.map((r) => r.demand), color: '#2456d3' },
          { label: 'Accepted', values: rows.map((r) => r.accepted), color: '#1a7f37' },
          ...(limit !== null ? [{ label: 'Capacity', values: rows.map(() => limit), color: '#8a939e' }] : []),
        ]}
      />
      <Table
        caption={`Demand vs capacity of ${policy.name} per ${kind}`}
        rows={rows}
        rowKey={(r) => r.key}
        empty="No demand in this range yet."
        columns={[
          { label: kind, cell: (r) => r.key },
          { label: 'Demand', cell: (r) => r.demand },
          { label: 'Accepted', cell: (r) => r.accepted },
          { label: 'Waitlisted', cell: (r) => r.waitlisted },
          { label: 'Refused', cell: (r) => r.refusedSubmissions },
          { label: 'Places taken', cell: (r) => r.placesTaken ?? '—' },
          { label: 'Capacity', cell: () => limit ?? '—' },
        ]}
      />
    </details>
  );
}
