/**
 * The pipeline board: a column per stage in pipeline order, a card per lead. A lead moves with the
 * mouse (drag a card onto a column) or the keyboard (the card's "Move to" select, or ← / → on a
 * focused card); every move is announced in a live region. A move into a won stage asks the amount,
 * into a lost stage a reason (the API records `won` / `lost` with the stage).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiProblem,
  enc,
  get,
  getAll,
  post,
  type Lead,
  type LeadEventInput,
  type PipelineStage,
  type Rep,
} from '../api';
import { leadName } from '../format';
import { link } from '../router';
import { ErrorNote, Loading, PageHeader } from '../ui/page';
import { toast } from '../ui/toast';
import { useApi } from '../use-api';
import { useCanEdit } from '../ui/can-edit';
import { MoveDialog, type MoveDetails } from './move-dialog';
import { StageEditor } from './stage-editor';
import { formatMoney } from '../reports/money';
import { recentLeads } from './recent-leads';
import './board.css';

const DAY = 86_400_000;
/** The board shows this many of the most recent leads (the inbox pages through all of them). */
const BOARD_LIMIT = 500;

export default function PipelinePage() {
  const stages = useApi<{ data: PipelineStage[] }>('/v1/pipeline/stages');
  const loaded = useApi<Lead[]>('board-leads', () => recentLeads(BOARD_LIMIT));
  const reps = useApi<Rep[]>('reps', () => getAll<Rep>('/v1/reps'));
  const mayEdit = useCanEdit();
  const [leads, setLeads] = useState<Lead[]>([]);
  const [announce, setAnnounce] = useState('');
  const [pending, setPending] = useState<{ lead: Lead; stage: PipelineStage } | null>(null);
  const [moveError, setMoveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);
  const board = useRef<HTMLDivElement>(null);
  useEffect(() => void (loaded.data && setLeads(loaded.data)), [loaded.data]);
  // A moved card is a new element in another column: keep the keyboard on it.
  useEffect(() => {
    if (!focusId) return;
    board.current?.querySelector<HTMLElement>(`[data-lead="${CSS.escape(focusId)}"] .lead-name`)?.focus();
  }, [focusId, leads]);

  const list = [...(stages.data?.data ?? [])].sort((a, b) => a.position - b.position);
  const repName = new Map((reps.data ?? []).map((r) => [r.id, r.name]));
  const first = list[0]?.key ?? null;
  const stageOf = (l: Lead) => (l.stage && list.some((s) => s.key === l.stage) ? l.stage : first);

  const send = async (lead: Lead, stage: PipelineStage, d: MoveDetails = {}) => {
    const body: LeadEventInput = {
      type: 'stage_changed',
      stage: stage.key,
      ...(d.amount ? { amount: d.amount, currency: d.currency } : {}),
      ...(d.reason ? { reason: d.reason } : {}),
    };
    setBusy(true);
    setMoveError(null);
    try {
      await post(`/v1/leads/${enc(lead.id)}/events`, body);
      const fresh = await get<Lead>(`/v1/leads/${enc(lead.id)}`);
      setLeads((xs) => xs.map((x) => (x.id === lead.id ? fresh : x)));
      setPending(null);
      setFocusId(lead.id);
      const msg = `${leadName(lead)} moved to ${stage.name}.`;
      setAnnounce(msg);
      toast(msg);
    } catch (e) {
      const text = e instanceof ApiProblem ? [e.message, ...e.errors.map((x) => x.message)].join(': ') : String(e);
      if (stage.kind === 'open') setAnnounce(`Not moved: ${text}`);
      setMoveError(text);
    } finally {
      setBusy(false);
    }
  };
  const move = (lead: Lead, key: string) => {
    const stage = list.find((s) => s.key === key);
    if (!stage || stageOf(lead) === key) return;
    if (stage.kind === 'open') return void send(lead, stage);
    setMoveError(null);
    setPending({ lead, stage });
  };
  const step = (lead: Lead, by: number) => {
    const i = list.findIndex((s) => s.key === stageOf(lead));
    const target = list[i + by];
    if (target) move(lead, target.key);
  };

  return (
    <section>
      <PageHeader title="Pipeline" />
      <p class="muted" id="board-hint">
        Drag a card to another column, or focus a lead's name and press ← or → (or use its “Move to” list). Stalled
        leads have been in their stage longer than its limit.
      </p>
      <p class="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      <ErrorNote error={stages.error ?? loaded.error} />
      {leads.length >= BOARD_LIMIT && (
        <p class="muted">The board shows the {BOARD_LIMIT} most recent leads; the inbox has all of them.</p>
      )}
      {moveError && !pending && <ErrorNote error={moveError} />}
      {!stages.data || !loaded.data ? (
        <Loading />
      ) : (
        <div class="board" ref={board}>
          {list.length === 0 && <p class="empty">The pipeline has no stage yet: add one below.</p>}
          {list.map((s) => {
            const here = leads.filter((l) => stageOf(l) === s.key);
            return (
              <section
                class="board-column"
                aria-labelledby={`col-${s.id}`}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  const lead = leads.find((l) => l.id === e.dataTransfer?.getData('text/plain'));
                  if (lead) move(lead, s.key);
                }}
              >
                <h2 id={`col-${s.id}`}>
                  {s.name} <span class="count">({here.length})</span>
                </h2>
                <ul>
                  {here.map((l) => (
                    <LeadCard
                      key={l.id}
                      lead={l}
                      stages={list}
                      current={s.key}
                      owner={l.ownerRepId ? (repName.get(l.ownerRepId) ?? 'an unknown rep') : null}
                      onMove={(key) => move(l, key)}
                      onStep={(by) => step(l, by)}
                    />
                  ))}
                </ul>
                {here.length === 0 && <p class="muted">No leads.</p>}
              </section>
            );
          })}
        </div>
      )}
      <MoveDialog
        key={pending ? `${pending.lead.id}:${pending.stage.key}` : 'none'}
        lead={pending?.lead ?? null}
        stage={pending?.stage ?? null}
        error={moveError}
        busy={busy}
        onConfirm={(d) => pending && void send(pending.lead, pending.stage, d)}
        onCancel={() => (setPending(null), setMoveError(null))}
      />
      {stages.data && mayEdit && <StageEditor stages={list} onChange={stages.reload} />}
    </section>
  );
}

function LeadCard({
  lead,
  stages,
  current,
  owner,
  onMove,
  onStep,
}: {
  lead: Lead;
  stages: PipelineStage[];
  current: string;
  owner: string | null;
  onMove(key: string): void;
  onStep(by: number): void;
}) {
  const name = leadName(lead);
  const days = lead.stageEnteredAt ? Math.floor((Date.now() - Date.parse(lead.stageEnteredAt)) / DAY) : null;
  const stalled = !!lead.stalledAt;
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      onStep(e.key === 'ArrowRight' ? 1 : -1);
    }
  };
  return (
    <li
      class={`lead-card${stalled ? ' stalled' : ''}`}
      draggable
      data-lead={lead.id}
      onDragStart={(e) => e.dataTransfer?.setData('text/plain', lead.id)}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a link (its href comes from link()), the card's keyboard handle */}
      <a
        class="lead-name"
        {...link(`/leads/${enc(lead.id)}`)}
        onKeyDown={keys}
        aria-describedby={`${stalled ? `stalled-${lead.id} ` : ''}board-hint`}
      >
        {name}
      </a>
      <dl>
        <dt>Owner</dt>
        <dd>{owner ?? 'Unassigned'}</dd>
        {lead.status === 'won' && lead.wonAmountMinor != null && (
          <>
            <dt>Amount</dt>
            <dd>{formatMoney(lead.wonAmountMinor, lead.currency)}</dd>
          </>
        )}
        <dt>In stage</dt>
        <dd>{days == null ? '—' : `${days} ${days === 1 ? 'day' : 'days'}`}</dd>
      </dl>
      {stalled && (
        <span class="badge stalled-badge" id={`stalled-${lead.id}`}>
          Stalled
        </span>
      )}
      <label class="move">
        <span>Move to</span>
        <select
          value={current}
          aria-label={`Move ${name} to`}
          onChange={(e) => {
            const key = e.currentTarget.value;
            e.currentTarget.value = current;
            onMove(key);
          }}
        >
          {stages.map((s) => (
            <option value={s.key}>{s.name}</option>
          ))}
        </select>
      </label>
    </li>
  );
}
