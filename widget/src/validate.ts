/** The checks a visitor gets before sending; the server applies the same rules (api/src/domain/fields.ts). */
import type { PublicForm } from '../../api/src/contracts/public';

export type Field = PublicForm['fields'][number];
export type Values = Record<string, string | number | boolean | null>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{6,32}$/;

export function checkField(f: Field, v: Values[string] | undefined): string | null {
  const empty = v === undefined || v === null || v === '' || v === false;
  if (empty) return f.required ? (f.type === 'checkbox' ? 'Please check this box' : 'This field is required') : null;
  if (f.type === 'email' && !EMAIL.test(String(v).trim())) return 'Enter a valid email address';
  if (f.type === 'phone' && !PHONE.test(String(v).trim())) return 'Enter a valid phone number';
  if (f.type === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return 'Enter a number';
    if (f.min !== undefined && v < f.min) return `At least ${f.min}`;
    if (f.max !== undefined && v > f.max) return `At most ${f.max}`;
  }
  return null;
}

/** Values as the API expects them: numbers as numbers, empty optional values left out. */
export function toPayload(fields: Field[], values: Values): Values {
  const out: Values = {};
  for (const f of fields) {
    const v = values[f.key] ?? (f.type === 'hidden' ? (f.defaultValue ?? '') : undefined);
    if (v === undefined || v === '' || v === null) continue;
    out[f.key] = v;
  }
  return out;
}
