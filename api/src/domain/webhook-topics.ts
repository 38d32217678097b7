/**
 * Which events an endpoint subscribes to. A subscription lists event types (`lead.created`), a family
 * (`lead.*`), or everything (`["*"]`).
 *
 * @example topicMatches(['lead.*'], 'lead.assigned') // true
 */

/** The event types Inlet sends today (more may come; `*` and `family.*` subscriptions receive them too). */
export const KNOWN_TOPICS = [
  'lead.created',
  'lead.assigned',
  'lead.unassigned',
  'lead.sla_warning',
  'lead.sla_breached',
  'lead.stalled',
  'capacity.threshold',
  'capacity.closed',
  'capacity.reopened',
] as const;

export const TOPIC_PATTERN = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/;

export function topicMatches(subscriptions: readonly string[], topic: string): boolean {
  return subscriptions.some((s) => s === '*' || s === topic || (s.endsWith('.*') && topic.startsWith(s.slice(0, -1))));
}
