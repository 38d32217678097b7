/** Form controls with a visible label, help text and an error tied to the control (aria-describedby). */
import type { ComponentChildren, TextareaHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

interface Common {
  label: ComponentChildren;
  help?: ComponentChildren;
  error?: string;
  class?: string;
}

function Wrap({ id, label, help, error, class: cls, children }: Common & { id: string; children: ComponentChildren }) {
  return (
    <div class={`field ${cls ?? ''}`}>
      <label for={id}>{label}</label>
      {children}
      {help && (
        <div class="help" id={`${id}-h`}>
          {help}
        </div>
      )}
      {error && (
        <div class="error" id={`${id}-e`}>
          {error}
        </div>
      )}
    </div>
  );
}

const described = (id: string, c: Common) =>
  [c.help && `${id}-h`, c.error && `${id}-e`].filter(Boolean).join(' ') || undefined;

type InputProps = Common & {
  value: string | number;
  onValue(v: string): void;
  type?: string;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  min?: string;
  max?: string;
  step?: string;
  maxLength?: number;
  list?: string;
  autoComplete?: string;
  onBlur?(): void;
};

export function TextInput({ label, help, error, class: cls, value, onValue, ...rest }: InputProps) {
  const id = useId();
  return (
    <Wrap id={id} label={label} help={help} error={error} class={cls}>
      <input
        id={id}
        {...(rest as object)}
        value={value}
        aria-invalid={!!error}
        aria-describedby={described(id, { label, help, error })}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </Wrap>
  );
}

type AreaProps = Common &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'label' | 'onInput' | 'value'> & {
    value: string;
    onValue(v: string): void;
  };

export function TextArea({ label, help, error, class: cls, value, onValue, ...rest }: AreaProps) {
  const id = useId();
  return (
    <Wrap id={id} label={label} help={help} error={error} class={cls}>
      <textarea
        id={id}
        {...rest}
        value={value}
        aria-invalid={!!error}
        aria-describedby={described(id, { label, help, error })}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </Wrap>
  );
}

export type Option = string | [value: string, label: string];

type SelectProps = Common & {
  value: string;
  onValue(v: string): void;
  options: readonly Option[];
  disabled?: boolean;
  name?: string;
};

export function Select({ label, help, error, class: cls, value, onValue, options, disabled, name }: SelectProps) {
  const id = useId();
  return (
    <Wrap id={id} label={label} help={help} error={error} class={cls}>
      <select
        id={id}
        name={name}
        value={value}
        disabled={disabled}
        aria-describedby={described(id, { label, help, error })}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        {options.map((o) =>
          typeof o === 'string' ? <option value={o}>{o}</option> : <option value={o[0]}>{o[1]}</option>,
        )}
      </select>
    </Wrap>
  );
}

export function Checkbox({
  label,
  checked,
  onValue,
  help,
  disabled,
}: {
  label: ComponentChildren;
  checked: boolean;
  onValue(v: boolean): void;
  help?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div class="field check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={help ? `${id}-h` : undefined}
        onChange={(e) => onValue(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
      {help && (
        <div class="help" id={`${id}-h`}>
          {help}
        </div>
      )}
    </div>
  );
}
