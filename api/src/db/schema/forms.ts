import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { FormField } from '../../domain/fields';
import { tenantId, timestamps, ts } from './columns';

export interface FormTheme {
  primaryColor?: string;
  textColor?: string;
  backgroundColor?: string;
  borderRadius?: number;
  fontFamily?: string;
}

/** What the form's `consent` setting may be (the widget's `data-consent` modes); see the README. */
export type FormConsent = 'not_required' | 'implied_by_submit' | 'required';

/**
 * The theme column as stored: the theme, plus the form's `consent` setting, kept here until it has a
 * column of its own (it came without a migration); the API reads it apart (queries/forms.ts).
 */
export type StoredTheme = FormTheme & { consent?: FormConsent };

export interface FormCopy {
  title?: string;
  submitLabel?: string;
  successMessage?: string;
}

export const forms = pgTable(
  'forms',
  {
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    fields: jsonb('fields').$type<FormField[]>().notNull(),
    /** Exact origins (scheme://host[:port]); `https://*.example.com` allows subdomains. */
    allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull(),
    theme: jsonb('theme').$type<StoredTheme>().notNull().default({}),
    copy: jsonb('copy').$type<FormCopy>().notNull().default({}),
    ...timestamps,
    archivedAt: ts('archived_at'),
  },
  (t) => [index('forms_tenant_idx').on(t.tenantId, t.id)],
);
