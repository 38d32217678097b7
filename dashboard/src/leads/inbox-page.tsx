/** The inbox: filters kept in the URL, cursor pages, bulk reassign and CSV export. */
import { useState } from 'preact/hooks';
import { downloadCsv, getAll, post, query, type Form, type Lead, type Page, type Rep } from '../api';
import { CHANNELS, channelLabel, LEAD_STATUSES, leadName, when } from '../format';
import { link, setQuery, useQuery } from '../router';
import { DateRange, rangeParams } from '../ui/date-range';
import { Select, TextInput } from '../ui/field';
import { ErrorNote, Loading, PageHeader, useAction } from '../ui/page';
import { Table } from '../ui/table';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';
import { SLA_FILTERS, SLA_LABEL, slaOf } from './sla';

const FILTER_KEYS = [
  'formId',
  'ownerRepId',
  'status',
  'sla',
  'channel',
  'lastChannel',
  'campaign',
  'q',
  'cursor',
] as const;

/** The API query for the URL's filters (dates as instants). */
export function leadQuery(q: Record<string, string>, limit = 25) {
  const params: Record<string, string> = { limit: String(limit) };
  for (const k of FILTER_KEYS) if (q[k]) params[k] = q[k]!;
  if (q.from || q.to) Object.assign(params, rangeParams(q, 3650));
  return params;
}

export function Inbox() {
  const q = useQuery();
  const params = leadQuery(q);
  const list = useApi<Page<Lead>>(`/v1/leads${query(params)}`);
  const forms = useApi<Form[]>('forms', () => getAll<Form>('/v1/forms'));
  const reps = useApi<Rep[]>('reps', () => getAll<Rep>('/v1/reps'));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignTo, setAssignTo] = useState('');
  const [search, setSearch] = useState(q.q ?? '');
  const [campaign, setCampaign] = useState(q.campaign ?? '');
  const action = useAction();
  const filter = (k: string) => (v: string) => (setSelected(new Set()), setQuery({ [k]: v, cursor: null }));
  const toggle = (id: string, on: boolean) => {
    const s = new Set(selected);
    on ? s.add(id) : s.delete(id);
    setSelected(s);
  };
  const rows = list.data?.data ?? [];
  const repName = new Map((reps.data ?? []).map((r) => [r.id, r.name]));
  const bulkAssign = () =>
    action.run(async () => {
      await post('/v1/leads/assign', { ids: [...selected], repId: assignTo });
      toast(`${selected.size} leads reassigned to ${repName.get(assignTo) ?? assignTo}.`);
      setSelected(new Set());
      list.reload();
    });
  const exportCsv = () =>
    action.run(() => downloadCsv(`/v1/leads${query({ ...params, limit: '100', cursor: undefined })}`, 'leads.csv'));
  return (
    <section>
      <PageHeader title="Leads">
        <button type="button" class="secondary" onClick={exportCsv}>
          Export CSV
        </button>
      </PageHeader>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for the browsers customers use; the role says the same */}
      <form
        class="filters"
        role="search"
        aria-label="Filter leads"
        onSubmit={(e) => (e.preventDefault(), setQuery({ q: search, campaign, cursor: null }))}
      >
        <TextInput
          label="Search name or email"
          type="search"
          value={search}
          onValue={setSearch}
          onBlur={() => setQuery({ q: search, cursor: null })}
        />
        <Select
          label="Form"
          value={q.formId ?? ''}
          onValue={filter('formId')}
          options={[['', 'All forms'], ...(forms.data ?? []).map((f): [string, string] => [f.id, f.name])]}
        />
        <Select
          label="Owner"
          value={q.ownerRepId ?? ''}
          onValue={filter('ownerRepId')}
          options={[
            ['', 'Anyone'],
            ['mine', 'Mine'],
            ...(reps.data ?? []).map((r): [string, string] => [r.id, r.name]),
          ]}
        />
        <Select
          label="Status"
          value={q.status ?? ''}
          onValue={filter('status')}
          options={[['', 'All but spam'], ...LEAD_STATUSES]}
        />
        <Select label="SLA" value={q.sla ?? ''} onValue={filter('sla')} options={SLA_FILTERS} />
        <Select
          label="First-touch channel"
          value={q.channel ?? ''}
          onValue={filter('channel')}
          options={[['', 'All'], ...CHANNELS.map((c): [string, string] => [c, channelLabel(c)])]}
        />
        <Select
          label="Last-touch channel"
          value={q.lastChannel ?? ''}
          onValue={filter('lastChannel')}
          options={[['', 'All'], ...CHANNELS.map((c): [string, string] => [c, channelLabel(c)])]}
        />
        <TextInput
          label="Campaign"
          value={campaign}
          onValue={setCampaign}
          onBlur={() => filter('campaign')(campaign)}
        />
        <DateRange q={q} presets={[7, 30]} />
      </form>
      <ErrorNote error={list.error ?? action.error} />
      {selected.size > 0 && (
        <section class="bulk" aria-label="Bulk actions">
          <span>{selected.size} selected</span>
          <Select
            label="Reassign to"
            value={assignTo}
            onValue={setAssignTo}
            options={[['', 'Choose a rep'], ...(reps.data ?? []).map((r): [string, string] => [r.id, r.name])]}
          />
          <button type="button" disabled={!assignTo || action.busy} onClick={bulkAssign}>
            Reassign
          </button>
        </section>
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <Table
          caption="Leads, newest first"
          rows={rows}
          rowKey={(l) => l.id}
          empty="No leads match these filters."
          columns={[
            {
              label: 'Select',
              class: 'narrow',
              cell: (l) => (
                <input
                  type="checkbox"
                  aria-label={`Select ${leadName(l)}`}
                  checked={selected.has(l.id)}
                  onChange={(e) => toggle(l.id, e.currentTarget.checked)}
                />
              ),
            },
            {
              label: 'Lead',
              cell: (l) => (
                <>
                  <a {...link(`/leads/${l.id}`)}>{leadName(l)}</a>
                  <div class="muted">{String(l.values.email ?? '')}</div>
                </>
              ),
            },
            { label: 'Status', cell: (l) => <span class={`badge ${l.status}`}>{l.status}</span> },
            {
              label: 'Owner',
              cell: (l) => (l.ownerRepId ? (repName.get(l.ownerRepId) ?? l.ownerRepId) : 'unassigned'),
            },
            {
              label: 'SLA',
              cell: (l) =>
                'sla' in l ? <span class={`badge sla-${slaOf(l).state}`}>{SLA_LABEL[slaOf(l).state]}</span> : '—',
            },
            {
              label: 'First touch',
              cell: (l) => (
                <>
                  {channelLabel(l.firstTouch?.channel)}
                  <div class="muted">{l.firstTouch?.source ?? ''}</div>
                </>
              ),
            },
            {
              label: 'Last touch',
              cell: (l) => (
                <>
                  {channelLabel(l.lastTouch?.channel)}
                  <div class="muted">{l.lastTouch?.campaign ?? ''}</div>
                </>
              ),
            },
            { label: 'Received', cell: (l) => when(l.createdAt) },
          ]}
        />
      )}
      <nav class="pager" aria-label="Pages">
        {q.cursor && <a {...link(`/leads${query({ ...q, cursor: undefined })}`)}>First page</a>}
        {list.data?.nextCursor && (
          <a {...link(`/leads${query({ ...q, cursor: list.data.nextCursor })}`)}>Older leads</a>
        )}
      </nav>
    </section>
  );
}

export default Inbox;
