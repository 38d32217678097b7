export const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const channelLabel = (c: string | null | undefined) => (c ? c.replace(/_/g, ' ') : '—');

/** What a lead is called in lists and headings: its name, else its email, else its id. */
export const leadName = (l: { id: string; values: Record<string, unknown> }) =>
  String(l.values.name ?? l.values.full_name ?? l.values.email ?? l.id);

/** "2 h 5 min", "3 d 4 h", "45 s". */
export function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export const percent = (x: number | null | undefined) => (x == null ? '—' : `${Math.round(x * 100)} %`);
export const num = (x: number | null | undefined, digits = 0) => (x == null ? '—' : x.toFixed(digits));

/** The channels a touch can have (kept in step with api/src/domain/lead-facts.ts by the type). */
export const CHANNELS = [
  'paid_search',
  'paid_social',
  'organic_search',
  'organic_social',
  'email',
  'referral',
  'direct',
] as const satisfies readonly import('../../api/src/domain/lead-facts').Channel[];
export const LEAD_STATUSES = ['open', 'waitlisted', 'won', 'lost', 'churned', 'spam'] as const;
