/**
 * Form fields and the validation of submitted values against a form's own definition.
 * The same field list drives the widget's rendering and the server's check, so a visitor sees the
 * rules the server applies.
 */
import { z } from './zod';
import type { FieldValue } from './lead-facts';

export const FIELD_TYPES = ['text', 'email', 'phone', 'textarea', 'select', 'checkbox', 'number', 'hidden'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const DEFAULT_MAX_LENGTH: Record<FieldType, number> = {
  text: 500,
  email: 254,
  phone: 32,
  textarea: 5000,
  select: 200,
  checkbox: 0,
  number: 0,
  hidden: 1000,
};

const SelectOption = z.object({ value: z.string().min(1).max(200), label: z.string().min(1).max(200) });

export const FormField = z
  .object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'letters, digits and _ , starting with a letter, at most 64'),
    label: z.string().trim().min(1).max(200),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    placeholder: z.string().max(200).optional(),
    helpText: z.string().max(500).optional(),
    options: z.array(SelectOption).min(1).max(200).optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    defaultValue: z.string().max(1000).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'select' && !f.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a select field needs options' });
    if (f.type !== 'select' && f.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'only a select field takes options' });
    if (f.min !== undefined && f.max !== undefined && f.min > f.max)
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'min is above max' });
  });
export type FormField = z.infer<typeof FormField>;

export const FormFields = z
  .array(FormField)
  .min(1)
  .max(50)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate field key "${f.key}"` });
      seen.add(f.key);
    });
  });

// E.164-ish but forgiving of how people type: +, digits, spaces, dots, dashes, parentheses; 6–15 digits.
const PHONE = /^\+?[0-9 ().-]{6,32}$/;
const countDigits = (s: string) => s.replace(/\D/g, '').length;

function valueSchema(f: FormField): z.ZodType<FieldValue | undefined> {
  const max = f.maxLength ?? DEFAULT_MAX_LENGTH[f.type];
  const text = z.string().trim().max(max, `at most ${max} characters`);
  const requiredText = f.required ? text.min(1, 'required') : text;
  let s: z.ZodType<FieldValue>;
  switch (f.type) {
    case 'email':
      s = z
        .string()
        .trim()
        .toLowerCase()
        .pipe(
          f.required
            ? z.email('not a valid email address').max(max)
            : z.union([z.literal(''), z.email('not a valid email address').max(max)]),
        );
      break;
    case 'phone':
      s = requiredText.refine(
        (v) => v === '' || (PHONE.test(v) && countDigits(v) >= 6 && countDigits(v) <= 15),
        'not a valid phone number',
      );
      break;
    case 'select': {
      const allowed = new Set(f.options!.map((o) => o.value));
      s = requiredText.refine((v) => v === '' || allowed.has(v), 'not one of the options');
      break;
    }
    case 'checkbox':
      s = f.required ? z.literal(true, 'must be checked') : z.boolean();
      break;
    case 'number': {
      let n = z.number('must be a number').finite();
      if (f.min !== undefined) n = n.min(f.min, `at least ${f.min}`);
      if (f.max !== undefined) n = n.max(f.max, `at most ${f.max}`);
      s = f.required ? n : n.nullable();
      break;
    }
    default:
      s = requiredText;
  }
  return f.required ? s : s.optional();
}

/**
 * Builds the zod schema of a form's `values` object. Unknown keys are refused (a typo in a headless
 * client's key would otherwise lose data silently), whatever their name.
 * @example valuesSchema(fields).safeParse({ email: 'ada@example.com' })
 */
export function valuesSchema(fields: FormField[]) {
  const shape: Record<string, z.ZodType<FieldValue | undefined>> = {};
  for (const f of fields) shape[f.key] = valueSchema(f);
  // Read from a copy without a prototype: on a plain object an absent optional field named
  // `constructor` or `toString` would read as the inherited function and fail as "received function".
  return z.preprocess((v) => (isPlainRecord(v) ? Object.assign(Object.create(null), v) : v), z.strictObject(shape));
}

const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
