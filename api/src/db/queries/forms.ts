import { and, desc, eq, getTableColumns, inArray, isNull, lt, sql } from 'drizzle-orm';
import { newId } from '../../domain/ids';
import type { Database } from '../database';
import { forms, tenants, type FormConsent, type FormCopy, type FormTheme } from '../schema';
import type { FormField } from '../../domain/fields';

export type FormRow = typeof forms.$inferSelect;

export interface FormInput {
  name: string;
  fields: FormField[];
  allowedOrigins: string[];
  theme?: FormTheme;
  copy?: FormCopy;
  consent?: FormConsent;
}

/** The form's consent setting (default: the page's tag decides alone). */
export const formConsent = (f: FormRow): FormConsent => f.theme.consent ?? 'not_required';

/** The theme without the consent setting stored beside it. */
export function formTheme(f: FormRow): FormTheme {
  const { consent: _, ...theme } = f.theme;
  return theme;
}

export async function insertForm(db: Database, tenantId: string, input: FormInput, now: Date): Promise<FormRow> {
  const [row] = await db
    .insert(forms)
    .values({
      id: newId('form', now),
      tenantId,
      name: input.name,
      fields: input.fields,
      allowedOrigins: input.allowedOrigins,
      theme: input.consent ? { ...input.theme, consent: input.consent } : (input.theme ?? {}),
      copy: input.copy ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/** A live form of this tenant, or null (another tenant's form is null too). */
export async function findForm(db: Database, tenantId: string, formId: string): Promise<FormRow | null> {
  const [row] = await db
    .select()
    .from(forms)
    .where(and(eq(forms.tenantId, tenantId), eq(forms.id, formId), isNull(forms.archivedAt)))
    .limit(1);
  return row ?? null;
}

/** Which of these ids are live forms of this tenant. */
export async function liveFormIds(db: Database, tenantId: string, formIds: string[]): Promise<Set<string>> {
  if (formIds.length === 0) return new Set();
  const rows = await db
    .select({ id: forms.id })
    .from(forms)
    .where(and(eq(forms.tenantId, tenantId), inArray(forms.id, formIds), isNull(forms.archivedAt)));
  return new Set(rows.map((r) => r.id));
}

/** A form as the public side loads it: with its tenant's time zone (views are counted by local day). */
export type PublicFormRow = FormRow & { timeZone: string };

/** The public side knows only the form id; the tenant comes from the form. */
export async function findPublicForm(db: Database, formId: string): Promise<PublicFormRow | null> {
  const [row] = await db
    .select({
      ...getTableColumns(forms),
      timeZone: sql<string>`(select ${tenants.timeZone} from ${tenants} where ${tenants.id} = ${forms.tenantId})`,
    })
    .from(forms)
    .where(and(eq(forms.id, formId), isNull(forms.archivedAt)))
    .limit(1);
  return row ?? null;
}

export async function listForms(db: Database, tenantId: string, page: { limit: number; cursor?: string }) {
  return db
    .select()
    .from(forms)
    .where(
      and(eq(forms.tenantId, tenantId), isNull(forms.archivedAt), page.cursor ? lt(forms.id, page.cursor) : undefined),
    )
    .orderBy(desc(forms.id))
    .limit(page.limit + 1);
}

export async function updateForm(db: Database, tenantId: string, formId: string, patch: Partial<FormInput>, now: Date) {
  const { theme, consent, ...rest } = patch;
  // A new theme keeps the stored consent setting, a new consent setting keeps the stored theme.
  const base = theme === undefined ? sql`${forms.theme}` : sql`${JSON.stringify(theme)}::jsonb`;
  const kept =
    consent === undefined
      ? sql`jsonb_strip_nulls(jsonb_build_object('consent', ${forms.theme}->'consent'))`
      : sql`jsonb_build_object('consent', ${consent}::text)`;
  const [row] = await db
    .update(forms)
    .set({
      ...rest,
      ...(theme !== undefined || consent !== undefined ? { theme: sql`(${base} - 'consent') || ${kept}` } : {}),
      updatedAt: now,
    })
    .where(and(eq(forms.tenantId, tenantId), eq(forms.id, formId), isNull(forms.archivedAt)))
    .returning();
  return row ?? null;
}

export async function archiveForm(db: Database, tenantId: string, formId: string, now: Date) {
  const [row] = await db
    .update(forms)
    .set({ archivedAt: now, updatedAt: now })
    .where(and(eq(forms.tenantId, tenantId), eq(forms.id, formId), isNull(forms.archivedAt)))
    .returning({ id: forms.id });
  return !!row;
}
