/** Turns rows into the API's JSON shapes (dates as ISO strings, no internal columns). */
import { formConsent, formTheme, type FormRow } from '../db/queries/forms';
import type { LeadRow, TouchpointRow } from '../db/queries/leads';
import type { leadEvents } from '../db/schema';
import { toMajorUnits } from '../domain/money';
import { slaViewState } from '../domain/sla-state';

const iso = (d: Date) => d.toISOString();

export function presentForm(f: FormRow, apiOrigin: string) {
  return {
    id: f.id,
    name: f.name,
    fields: f.fields,
    allowedOrigins: f.allowedOrigins,
    theme: formTheme(f),
    copy: f.copy,
    consent: formConsent(f),
    embed: `<script async src="${apiOrigin}/widget.js" data-form="${f.id}"></script>`,
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.updatedAt),
  };
}

/** `now`: the instant the SLA state is told at (the request's). */
export function presentLead(l: LeadRow, now: Date) {
  const slaState = slaViewState(l, now);
  return {
    id: l.id,
    formId: l.formId,
    visitorId: l.visitorId,
    values: l.values,
    status: l.status,
    teamId: l.teamId,
    ownerRepId: l.ownerRepId,
    assignedAt: l.assignedAt ? iso(l.assignedAt) : null,
    stage: l.stage,
    firstResponseAt: l.firstResponseAt ? iso(l.firstResponseAt) : null,
    closedAt: l.closedAt ? iso(l.closedAt) : null,
    wonAmount: l.wonAmountMinor === null || !l.currency ? null : toMajorUnits(l.wonAmountMinor, l.currency),
    wonAmountMinor: l.wonAmountMinor,
    currency: l.currency,
    stageEnteredAt: l.stageEnteredAt ? iso(l.stageEnteredAt) : null,
    stalledAt: l.stalledAt ? iso(l.stalledAt) : null,
    firstTouch: l.firstTouch
      ? presentTouchpoint({ ...l.firstTouch, occurredAt: new Date(l.firstTouch.occurredAt) })
      : null,
    lastTouch: l.lastTouch ? presentTouchpoint({ ...l.lastTouch, occurredAt: new Date(l.lastTouch.occurredAt) }) : null,
    sla:
      l.slaPolicyId && slaState
        ? {
            policyId: l.slaPolicyId,
            phase: l.slaPhase,
            dueAt: l.slaDueAt ? iso(l.slaDueAt) : null,
            state: slaState,
          }
        : null,
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
  };
}

/** Also used for the first/last touch kept on the lead row (jsonb does not keep key order). */
export function presentTouchpoint(
  t: Omit<TouchpointRow, 'id' | 'tenantId' | 'leadId' | 'visitorId' | 'formId' | 'position' | 'outcome' | 'demo'>,
) {
  return {
    occurredAt: iso(t.occurredAt),
    channel: t.channel,
    source: t.source,
    medium: t.medium,
    campaign: t.campaign,
    term: t.term,
    content: t.content,
    landingPage: t.landingPage,
    referrer: t.referrer,
    clickIds: t.clickIds,
  };
}

export function presentEvent(e: typeof leadEvents.$inferSelect) {
  return { id: e.id, type: e.type, data: e.data, actor: e.actor, occurredAt: iso(e.occurredAt) };
}
