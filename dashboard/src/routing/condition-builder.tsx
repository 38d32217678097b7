/** A condition tree editor for the whole language (all / any / not, every field and operator) with a JSON view. */
import { useState } from 'preact/hooks';
import type { Condition, Operator } from '../api';
import { Select, TextArea, TextInput } from '../ui/field';

const OPS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'exists',
  'not_exists',
  'is_true',
  'is_false',
] as const satisfies readonly Operator[];
const NO_VALUE = new Set(['exists', 'not_exists', 'is_true', 'is_false']);
const LIST = new Set(['in', 'not_in', 'between']);
const PARTS = ['channel', 'source', 'medium', 'campaign', 'term', 'content', 'landingPage', 'referrer'];
export const FIELDS = [
  'form',
  'country',
  'team',
  'email.address',
  'email.domain',
  'email.isFree',
  ...PARTS.map((p) => `firstTouch.${p}`),
  ...PARTS.map((p) => `lastTouch.${p}`),
];

type Leaf = { field: string; op: string; value?: unknown };
const isLeaf = (c: Condition): c is Condition & Leaf => 'field' in c;
const parseScalar = (s: string): string | number | boolean =>
  s === 'true' ? true : s === 'false' ? false : s.trim() !== '' && !Number.isNaN(Number(s)) ? Number(s) : s;

export const EMPTY: Condition = { all: [] };

function LeafEditor({ c, onChange, path }: { c: Leaf; onChange(c: Condition): void; path: string }) {
  const known = FIELDS.includes(c.field);
  const [valueKey, setValueKey] = useState(c.field.startsWith('values.') ? c.field.slice(7) : '');
  const value = Array.isArray(c.value) ? c.value.join(', ') : c.value === undefined ? '' : String(c.value);
  const setOp = (op: string) => {
    const { value: v, ...rest } = c;
    onChange((NO_VALUE.has(op) ? { ...rest, op } : { ...rest, op, value: v ?? '' }) as Condition);
  };
  const setValue = (s: string) =>
    onChange({
      ...c,
      value: LIST.has(c.op)
        ? s
            .split(',')
            .map((x) => parseScalar(x.trim()))
            .filter((x) => x !== '')
        : parseScalar(s),
    } as Condition);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of controls inside the rule's own fieldset; nested fieldsets read badly
    <div class="leaf row" role="group" aria-label={`Comparison ${path}`}>
      <Select
        label="Field"
        value={known ? c.field : 'values'}
        onValue={(f) => onChange({ ...c, field: f === 'values' ? `values.${valueKey || 'email'}` : f } as Condition)}
        options={[['values', 'a form value…'], ...FIELDS]}
      />
      {!known && (
        <TextInput
          label="Value key"
          value={valueKey}
          onValue={(k) => (setValueKey(k), onChange({ ...c, field: `values.${k}` } as Condition))}
        />
      )}
      <Select label="Operator" value={c.op} onValue={setOp} options={OPS} />
      {!NO_VALUE.has(c.op) && (
        <TextInput label={LIST.has(c.op) ? 'Values (comma separated)' : 'Value'} value={value} onValue={setValue} />
      )}
    </div>
  );
}

export function ConditionEditor({
  c,
  onChange,
  onRemove,
  path = '1',
}: {
  c: Condition;
  onChange(c: Condition): void;
  onRemove?(): void;
  path?: string;
}) {
  const remove = onRemove && (
    <button type="button" class="danger small" onClick={onRemove}>
      Remove<span class="sr-only"> condition {path}</span>
    </button>
  );
  if (isLeaf(c))
    return (
      <div class="cond">
        {<LeafEditor c={c} onChange={onChange} path={path} />}
        {remove}
      </div>
    );
  if ('not' in c) {
    return (
      <fieldset class="cond">
        <legend>Not (condition {path})</legend>
        <ConditionEditor c={c.not} onChange={(n) => onChange({ not: n })} path={`${path}.1`} />
        {remove}
      </fieldset>
    );
  }
  const kind = 'all' in c ? 'all' : 'any';
  const items = ((c as { all?: Condition[] }).all ?? (c as { any?: Condition[] }).any ?? []) as Condition[];
  const set = (xs: Condition[]) => onChange((kind === 'all' ? { all: xs } : { any: xs }) as Condition);
  return (
    <fieldset class="cond">
      <legend>Condition group {path}</legend>
      <Select
        label="Match"
        value={kind}
        onValue={(k) => onChange((k === 'all' ? { all: items } : { any: items }) as Condition)}
        options={[
          ['all', 'all of these'],
          ['any', 'any of these'],
        ]}
      />
      {items.map((x, i) => (
        <ConditionEditor
          c={x}
          path={`${path}.${i + 1}`}
          onChange={(n) => set(items.map((y, j) => (j === i ? n : y)))}
          onRemove={() => set(items.filter((_, j) => j !== i))}
        />
      ))}
      <div class="button-row">
        <button
          type="button"
          class="secondary small"
          onClick={() => set([...items, { field: 'firstTouch.channel', op: 'eq', value: 'paid_search' } as Condition])}
        >
          Add comparison
        </button>
        <button type="button" class="secondary small" onClick={() => set([...items, { any: [] } as Condition])}>
          Add group
        </button>
        <button
          type="button"
          class="secondary small"
          onClick={() => set([...items, { not: { field: 'email.isFree', op: 'is_true' } } as Condition])}
        >
          Add “not”
        </button>
      </div>
      {remove}
    </fieldset>
  );
}

/** The builder and its JSON side by side; valid JSON typed in the text area replaces the tree. */
export function ConditionBuilder({ value, onChange }: { value: Condition; onChange(c: Condition): void }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState('');
  const json = JSON.stringify(value, null, 2);
  return (
    <div class="condition-builder">
      <ConditionEditor c={value} onChange={(c) => (setText(null), onChange(c))} />
      <TextArea
        label="Condition as JSON"
        rows={6}
        value={text ?? json}
        error={error}
        onValue={(t) => {
          setText(t);
          try {
            onChange(JSON.parse(t) as Condition);
            setError('');
          } catch {
            setError('Not valid JSON yet.');
          }
        }}
      />
    </div>
  );
}
