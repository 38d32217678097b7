/** Capacity report: demand vs capacity over time, refused demand by channel and campaign, for a form or a policy. */
import { downloadCsv, getAll, query, type CapacityPolicy, type CapacityReport, type Form } from '../api';
import { percent } from '../format';
import { setQuery, useQuery } from '../router';
import { Chart } from '../ui/chart';
import { DateRange, rangeParams } from '../ui/date-range';
import { Select } from '../ui/field';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { Table } from '../ui/table';
import { useApi } from '../use-api';

export default function CapacityReportPage() {
  const q = useQuery();
  const forms = useApi<Form[]>('forms', () => getAll<Form>('/v1/forms'));
  const policies = useApi<CapacityPolicy[]>('caps', () => getAll<CapacityPolicy>('/v1/capacity-policies'));
  const target = q.policyId ? { policyId: q.policyId } : { formId: q.formId ?? forms.data?.[0]?.id };
  const ready = !!(target.policyId ?? target.formId);
  const range = rangeParams(q);
  const groupBy = q.groupBy ?? 'channel';
  const over = useApi<CapacityReport>(
    ready ? `/v1/reports/capacity${query({ ...range, ...target, groupBy: 'day' })}` : null,
  );
  const table = useApi<CapacityReport>(ready ? `/v1/reports/capacity${query({ ...range, ...target, groupBy })}` : null);
  const action = useAction();
  const days = over.data?.rows ?? [];
  const pick = (v: string) =>
    setQuery(v.startsWith('cap_') ? { policyId: v, formId: null } : { formId: v, policyId: null });
  return (
    <section>
      <PageHeader title="Capacity report">
        <button
          type="button"
          class="secondary"
          disabled={!ready}
          onClick={() =>
            action.run(() =>
              downloadCsv(
                `/v1/reports/capacity${query({ ...range, ...target, groupBy })}`,
                `capacity-by-${groupBy}.csv`,
              ),
            )
          }
        >
          Export CSV
        </button>
      </PageHeader>
      <div class="filters">
        <Select
          label="Form or policy"
          value={target.policyId ?? target.formId ?? ''}
          onValue={pick}
          options={[
            ...(policies.data ?? []).map((p): [string, string] => [p.id, `Policy: ${p.name}`]),
            ...(forms.data ?? []).map((f): [string, string] => [f.id, `Form: ${f.name}`]),
          ]}
        />
        <DateRange q={q} />
      </div>
      <ErrorNote error={over.error ?? table.error ?? action.error} />
      {over.data && (
        <Chart
          title={`Demand vs capacity per day${over.data.capacity ? ` (limit ${over.data.capacity.count} per ${over.data.capacity.per})` : ''}`}
          x={days.map((r) => Date.parse(r.key) / 1000)}
          series={[
            { label: 'Demand', values: days.map((r) => r.demand), color: '#2456d3' },
            { label: 'Accepted', values: days.map((r) => r.accepted), color: '#1a7f37' },
            { label: 'Turned away', values: days.map((r) => r.waitlisted + r.refusedSubmissions), color: '#b42318' },
          ]}
        />
      )}
      <Select
        label="Group by"
        value={groupBy}
        onValue={(g) => setQuery({ groupBy: g })}
        options={[
          ['channel', 'Channel'],
          ['campaign', 'Campaign'],
          ['day', 'Day'],
          ['week', 'Week'],
          ['month', 'Month'],
        ]}
      />
      {!table.data ? (
        ready ? (
          <Loading />
        ) : (
          <p class="empty">No form yet.</p>
        )
      ) : (
        <Table
          caption={`Capacity by ${groupBy}`}
          rows={table.data.rows}
          rowKey={(r) => r.key}
          empty="No demand in this range."
          columns={[
            { label: groupBy, cell: (r) => r.key.replace(/_/g, ' ') },
            { label: 'Views', cell: (r) => r.views },
            { label: 'Demand', cell: (r) => r.demand },
            { label: 'Accepted', cell: (r) => r.accepted },
            { label: 'Waitlisted', cell: (r) => r.waitlisted },
            { label: 'Refused', cell: (r) => r.refusedSubmissions + r.refusedViews },
            { label: 'Turned away', cell: (r) => percent(r.turnedAwayShare) },
          ]}
        />
      )}
    </section>
  );
}
