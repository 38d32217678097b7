/**
 * Pipeline report: leads per stage now, stage-to-stage conversion, median and p90 time in stage and
 * stalled leads, for everyone or per owner / team / channel / campaign, over a date range in the URL.
 */
import { getAll, query, type Lead, type PipelineReport, type Rep, type Team } from '../api';
import { leadName, percent } from '../format';
import { recentLeads } from '../pipeline/recent-leads';
import { link, setQuery, useQuery } from '../router';
import { DateRange, rangeParams } from '../ui/date-range';
import { Select } from '../ui/field';
import { ErrorNote, Loading, PageHeader } from '../ui/page';
import { useApi } from '../use-api';
import { CategoryChart } from './category-chart';
import { ReportTable } from './report-table';
import '../pipeline/board.css';

type Row = PipelineReport['data'][number];
const GROUPS: [string, string][] = [
  ['all', 'Everyone'],
  ['owner', 'Owner'],
  ['team', 'Team'],
  ['channel', 'Channel (first touch)'],
  ['campaign', 'Campaign (first touch)'],
];
const hours = (h: number | null) => (h == null ? null : Math.round(h * 10) / 10);

export default function PipelineReportPage() {
  const q = useQuery();
  const range = rangeParams(q);
  const groupBy = q.groupBy ?? 'all';
  const path = `/v1/reports/pipeline${query({ ...range, groupBy })}`;
  const report = useApi<PipelineReport>(path);
  const reps = useApi<Rep[]>('reps', () => getAll<Rep>('/v1/reps'));
  const teams = useApi<Team[]>('teams', () => getAll<Team>('/v1/teams'));
  const leads = useApi<Lead[]>('recent-leads', () => recentLeads());
  const names = new Map<string, string>([...(reps.data ?? []), ...(teams.data ?? [])].map((x) => [x.id, x.name]));
  const stages = report.data?.stages ?? [];
  const stageName = new Map(stages.map((s) => [s.key, s.name]));
  const order = new Map(stages.map((s, i) => [s.key, i]));
  const rows = [...(report.data?.data ?? [])].sort(
    (a, b) => a.key.localeCompare(b.key) || (order.get(a.stage) ?? 0) - (order.get(b.stage) ?? 0),
  );
  const group = (r: Row) => (groupBy === 'all' ? 'Everyone' : (names.get(r.key) ?? r.key));
  const sumBy = (f: (r: Row) => number) =>
    stages.map((s) => rows.filter((r) => r.stage === s.key).reduce((n, r) => n + f(r), 0));
  const stalledLeads = (leads.data ?? []).filter((l) => l.stalledAt);
  const groupCol = { label: GROUPS.find(([g]) => g === groupBy)?.[1] ?? groupBy, value: group };
  const stageCol = { label: 'Stage', value: (r: Row) => stageName.get(r.stage) ?? r.stage };
  return (
    <section>
      <PageHeader title="Pipeline report" />
      <div class="filters">
        <DateRange q={q} />
        <Select label="Group by" value={groupBy} options={GROUPS} onValue={(g) => setQuery({ groupBy: g })} />
      </div>
      <ErrorNote error={report.error} />
      {!report.data ? (
        <Loading />
      ) : (
        <>
          <CategoryChart
            title="Leads in each stage now, and how many of them are stalled"
            categories={stages.map((s) => s.name)}
            series={[
              { label: 'Leads now', values: sumBy((r) => r.leadsNow), color: '#2456d3' },
              { label: 'Stalled', values: sumBy((r) => r.stalled), color: '#b3261e' },
            ]}
            yLabel="leads"
          />
          <ReportTable
            title="Leads per stage and conversion"
            filename={`pipeline-by-${groupBy}.csv`}
            apiCsv={path}
            rows={rows}
            rowKey={(r) => `${r.key}:${r.stage}`}
            empty="No leads in this range."
            columns={[
              groupCol,
              stageCol,
              { label: 'Leads now', value: (r) => r.leadsNow },
              { label: 'Entered', value: (r) => r.entered },
              { label: 'Moved on', value: (r) => r.convertedToNext },
              {
                label: 'Conversion to next',
                value: (r) => r.conversionToNext,
                cell: (r) => percent(r.conversionToNext),
              },
              { label: 'Stalled', value: (r) => r.stalled },
            ]}
          />
          <ReportTable
            title="Time in stage"
            filename={`pipeline-time-in-stage-by-${groupBy}.csv`}
            rows={rows}
            rowKey={(r) => `${r.key}:${r.stage}`}
            empty="No leads in this range."
            columns={[
              groupCol,
              stageCol,
              { label: 'Median hours in stage', value: (r) => hours(r.medianHoursInStage) },
              { label: 'p90 hours in stage', value: (r) => hours(r.p90HoursInStage) },
            ]}
          />
        </>
      )}
      <ReportTable<Lead>
        title="Stalled leads"
        filename="stalled-leads.csv"
        rows={stalledLeads}
        rowKey={(l) => l.id}
        empty="No lead is stalled."
        columns={[
          {
            label: 'Lead',
            value: (l: Lead) => leadName(l),
            cell: (l) => <a {...link(`/leads/${encodeURIComponent(l.id)}`)}>{leadName(l)}</a>,
          },
          { label: 'Stage', value: (l) => (l.stage ? (stageName.get(l.stage) ?? l.stage) : null) },
          { label: 'Owner', value: (l) => (l.ownerRepId ? (names.get(l.ownerRepId) ?? l.ownerRepId) : 'Unassigned') },
          { label: 'Stalled since', value: (l) => l.stalledAt?.slice(0, 10) },
        ]}
      />
    </section>
  );
}
