/** A time-zone picker: every IANA zone the browser knows, the current value kept even if it does not. */
import { Select } from './field';

let zones: string[] | undefined;
function allZones(): string[] {
  if (!zones) {
    const known = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    zones = known.includes('UTC') ? known : ['UTC', ...known];
  }
  return zones;
}

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function ZonePicker({
  label = 'Time zone',
  value,
  onValue,
  disabled,
}: {
  label?: string;
  value: string;
  onValue(v: string): void;
  disabled?: boolean;
}) {
  const list = allZones();
  return (
    <Select
      label={label}
      value={value}
      onValue={onValue}
      disabled={disabled}
      options={list.includes(value) ? list : [value, ...list]}
    />
  );
}
