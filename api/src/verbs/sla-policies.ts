/**
 * Writes to a tenant's SLA policies. Each runs in one transaction that first takes the tenant's
 * SLA-policy lock (so places at the end and reorders never interleave), then checks the calendar
 * the policy measures time against, then writes.
 */
import type { UpdateSlaPolicyInput } from '../contracts/sla-policies';
import type { Database } from '../db/database';
import { lockBusinessCalendars } from '../db/queries/business-calendars';
import {
  findSlaPolicy,
  insertSlaPolicy,
  lockSlaPolicyOrder,
  updateSlaPolicy,
  type SlaPolicyInput,
  type SlaPolicyRow,
} from '../db/queries/sla-policies';
import { slaPolicies } from '../db/schema';
import type { SlaTargets } from '../domain/sla';
import { invalidFields, notFound, type FieldError } from '../errors';
import { reorder } from './reorder';

/**
 * Business time needs a calendar, and a calendar must be one of the tenant's (another tenant's id
 * answers like an unknown one). Locked (`key share`) until commit, so it cannot be deleted meanwhile.
 */
async function checkCalendar(
  tx: Database,
  tenantId: string,
  targets: SlaTargets,
  calendarId: string | null,
): Promise<void> {
  const errors: FieldError[] = [];
  if (calendarId === null) {
    if (targets.clock === 'business')
      errors.push({ path: 'calendarId', message: 'required when targets.clock is "business"' });
  } else if (!(await lockBusinessCalendars(tx, tenantId, [calendarId], 'key share')).has(calendarId)) {
    errors.push({ path: 'calendarId', message: 'not one of your business-hours calendars' });
  }
  if (errors.length > 0) throw invalidFields(errors);
}

export function createSlaPolicy(
  db: Database,
  tenantId: string,
  input: SlaPolicyInput,
  now: Date,
): Promise<SlaPolicyRow> {
  return db.transaction(async (tx) => {
    await lockSlaPolicyOrder(tx, tenantId);
    await checkCalendar(tx, tenantId, input.targets, input.calendarId);
    return insertSlaPolicy(tx, tenantId, input, now);
  });
}

/** The calendar rule is checked on the policy as it will be (a change to `targets` alone may need one). */
export function changeSlaPolicy(
  db: Database,
  tenantId: string,
  id: string,
  patch: UpdateSlaPolicyInput,
  now: Date,
): Promise<SlaPolicyRow> {
  return db.transaction(async (tx) => {
    await lockSlaPolicyOrder(tx, tenantId);
    const current = await findSlaPolicy(tx, tenantId, id);
    if (!current) throw notFound('SLA policy');
    const { escalation, ...rest } = patch;
    await checkCalendar(
      tx,
      tenantId,
      rest.targets ?? current.targets,
      rest.calendarId !== undefined ? rest.calendarId : current.calendarId,
    );
    const changes: Partial<SlaPolicyInput> = escalation
      ? { ...rest, escalation: { ...current.escalation, ...escalation } }
      : rest;
    const row = await updateSlaPolicy(tx, tenantId, id, changes, now);
    if (!row) throw notFound('SLA policy');
    return row;
  });
}

/** Positions become 0..n-1 in the order given; `ids` must hold each of the tenant's policies once. */
export function reorderSlaPolicies(db: Database, tenantId: string, ids: string[], now: Date): Promise<void> {
  return db.transaction(async (tx) => {
    await lockSlaPolicyOrder(tx, tenantId);
    await reorder(tx, slaPolicies, tenantId, ids, { one: 'SLA policy', all: 'SLA policies' }, now);
  });
}
