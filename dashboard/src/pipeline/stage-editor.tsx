/** Stage management for those who may edit settings: add, rename, kind, stall limit, qualified, reorder, delete. */
import { useState } from 'preact/hooks';
import { del, enc, patch, post, type PipelineStage } from '../api';
import { Checkbox, Select, TextInput } from '../ui/field';
import { ErrorNote, useAction } from '../ui/page';
import { toast } from '../ui/toast';

const KINDS: [string, string][] = [
  ['open', 'Open'],
  ['won', 'Won'],
  ['lost', 'Lost'],
];

interface Draft {
  name: string;
  kind: PipelineStage['kind'];
  countsAsQualified: boolean;
  stallDays: string;
}

const draftOf = (s: PipelineStage): Draft => ({
  name: s.name,
  kind: s.kind,
  countsAsQualified: s.countsAsQualified,
  stallDays: s.stallDays == null ? '' : String(s.stallDays),
});
const stallOf = (d: Draft) => (d.stallDays.trim() === '' ? null : Number(d.stallDays));

export function StageEditor({ stages, onChange }: { stages: PipelineStage[]; onChange(): void }) {
  const action = useAction();
  const [adding, setAdding] = useState<Draft>({ name: '', kind: 'open', countsAsQualified: false, stallDays: '' });
  const reorder = (i: number, by: number) => {
    const ids = stages.map((s) => s.id);
    const [moved] = ids.splice(i, 1);
    ids.splice(i + by, 0, moved!);
    void action.run(async () => {
      await post('/v1/pipeline/stages/reorder', { ids });
      toast(`${stages[i]!.name} moved ${by < 0 ? 'up' : 'down'}.`);
      onChange();
    });
  };
  const add = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post('/v1/pipeline/stages', {
        name: adding.name,
        kind: adding.kind,
        countsAsQualified: adding.countsAsQualified,
        stallDays: stallOf(adding),
      });
      toast(`Stage ${adding.name} added.`);
      setAdding({ name: '', kind: 'open', countsAsQualified: false, stallDays: '' });
      onChange();
    });
  };
  return (
    <details class="card">
      <summary>Manage stages</summary>
      <ErrorNote error={action.error} />
      <ol class="plain">
        {stages.map((s, i) => (
          <StageRow
            key={`${s.id}:${s.updatedAt}`}
            stage={s}
            first={i === 0}
            last={i === stages.length - 1}
            onUp={() => reorder(i, -1)}
            onDown={() => reorder(i, 1)}
            run={action.run}
            onChange={onChange}
          />
        ))}
      </ol>
      <form onSubmit={add} aria-label="Add a stage">
        <h3>Add a stage</h3>
        <DraftFields draft={adding} set={setAdding} />
        <button type="submit" disabled={action.busy || !adding.name.trim()}>
          Add stage
        </button>
      </form>
    </details>
  );
}

function DraftFields({ draft, set }: { draft: Draft; set(d: Draft): void }) {
  return (
    <div class="stage-row">
      <TextInput label="Name" value={draft.name} onValue={(name) => set({ ...draft, name })} maxLength={100} />
      <Select
        label="Kind"
        value={draft.kind}
        options={KINDS}
        onValue={(k) => set({ ...draft, kind: k as Draft['kind'] })}
      />
      <TextInput
        label="Stall after (days)"
        help="Empty: never stalls"
        type="number"
        min="1"
        max="3650"
        value={draft.stallDays}
        onValue={(stallDays) => set({ ...draft, stallDays })}
      />
      <Checkbox
        label="Counts as qualified"
        checked={draft.countsAsQualified}
        onValue={(countsAsQualified) => set({ ...draft, countsAsQualified })}
      />
    </div>
  );
}

function StageRow({
  stage,
  first,
  last,
  onUp,
  onDown,
  run,
  onChange,
}: {
  stage: PipelineStage;
  first: boolean;
  last: boolean;
  onUp(): void;
  onDown(): void;
  run: ReturnType<typeof useAction>['run'];
  onChange(): void;
}) {
  const [draft, setDraft] = useState(draftOf(stage));
  const save = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await patch(`/v1/pipeline/stages/${enc(stage.id)}`, {
        name: draft.name,
        kind: draft.kind,
        countsAsQualified: draft.countsAsQualified,
        stallDays: stallOf(draft),
      });
      toast(`Stage ${draft.name} saved.`);
      onChange();
    });
  };
  const remove = () =>
    confirm(`Delete the stage ${stage.name}? Only a stage no lead is in can be deleted.`) &&
    void run(async () => {
      await del(`/v1/pipeline/stages/${enc(stage.id)}`);
      toast(`Stage ${stage.name} deleted.`);
      onChange();
    });
  return (
    <li>
      <form onSubmit={save} aria-label={`Stage ${stage.name} (key ${stage.key})`}>
        <DraftFields draft={draft} set={setDraft} />
        <div class="button-row">
          <button type="submit">
            Save<span class="sr-only"> {stage.name}</span>
          </button>
          <button type="button" class="secondary" disabled={first} onClick={onUp}>
            Move up<span class="sr-only"> {stage.name}</span>
          </button>
          <button type="button" class="secondary" disabled={last} onClick={onDown}>
            Move down<span class="sr-only"> {stage.name}</span>
          </button>
          <button type="button" class="secondary" onClick={remove}>
            Delete<span class="sr-only"> {stage.name}</span>
          </button>
          <span class="muted">Key: {stage.key}</span>
        </div>
      </form>
    </li>
  );
}
