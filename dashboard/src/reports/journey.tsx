/**
 * One lead's journey under the chosen model: each touch (at or before the lead's creation, as the
 * report counts it) with its share of the lead and of its won amount. The credits come from the same
 * pure functions the API's report is held to (api/src/domain/attribution.ts), so they add up exactly.
 */
import { creditJourney, type AttributionModel } from '../../../api/src/domain/attribution';
import { enc, type Lead, type LeadDetail } from '../api';
import { channelLabel, leadName, when } from '../format';
import { setQuery } from '../router';
import { Select } from '../ui/field';
import { ErrorNote, Loading } from '../ui/page';
import { useApi } from '../use-api';
import { formatMoney, majorUnits } from './money';
import { ReportTable } from './report-table';

export function Journey({
  leads,
  leadId,
  model,
  halfLifeDays,
}: {
  leads: Lead[];
  leadId: string | undefined;
  model: AttributionModel;
  halfLifeDays: number;
}) {
  const detail = useApi<LeadDetail>(leadId ? `/v1/leads/${enc(leadId)}` : null);
  const lead = leadId ? detail.data : undefined;
  const currency = lead?.currency ?? null;
  const money: Record<string, number> =
    lead && currency && lead.wonAmountMinor != null ? { [currency]: lead.wonAmountMinor } : {};
  const credits = lead
    ? creditJourney(
        model,
        lead.touchpoints.map((t) => ({ ...t, occurredAt: new Date(t.occurredAt), at: t.occurredAt })),
        new Date(lead.createdAt),
        money,
        halfLifeDays,
      )
    : [];
  type Credit = (typeof credits)[number];
  const amount = (c: Credit) => (currency && currency in c.money ? c.money[currency]! : null);
  return (
    <section class="card" aria-labelledby="journey-h">
      <h2 id="journey-h">Journey of one lead</h2>
      <Select
        label="Lead"
        value={leadId ?? ''}
        onValue={(id) => setQuery({ lead: id })}
        options={[
          ['', 'Pick a lead…'],
          ...leads.map((l) => [l.id, `${leadName(l)} (${l.status})`] as [string, string]),
        ]}
      />
      <ErrorNote error={detail.error} />
      {leadId && !lead && !detail.error && <Loading />}
      {lead && (
        <ReportTable<Credit>
          title={`Credited touches of ${leadName(lead)}`}
          filename={`journey-${lead.id}-${model}.csv`}
          rows={credits}
          rowKey={(c) => `${c.touch.at}:${c.touch.channel}:${c.touch.landingPage ?? ''}`}
          empty="This lead has no touch before it was created."
          columns={[
            { label: 'When', value: (c) => c.touch.at, cell: (c) => when(c.touch.at) },
            { label: 'Channel', value: (c) => channelLabel(c.touch.channel) },
            { label: 'Source', value: (c) => c.touch.source },
            { label: 'Medium', value: (c) => c.touch.medium },
            { label: 'Campaign', value: (c) => c.touch.campaign },
            { label: 'Landing page', value: (c) => c.touch.landingPage },
            {
              label: 'Credit',
              value: (c) => Math.round(c.share * 10000) / 100,
              cell: (c) => `${(c.share * 100).toFixed(1)} %`,
            },
            {
              label: currency ? `Won amount credited (${currency})` : 'Won amount credited',
              value: (c) => (amount(c) == null ? null : majorUnits(amount(c)!, currency)),
              cell: (c) => (amount(c) == null ? '—' : formatMoney(amount(c)!, currency)),
            },
          ]}
        />
      )}
    </section>
  );
}
