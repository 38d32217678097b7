/**
 * Attribution report: which channels, sources, media, campaigns or landing pages the leads, qualified
 * leads, wins and money are credited to under a model; one table per currency (no exchange rate is
 * invented), a chart of credited leads, and one lead's journey with each touch's credit.
 */
import { ATTRIBUTION_MODELS, DEFAULT_HALF_LIFE_DAYS } from '../../../api/src/domain/attribution';
import { query, type AttributionReport, type Lead } from '../api';
import { recentLeads } from '../pipeline/recent-leads';
import { setQuery, useQuery } from '../router';
import { DateRange, rangeParams } from '../ui/date-range';
import { Select, TextInput } from '../ui/field';
import { ErrorNote, Loading, PageHeader } from '../ui/page';
import { useApi } from '../use-api';
import { CategoryChart } from './category-chart';
import { Journey } from './journey';
import { formatMoney, majorUnits } from './money';
import { ReportTable } from './report-table';
import '../pipeline/board.css';

type Row = AttributionReport['data'][number];
type Model = (typeof ATTRIBUTION_MODELS)[number];
const MODEL_LABELS: Record<Model, string> = {
  first_touch: 'First touch',
  last_touch: 'Last touch',
  linear: 'Linear',
  position_based: 'Position based (40/20/40)',
  time_decay: 'Time decay',
};
const GROUPS: [string, string][] = [
  ['channel', 'Channel'],
  ['source', 'Source'],
  ['medium', 'Medium'],
  ['campaign', 'Campaign'],
  ['landing_page', 'Landing page'],
];
const credit = (x: number) => Math.round(x * 100) / 100;

export default function AttributionReportPage() {
  const q = useQuery();
  const range = rangeParams(q);
  const model = (ATTRIBUTION_MODELS as readonly string[]).includes(q.model ?? '') ? (q.model as Model) : 'last_touch';
  const groupBy = q.groupBy ?? 'channel';
  const halfLife = Number(q.halfLifeDays) || DEFAULT_HALF_LIFE_DAYS;
  const path = `/v1/reports/attribution${query({
    ...range,
    model,
    groupBy,
    halfLifeDays: model === 'time_decay' ? halfLife : undefined,
  })}`;
  const report = useApi<AttributionReport>(path);
  const leads = useApi<Lead[]>('recent-leads-100', () => recentLeads(100));
  const rows = report.data?.data ?? [];
  const currencies = [...new Set(rows.map((r) => r.currency))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const keys = [...new Set(rows.map((r) => r.key))];
  const leadsPerKey = keys.map((k) => credit(rows.filter((r) => r.key === k).reduce((n, r) => n + r.leads, 0)));
  const groupLabel = GROUPS.find(([g]) => g === groupBy)?.[1] ?? groupBy;
  return (
    <section>
      <PageHeader title="Attribution report" />
      <div class="filters">
        <DateRange q={q} />
        <Select
          label="Model"
          value={model}
          options={ATTRIBUTION_MODELS.map((m) => [m, MODEL_LABELS[m]] as [string, string])}
          onValue={(m) => setQuery({ model: m })}
        />
        {model === 'time_decay' && (
          <TextInput
            label="Half-life (days)"
            type="number"
            min="1"
            max="365"
            value={q.halfLifeDays ?? String(DEFAULT_HALF_LIFE_DAYS)}
            onValue={(d) => setQuery({ halfLifeDays: d })}
          />
        )}
        <Select label="Group by" value={groupBy} options={GROUPS} onValue={(g) => setQuery({ groupBy: g })} />
      </div>
      <ErrorNote error={report.error} />
      {!report.data ? (
        <Loading />
      ) : (
        <>
          <CategoryChart
            title={`Leads credited per ${groupLabel.toLowerCase()} (${MODEL_LABELS[model]})`}
            categories={keys}
            series={[{ label: 'Leads credited', values: leadsPerKey, color: '#2456d3' }]}
            yLabel="leads"
          />
          {rows.length === 0 && <p class="empty">No leads in this range.</p>}
          {currencies.map((cur) => (
            <ReportTable<Row>
              key={cur ?? 'none'}
              title={cur ? `Credited in ${cur}` : 'Leads with no money recorded'}
              filename={`attribution-${model}-by-${groupBy}-${cur ?? 'no-money'}.csv`}
              rows={rows.filter((r) => r.currency === cur)}
              rowKey={(r) => `${r.key}:${r.currency}`}
              columns={[
                { label: groupLabel, value: (r) => r.key },
                { label: 'Leads', value: (r) => credit(r.leads) },
                { label: 'Qualified', value: (r) => credit(r.qualified) },
                { label: 'Won', value: (r) => credit(r.won) },
                ...(cur
                  ? (['revenue', 'refunds', 'churned', 'net'] as const).map((m) => ({
                      label: m === 'net' ? 'Net revenue' : m[0]!.toUpperCase() + m.slice(1),
                      value: (r: Row) => majorUnits(r[m], cur),
                      cell: (r: Row) => formatMoney(r[m], cur),
                    }))
                  : []),
              ]}
            />
          ))}
        </>
      )}
      <Journey leads={leads.data ?? []} leadId={q.lead || undefined} model={model} halfLifeDays={halfLife} />
    </section>
  );
}
