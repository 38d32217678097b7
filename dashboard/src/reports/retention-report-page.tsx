/**
 * Retention report: won customers by cohort month and the share still active after 30, 90 and 180
 * days, per first-touch source, campaign or channel; and each one's source quality score (net revenue
 * per lead after churn). A score from few leads says so: it is a hint, not a verdict.
 */
import { query, type RetentionReport } from '../api';
import { percent } from '../format';
import { setQuery, useQuery } from '../router';
import { DateRange, rangeParams } from '../ui/date-range';
import { Select } from '../ui/field';
import { ErrorNote, Loading, PageHeader } from '../ui/page';
import { useApi } from '../use-api';
import { CategoryChart } from './category-chart';
import { formatMoney, majorUnits } from './money';
import { ReportTable } from './report-table';
import '../pipeline/board.css';

type Cohort = RetentionReport['cohorts'][number];
type Score = RetentionReport['scores'][number];
/** Below this many leads a score is marked as coming from few leads. */
export const FEW_LEADS = 10;
const GROUPS: [string, string][] = [
  ['source', 'Source'],
  ['campaign', 'Campaign'],
  ['channel', 'Channel'],
];
const share = (x: number | null) => (x == null ? null : Math.round(x * 1000) / 10);

export default function RetentionReportPage() {
  const q = useQuery();
  const range = rangeParams(q, 365);
  const groupBy = q.groupBy ?? 'source';
  const path = `/v1/reports/retention${query({ ...range, groupBy })}`;
  const report = useApi<RetentionReport>(path);
  const cohorts = [...(report.data?.cohorts ?? [])].sort(
    (a, b) => a.cohort.localeCompare(b.cohort) || a.key.localeCompare(b.key),
  );
  const months = [...new Set(cohorts.map((c) => c.cohort))];
  /** Across groups, weighted by customers: the chart's one line per horizon. */
  const overall = (f: (c: Cohort) => number | null) =>
    months.map((m) => {
      const known = cohorts.filter((c) => c.cohort === m && f(c) != null);
      const n = known.reduce((s, c) => s + c.customers, 0);
      return n === 0 ? null : share(known.reduce((s, c) => s + f(c)! * c.customers, 0) / n);
    });
  const label = GROUPS.find(([g]) => g === groupBy)?.[1] ?? groupBy;
  return (
    <section>
      <PageHeader title="Retention report" />
      <div class="filters">
        <DateRange q={q} presets={[90, 180, 365]} />
        <Select label="Group by" value={groupBy} options={GROUPS} onValue={(g) => setQuery({ groupBy: g })} />
      </div>
      <ErrorNote error={report.error} />
      {!report.data ? (
        <Loading />
      ) : (
        <>
          <CategoryChart
            title="Share of each month's new customers still active after 30, 90 and 180 days"
            categories={months}
            series={[
              { label: 'After 30 days', values: overall((c) => c.active30), color: '#2456d3' },
              { label: 'After 90 days', values: overall((c) => c.active90), color: '#1f7a3a' },
              { label: 'After 180 days', values: overall((c) => c.active180), color: '#8a4b00' },
            ]}
            yLabel="%"
          />
          <ReportTable<Cohort>
            title="Cohorts by month"
            filename={`retention-cohorts-by-${groupBy}.csv`}
            rows={cohorts}
            rowKey={(c) => `${c.key}:${c.cohort}`}
            empty="No customer was won in this range."
            columns={[
              { label, value: (c) => c.key },
              { label: 'Cohort', value: (c) => c.cohort },
              { label: 'Customers', value: (c) => c.customers },
              { label: 'Active after 30 days', value: (c) => share(c.active30), cell: (c) => percent(c.active30) },
              { label: 'Active after 90 days', value: (c) => share(c.active90), cell: (c) => percent(c.active90) },
              { label: 'Active after 180 days', value: (c) => share(c.active180), cell: (c) => percent(c.active180) },
            ]}
          />
          <ReportTable<Score>
            title={`Source quality score per ${label.toLowerCase()}`}
            filename={`source-quality-by-${groupBy}.csv`}
            rows={report.data.scores}
            rowKey={(s) => `${s.key}:${s.currency}`}
            empty="No score yet: scores are computed daily and when revenue or churn is recorded."
            columns={[
              { label, value: (s) => s.key },
              { label: 'Currency', value: (s) => s.currency },
              { label: 'Leads behind it', value: (s) => s.leads },
              {
                label: 'Net revenue',
                value: (s) => majorUnits(s.net, s.currency),
                cell: (s) => formatMoney(s.net, s.currency),
              },
              {
                label: 'Score (net per lead)',
                value: (s) => majorUnits(Math.round(s.score), s.currency),
                cell: (s) => (
                  <>
                    {formatMoney(Math.round(s.score), s.currency)}
                    {s.leads < FEW_LEADS && (
                      <span class="badge score-few">
                        {' '}
                        from only {s.leads} {s.leads === 1 ? 'lead' : 'leads'}
                      </span>
                    )}
                  </>
                ),
              },
              { label: 'Computed', value: (s) => s.computedAt.slice(0, 10) },
            ]}
          />
        </>
      )}
    </section>
  );
}
