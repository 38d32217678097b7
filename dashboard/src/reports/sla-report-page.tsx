/** SLA report: share within target over time, by rep / team / channel, median and p90 split into system and rep delay. */
import { downloadCsv, getAll, query, type Form, type Rep, type SlaReport, type Team } from '../api';
import { duration, num, percent } from '../format';
import { setQuery, useQuery } from '../router';
import { Chart } from '../ui/chart';
import { DateRange, rangeParams } from '../ui/date-range';
import { Select } from '../ui/field';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { Table } from '../ui/table';
import { useApi } from '../use-api';

const secs = (s: number | null) => (s == null ? '—' : duration(s * 1000));

export default function SlaReportPage() {
  const q = useQuery();
  const range = rangeParams(q);
  const groupBy = q.groupBy ?? 'rep';
  const over = useApi<SlaReport>(`/v1/reports/sla${query({ ...range, groupBy: 'day' })}`);
  const table = useApi<SlaReport>(`/v1/reports/sla${query({ ...range, groupBy })}`);
  const action = useAction();
  const reps = useApi<Rep[]>('reps', () => getAll<Rep>('/v1/reps'));
  const teams = useApi<Team[]>('teams', () => getAll<Team>('/v1/teams'));
  const forms = useApi<Form[]>('forms', () => getAll<Form>('/v1/forms'));
  const names = new Map<string, string>(
    [...(reps.data ?? []), ...(teams.data ?? []), ...(forms.data ?? [])].map((x) => [x.id, x.name]),
  );
  const days = over.data?.rows ?? [];
  return (
    <section>
      <PageHeader title="SLA report">
        <button
          type="button"
          class="secondary"
          onClick={() =>
            action.run(() => downloadCsv(`/v1/reports/sla${query({ ...range, groupBy })}`, `sla-by-${groupBy}.csv`))
          }
        >
          Export CSV
        </button>
      </PageHeader>
      <div class="filters">
        <DateRange q={q} />
      </div>
      <ErrorNote error={over.error ?? table.error ?? action.error} />
      {over.data && (
        <Chart
          title="Share of leads answered within target, per day"
          x={days.map((r) => Date.parse(r.key) / 1000)}
          series={[
            {
              label: 'Within target',
              values: days.map((r) => (r.shareWithinTarget == null ? null : Math.round(r.shareWithinTarget * 100))),
              color: '#2456d3',
            },
          ]}
          yLabel="%"
        />
      )}
      <Select
        label="Group by"
        value={groupBy}
        onValue={(g) => setQuery({ groupBy: g })}
        options={[
          ['rep', 'Rep'],
          ['team', 'Team'],
          ['channel', 'Channel'],
          ['form', 'Form'],
          ['week', 'Week'],
          ['all', 'All'],
        ]}
      />
      {!table.data ? (
        <Loading />
      ) : (
        <Table
          caption={`SLA by ${groupBy}`}
          rows={table.data.rows}
          rowKey={(r) => r.key}
          empty="No leads in this range."
          columns={[
            { label: groupBy, cell: (r) => names.get(r.key) ?? r.key.replace(/_/g, ' ') },
            { label: 'Leads', cell: (r) => r.leads },
            { label: 'Within target', cell: (r) => percent(r.shareWithinTarget) },
            { label: 'Breaches', cell: (r) => r.breaches },
            { label: 'Median first response (min)', cell: (r) => num(r.medianFirstResponseMinutes) },
            { label: 'p90 first response (min)', cell: (r) => num(r.p90FirstResponseMinutes) },
            {
              label: 'System delay median / p90',
              cell: (r) => `${secs(r.medianSystemDelaySeconds)} / ${secs(r.p90SystemDelaySeconds)}`,
            },
            {
              label: 'Rep delay median / p90',
              cell: (r) => `${secs(r.medianRepDelaySeconds)} / ${secs(r.p90RepDelaySeconds)}`,
            },
          ]}
        />
      )}
    </section>
  );
}
