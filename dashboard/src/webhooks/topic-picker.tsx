/** Which events an endpoint receives: everything, a family (`lead.*`), or single event types. */
import { KNOWN_TOPICS } from '../../../api/src/domain/webhook-topics';
import { Checkbox } from '../ui/field';

const FAMILIES = [...new Set(KNOWN_TOPICS.map((t) => t.split('.')[0]!))];

export function TopicPicker({
  value,
  onChange,
  disabled,
  legend = 'Topics',
}: {
  value: string[];
  onChange(v: string[]): void;
  disabled?: boolean;
  legend?: string;
}) {
  const all = value.includes('*');
  const toggle = (t: string, on: boolean) => onChange(on ? [...value, t] : value.filter((x) => x !== t));
  return (
    <fieldset disabled={disabled}>
      <legend>{legend}</legend>
      <Checkbox label="Every event (*)" checked={all} onValue={(on) => onChange(on ? ['*'] : [])} />
      {!all &&
        FAMILIES.map((f) => {
          const family = `${f}.*`;
          const whole = value.includes(family);
          return (
            <div class="topic-family" key={f}>
              <Checkbox
                label={`Every ${f} event (${family})`}
                checked={whole}
                onValue={(on) =>
                  onChange(
                    on ? [...value.filter((t) => !t.startsWith(`${f}.`)), family] : value.filter((t) => t !== family),
                  )
                }
              />
              {!whole && (
                <div class="row">
                  {KNOWN_TOPICS.filter((t) => t.startsWith(`${f}.`)).map((t) => (
                    <Checkbox key={t} label={t} checked={value.includes(t)} onValue={(on) => toggle(t, on)} />
                  ))}
                </div>
              )}
            </div>
          );
        })}
      {value.length === 0 && <p class="error">Choose at least one topic.</p>}
    </fieldset>
  );
}
