import { describe, expect, it } from 'vitest';
import { FormFields, valuesSchema, type FormField } from '../../api/src/domain/fields';

const fields = (list: Partial<FormField>[]) => FormFields.parse(list);
const check = (defs: Partial<FormField>[], values: unknown) => valuesSchema(fields(defs)).safeParse(values);

describe('form field definitions', () => {
  it('requires options on a select and only there', () => {
    expect(FormFields.safeParse([{ key: 'a', label: 'A', type: 'select' }]).success).toBe(false);
    expect(
      FormFields.safeParse([{ key: 'a', label: 'A', type: 'text', options: [{ value: 'x', label: 'X' }] }]).success,
    ).toBe(false);
  });
  it('refuses duplicate keys, bad keys and empty lists', () => {
    expect(
      FormFields.safeParse([
        { key: 'a', label: 'A', type: 'text' },
        { key: 'a', label: 'B', type: 'text' },
      ]).success,
    ).toBe(false);
    expect(FormFields.safeParse([{ key: '1a', label: 'A', type: 'text' }]).success).toBe(false);
    expect(FormFields.safeParse([{ key: 'a-b', label: 'A', type: 'text' }]).success).toBe(false);
    expect(FormFields.safeParse([]).success).toBe(false);
  });
});

describe('submitted values', () => {
  it('trims text and lower-cases email', () => {
    const r = check(
      [
        { key: 'name', label: 'N', type: 'text', required: true },
        { key: 'email', label: 'E', type: 'email', required: true },
      ],
      { name: '  Ada ', email: ' ADA@Example.com ' },
    );
    expect(r.success && r.data).toEqual({ name: 'Ada', email: 'ada@example.com' });
  });
  it('treats whitespace-only as missing for a required field', () => {
    expect(check([{ key: 'name', label: 'N', type: 'text', required: true }], { name: '   ' }).success).toBe(false);
  });
  it('allows an optional email to be empty but not malformed', () => {
    const defs = [{ key: 'email', label: 'E', type: 'email' as const }];
    expect(check(defs, { email: '' }).success).toBe(true);
    expect(check(defs, {}).success).toBe(true);
    expect(check(defs, { email: 'nope' }).success).toBe(false);
  });
  it.each([
    ['+1 (415) 555-0100', true],
    ['020 7946 0958', true],
    ['+44.20.7946.0958', true],
    ['12345', false],
    ['555-CALL-NOW', false],
    ['+1234567890123456', false],
  ])('phone %s valid: %s', (phone, ok) =>
    expect(check([{ key: 'p', label: 'P', type: 'phone' }], { p: phone }).success).toBe(ok),
  );
  it('checks numbers against min and max and refuses numeric strings', () => {
    const defs = [{ key: 'n', label: 'N', type: 'number' as const, min: 1, max: 10 }];
    expect(check(defs, { n: 5 }).success).toBe(true);
    expect(check(defs, { n: 0 }).success).toBe(false);
    expect(check(defs, { n: 11 }).success).toBe(false);
    expect(check(defs, { n: '5' }).success).toBe(false);
  });
  it('requires a required checkbox to be checked', () => {
    const defs = [{ key: 'c', label: 'C', type: 'checkbox' as const, required: true }];
    expect(check(defs, { c: true }).success).toBe(true);
    expect(check(defs, { c: false }).success).toBe(false);
  });
  it('accepts only listed options for a select', () => {
    const defs = [{ key: 's', label: 'S', type: 'select' as const, options: [{ value: 'a', label: 'A' }] }];
    expect(check(defs, { s: 'a' }).success).toBe(true);
    expect(check(defs, { s: 'b' }).success).toBe(false);
  });
  it('enforces the length limit, default or set', () => {
    expect(check([{ key: 't', label: 'T', type: 'text' }], { t: 'x'.repeat(501) }).success).toBe(false);
    expect(check([{ key: 't', label: 'T', type: 'text', maxLength: 3 }], { t: 'abcd' }).success).toBe(false);
    expect(check([{ key: 't', label: 'T', type: 'textarea' }], { t: 'x'.repeat(5000) }).success).toBe(true);
  });
  it('refuses keys the form does not define', () => {
    expect(check([{ key: 'a', label: 'A', type: 'text' }], { a: 'x', b: 'y' }).success).toBe(false);
  });
});
