/**
 * What the widget is shown, kept a few seconds per form: the widget asks on every page load, and
 * computing availability is a few queries. The decision at submit never reads this. Entries are
 * dropped when a policy changes and when a policy's forms fill up or reopen, so a sibling form of a
 * shared policy does not keep saying "open" (other Workers isolates catch up within CACHE_MS).
 */
import type { Availability } from '../domain/capacity';

const CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;
const cache = new Map<string, { at: number; value: Availability }>();

export function cachedAvailability(formId: string, now: Date): Availability | null {
  const hit = cache.get(formId);
  return hit && now.getTime() - hit.at < CACHE_MS && now.getTime() >= hit.at ? hit.value : null;
}

export function rememberAvailability(formId: string, value: Availability, now: Date): void {
  if (cache.size > MAX_ENTRIES) cache.clear();
  cache.set(formId, { at: now.getTime(), value });
}

export function forgetAvailability(...formIds: string[]): void {
  for (const id of formIds) cache.delete(id);
}
