/** One field of the form builder: type, label, key, required, options, help text; moved with buttons. */
import type { FormField } from '../api';
import { Checkbox, Select, TextArea, TextInput } from '../ui/field';

const TYPES = [
  'text',
  'email',
  'phone',
  'textarea',
  'select',
  'checkbox',
  'number',
  'hidden',
] as const satisfies readonly FormField['type'][];

export function FieldEditor({
  field,
  index,
  count,
  errorAt,
  onChange,
  onMove,
  onRemove,
}: {
  field: FormField;
  index: number;
  count: number;
  errorAt(path: string): string | undefined;
  onChange(f: FormField): void;
  onMove(to: number): void;
  onRemove(): void;
}) {
  const set = (patch: Partial<FormField>) => onChange({ ...field, ...patch });
  const options = (field.options ?? []).map((o) => o.label).join('\n');
  const setType = (type: string) => {
    const t = type as FormField['type'];
    const { options: _, ...rest } = field;
    onChange(
      t === 'select'
        ? { ...rest, type: t, options: field.options ?? [{ value: 'option_1', label: 'Option 1' }] }
        : { ...rest, type: t },
    );
  };
  const p = `fields.${index}`;
  return (
    <fieldset class="field-editor">
      <legend>
        Field {index + 1}: {field.label || field.key}
      </legend>
      <div class="row">
        <TextInput
          label="Label"
          value={field.label}
          onValue={(label) => set({ label })}
          error={errorAt(`${p}.label`)}
        />
        <TextInput
          label="Key"
          value={field.key}
          onValue={(key) => set({ key })}
          error={errorAt(`${p}.key`)}
          help="Stored with each lead"
        />
        <Select label="Type" value={field.type} onValue={setType} options={TYPES} />
      </div>
      <Checkbox label="Required" checked={field.required} onValue={(required) => set({ required })} />
      {field.type === 'select' && (
        <TextArea
          label="Options (one a line)"
          rows={3}
          value={options}
          error={errorAt(`${p}.options`)}
          onValue={(v) =>
            set({
              options: v
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean)
                .map((label) => ({
                  label,
                  value:
                    label
                      .toLowerCase()
                      .replace(/[^a-z0-9]+/g, '_')
                      .slice(0, 200) || label,
                })),
            })
          }
        />
      )}
      <TextInput label="Help text" value={field.helpText ?? ''} onValue={(v) => set({ helpText: v || undefined })} />
      <div class="button-row">
        <button type="button" class="secondary" disabled={index === 0} onClick={() => onMove(index - 1)}>
          Move up
        </button>
        <button type="button" class="secondary" disabled={index === count - 1} onClick={() => onMove(index + 1)}>
          Move down
        </button>
        <button type="button" class="danger" disabled={count === 1} onClick={onRemove}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}
