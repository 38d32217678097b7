export const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const channelLabel = (c: string | null | undefined) => (c ? c.replace(/_/g, ' ') : '—');

/** What a lead is called in lists and headings: its name, else its email, else its id. */
export const leadName = (l: { id: string; values: Record<string, unknown> }) =>
  String(l.values.name ?? l.values.full_name ?? l.values.email ?? l.id);
