export const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const channelLabel = (c: string | null | undefined) => (c ? c.replace(/_/g, ' ') : '—');
