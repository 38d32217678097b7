/**
 * Demand a form sees, including what it turned away: views counted by the widget's config request
 * (per local day, availability shown, and source), and the touchpoint of every refused view or
 * submission of a full form (no personal data: no values, no visitor id).
 */
import { lt, sql } from 'drizzle-orm';
import type { Availability as PublicAvailability } from '../contracts/public';
import type { Database } from '../db/database';
import type { FormRow, PublicFormRow } from '../db/queries/forms';
import { formViewVisitors, formViews, touchpoints } from '../db/schema';
import { localDay, type Availability } from '../domain/capacity';
import { sha256Hex } from '../domain/crypto';
import { newId } from '../domain/ids';
import { cutText } from '../domain/request-body';
import { parseTouch, type Touchpoint } from '../domain/touchpoints';
import { cachedAvailability, rememberAvailability } from './availability-cache';
import { currentAvailability } from './capacity-gate';

/** What the widget is told: the gate's `remaining` stays on the server. */
export function publicAvailability(a: Availability): PublicAvailability {
  const { remaining: _r, ...shown } = a;
  return shown;
}

export async function recordRefusedTouch(
  db: Database,
  form: FormRow,
  touch: Touchpoint,
  now: Date,
  outcome: 'refused' | 'refused_view' = 'refused',
) {
  await db.insert(touchpoints).values({
    id: newId('touchpoint', now),
    tenantId: form.tenantId,
    formId: form.id,
    leadId: null,
    visitorId: null,
    outcome,
    position: 0,
    ...touch,
  });
}

export async function availabilityForView(db: Database, form: FormRow, now: Date): Promise<Availability> {
  const hit = cachedAvailability(form.id, now);
  if (hit) return hit;
  const { availability } = await currentAvailability(db, form.tenantId, form.id, now);
  rememberAvailability(form.id, availability, now);
  return availability;
}

/** Campaign and source values a view keeps: enough for any real campaign name, bounded for a crafted one. */
const VIEW_TEXT_MAX = 200;

/**
 * Counts one view of the form, once per visitor, form and local day (reloads and request loops add
 * nothing); a counted view of a full (closed or redirecting) form also keeps its touchpoint as
 * refused demand. `page` and `referrer` are the visitor's last touch, sent by the widget; `visitor`
 * the key it is counted under (see viewerKey). Answers whether the view was counted.
 */
export async function recordView(
  db: Database,
  form: PublicFormRow,
  shown: Availability,
  visit: { page: string | null; referrer: string | null; visitor: string },
  now: Date,
): Promise<boolean> {
  const parsed = parseTouch({ url: visit.page ?? '', referrer: visit.referrer, occurredAt: now });
  const touch = { ...parsed, source: cut(parsed.source), medium: cut(parsed.medium), campaign: cut(parsed.campaign) };
  const day = localDay(form.timeZone, now);
  return db.transaction(async (tx) => {
    const first = await tx
      .insert(formViewVisitors)
      .values({ tenantId: form.tenantId, formId: form.id, day, visitor: visit.visitor })
      .onConflictDoNothing()
      .returning({ day: formViewVisitors.day });
    if (first.length === 0) return false;
    await tx
      .insert(formViews)
      .values({
        tenantId: form.tenantId,
        formId: form.id,
        day,
        state: shown.state,
        channel: touch.channel,
        campaign: touch.campaign ?? '',
        views: 1,
      })
      .onConflictDoUpdate({
        target: [formViews.formId, formViews.day, formViews.state, formViews.channel, formViews.campaign],
        set: { views: sql`${formViews.views} + 1` },
      });
    if (shown.state === 'closed' || shown.state === 'redirect')
      await recordRefusedTouch(tx, form, touch, now, 'refused_view');
    return true;
  });
}

const cut = (s: string | null | undefined) => (s ? cutText(s, VIEW_TEXT_MAX) : (s ?? null));

/**
 * The key a view is counted under: the widget's visitor id when it sent a well-formed one, else a
 * hash of the client's address group, so a script without cookies counts once a day per address
 * while the address itself is never stored.
 */
export async function viewerKey(visitorId: string | undefined, clientGroup: string, formId: string): Promise<string> {
  if (visitorId && VISITOR_ID.test(visitorId)) return `v:${visitorId}`;
  return `a:${(await sha256Hex(`${formId}:${clientGroup}`)).slice(0, 32)}`;
}
const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Forgets who was counted on days no zone is still in (the counts themselves stay in form_views). */
export async function forgetViewVisitors(db: Database, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - 2 * 24 * 3600_000).toISOString().slice(0, 10);
  await db.delete(formViewVisitors).where(lt(formViewVisitors.day, cutoff));
}
