/**
 * The checks a visitor gets before anything is sent: required fields and email shape. Everything
 * else (phone shape, number ranges, options, lengths) the server checks against the same field
 * definitions and answers per field, so the rules live in one place (api/src/domain/fields.ts).
 */
import type { PublicForm } from '../../api/src/contracts/public';

export type Field = PublicForm['fields'][number];
export type Values = Record<string, string | number | boolean | null>;

export function checkField(f: Field, v: Values[string] | undefined): string | null {
  if (v == null || v === '' || v === false) return f.required ? 'This field is required' : null;
  return f.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(v).trim())
    ? 'Enter a valid email address'
    : null;
}

/** Values as the API expects them: hidden fields with their default, empty optional values left out. */
export function toPayload(fields: Field[], values: Values): Values {
  const out: Values = {};
  for (const f of fields) {
    const v = values[f.key] ?? (f.type === 'hidden' ? f.defaultValue : undefined);
    if (v != null && v !== '') out[f.key] = v;
  }
  return out;
}
