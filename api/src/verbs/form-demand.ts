/**
 * Demand a form sees, including what it turned away: views counted by the widget's config request
 * (per local day, availability shown, and source), and the touchpoint of every refused view or
 * submission of a full form (no personal data: no values, no visitor id).
 */
import { sql } from 'drizzle-orm';
import type { Availability as PublicAvailability } from '../contracts/public';
import type { Database } from '../db/database';
import type { FormRow, PublicFormRow } from '../db/queries/forms';
import { formViews, touchpoints } from '../db/schema';
import { localDay, type Availability } from '../domain/capacity';
import { newId } from '../domain/ids';
import { parseTouch, type Touchpoint } from '../domain/touchpoints';
import { cachedAvailability, rememberAvailability } from './availability-cache';
import { currentAvailability } from './capacity-gate';

/** What the widget is told: the gate's `remaining` stays on the server. */
export function publicAvailability(a: Availability): PublicAvailability {
  const { remaining: _r, ...shown } = a;
  return shown;
}

export async function recordRefusedTouch(db: Database, form: FormRow, touch: Touchpoint, now: Date, outcome: 'refused' | 'refused_view' = 'refused') {
  await db.insert(touchpoints).values({ id: newId('touchpoint', now), tenantId: form.tenantId, formId: form.id, leadId: null, visitorId: null, outcome, position: 0, ...touch });
}

export async function availabilityForView(db: Database, form: FormRow, now: Date): Promise<Availability> {
  const hit = cachedAvailability(form.id, now);
  if (hit) return hit;
  const { availability } = await currentAvailability(db, form.tenantId, form.id, now);
  rememberAvailability(form.id, availability, now);
  return availability;
}

/**
 * Counts one view of the form; a view of a full (closed or redirecting) form also keeps its
 * touchpoint as refused demand. `page` and `referrer` are the visitor's last touch, sent by the widget.
 */
export async function recordView(db: Database, form: PublicFormRow, shown: Availability, visit: { page: string | null; referrer: string | null }, now: Date) {
  const touch = parseTouch({ url: visit.page ?? '', referrer: visit.referrer, occurredAt: now });
  await db
    .insert(formViews)
    .values({ tenantId: form.tenantId, formId: form.id, day: localDay(form.timeZone, now), state: shown.state, channel: touch.channel, campaign: touch.campaign ?? '', views: 1 })
    .onConflictDoUpdate({
      target: [formViews.formId, formViews.day, formViews.state, formViews.channel, formViews.campaign],
      set: { views: sql`${formViews.views} + 1` },
    });
  if (shown.state === 'closed' || shown.state === 'redirect') await recordRefusedTouch(db, form, touch, now, 'refused_view');
}
