/**
 * Capacity plan: can the team serve the coming weeks' demand? Weekly capacity (reps' working hours
 * times the handling rate measured from history) against forecast demand, the week demand passes
 * capacity marked on the chart, the leads the SLA would then miss, and the channels to throttle first
 * (lowest source quality first). "What if demand is ×2" is one select away.
 */
import { getAll, query, type CapacityPlanReport, type Team } from '../api';
import { channelLabel } from '../format';
import { setQuery, useQuery } from '../router';
import { Select } from '../ui/field';
import { ErrorNote, Loading, PageHeader } from '../ui/page';
import { useApi } from '../use-api';
import { CategoryChart } from './category-chart';
import { formatMoney } from './money';
import { ReportTable } from './report-table';
import '../pipeline/board.css';

type Week = CapacityPlanReport['data'][number];
type Channel = CapacityPlanReport['channels'][number];
type Throttle = CapacityPlanReport['throttle'][number];
const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
const round1 = (x: number) => Math.round(x * 10) / 10;

export default function CapacityPlanPage() {
  const q = useQuery();
  const teams = useApi<Team[]>('teams', () => getAll<Team>('/v1/teams'));
  const teamId = q.teamId ?? teams.data?.[0]?.id;
  const weeks = q.weeks ?? '8';
  const factor = q.demandFactor ?? '1';
  const path = teamId ? `/v1/reports/capacity-plan${query({ teamId, weeks, demandFactor: factor })}` : null;
  const plan = useApi<CapacityPlanReport>(path);
  const p = plan.data;
  const crossingAt = p?.crossing ? p.data.findIndex((w) => w.week === p.crossing!.week) : -1;
  const misses = p?.data.reduce((n, w) => n + (w.slaMisses ?? 0), 0) ?? 0;
  const scoreOf = new Map((p?.channels ?? []).map((c) => [c.channel, c]));
  const money = (score: number | null, channel: string) =>
    score == null ? null : formatMoney(Math.round(score), scoreOf.get(channel)?.currency ?? null);
  return (
    <section>
      <PageHeader title="Capacity plan" />
      <div class="filters">
        <Select
          label="Team"
          value={teamId ?? ''}
          options={(teams.data ?? []).map((t) => [t.id, t.name] as [string, string])}
          onValue={(id) => setQuery({ teamId: id })}
        />
        <Select
          label="Weeks to plan"
          value={weeks}
          options={['4', '8', '12', '26']}
          onValue={(w) => setQuery({ weeks: w })}
        />
        <Select
          label="Demand"
          value={factor}
          options={[
            ['1', 'As forecast'],
            ['1.5', '1.5 × the forecast'],
            ['2', 'Twice the forecast'],
            ['3', 'Three times the forecast'],
          ]}
          onValue={(f) => setQuery({ demandFactor: f })}
        />
      </div>
      <ErrorNote error={teams.error ?? plan.error} />
      {teams.data && teams.data.length === 0 && <p class="empty">Add a team with reps to plan its capacity.</p>}
      {path && !p && !plan.error && <Loading />}
      {p && (
        <>
          <div class="card" aria-live="polite">
            <h2>Summary</h2>
            <p>
              {p.crossing
                ? `Demand passes capacity in the week of ${day(p.crossing.start)} (${p.crossing.week}).`
                : 'Capacity covers the forecast demand in every planned week.'}{' '}
              {p.crossing && `About ${misses} ${misses === 1 ? 'lead' : 'leads'} would miss the SLA over the plan.`}
            </p>
            <p class="muted">
              {p.handling.leadsPerWorkingHour == null
                ? `No history to measure the handling rate from (the last ${p.handling.historyWeeks} weeks): capacity is unknown.`
                : `Handling rate: ${Number(p.handling.leadsPerWorkingHour.toPrecision(2))} leads per working hour (${p.handling.answered} leads answered in ${round1(p.handling.workingHours)} working hours over the last ${p.handling.historyWeeks} weeks).`}
            </p>
          </div>
          <CategoryChart
            title={`Capacity and demand per week${p.crossing ? `; the dashed line marks ${p.crossing.week}, when demand passes capacity` : ''}`}
            categories={p.data.map((w) => w.week)}
            series={[
              { label: 'Demand (leads)', values: p.data.map((w) => w.demand), color: '#2456d3' },
              { label: 'Capacity (leads)', values: p.data.map((w) => w.capacity), color: '#1f7a3a', line: true },
            ]}
            yLabel="leads per week"
            mark={crossingAt >= 0 ? crossingAt : null}
          />
          <ReportTable<Throttle>
            title="Channels to throttle first"
            filename="capacity-plan-throttle.csv"
            rows={p.throttle}
            rowKey={(t) => t.channel}
            empty={
              p.crossing ? 'No channel to hold back: every one is needed.' : 'Nothing to throttle: capacity is enough.'
            }
            columns={[
              { label: 'Channel', value: (t) => channelLabel(t.channel) },
              {
                label: 'Source quality (net per lead)',
                value: (t) => t.score,
                cell: (t) => money(t.score, t.channel) ?? 'not scored',
              },
              { label: 'Leads per week', value: (t) => t.leadsPerWeek },
              { label: 'Demand after holding it back', value: (t) => t.demandAfter },
              { label: 'Enough then', value: (t) => (t.enough ? 'yes' : 'no') },
            ]}
          />
          <ReportTable<Week>
            title="Week by week"
            filename="capacity-plan-weeks.csv"
            rows={p.data}
            rowKey={(w) => w.week}
            columns={[
              { label: 'Week', value: (w) => w.week },
              { label: 'Starts', value: (w) => w.start.slice(0, 10), cell: (w) => day(w.start) },
              { label: 'Working hours', value: (w) => round1(w.workingHours) },
              { label: 'Capacity', value: (w) => w.capacity },
              { label: 'Demand', value: (w) => w.demand },
              { label: 'Over capacity', value: (w) => (w.overCapacity ? 'yes' : 'no') },
              { label: 'SLA misses', value: (w) => w.slaMisses },
              { label: 'Backlog carried', value: (w) => w.backlog },
            ]}
          />
          <ReportTable<Channel>
            title="Demand by channel"
            filename="capacity-plan-channels.csv"
            rows={p.channels}
            rowKey={(c) => c.channel}
            empty="No demand measured yet."
            columns={[
              { label: 'Channel', value: (c) => channelLabel(c.channel) },
              { label: 'Average per week', value: (c) => round1(c.averagePerWeek) },
              { label: 'Trend per week', value: (c) => round1(c.trendPerWeek) },
              {
                label: 'Source quality (net per lead)',
                value: (c) => c.score,
                cell: (c) => (c.score == null ? 'not scored' : formatMoney(Math.round(c.score), c.currency)),
              },
              { label: 'Leads behind the score', value: (c) => c.scoreLeads },
            ]}
          />
        </>
      )}
    </section>
  );
}
