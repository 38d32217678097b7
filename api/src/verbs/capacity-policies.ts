/**
 * Writes to capacity policies: the form and team a policy names must be the tenant's own, a
 * team-derived limit needs its team, and a form has at most one policy (409 naming the one it has).
 */
import type { Database } from '../db/database';
import {
  findCapacityPolicy,
  findCapacityPolicyOfForm,
  insertCapacityPolicy,
  updateCapacityPolicy,
  type CapacityPolicyInput,
  type CapacityPolicyRow,
} from '../db/queries/capacity-policies';
import { findForm } from '../db/queries/forms';
import { lockTeams } from '../db/queries/teams';
import { ApiError, type FieldError } from '../errors';
import { invalidFields } from './routing-references';

const noSuchPolicy = () => new ApiError('not_found', 'No such capacity policy.');

function formTaken(formId: string, existing: CapacityPolicyRow | null): ApiError {
  const which = existing ? `: ${existing.id} "${existing.name}" (change that one, or delete it first)` : '';
  return new ApiError('conflict', `Form ${formId} already has a capacity policy${which}.`, {
    policy: existing ? { id: existing.id, name: existing.name } : null,
  });
}

/** Checks the references that changed; the team is locked (`key share`) until commit, as routing does. */
async function checkReferences(tx: Database, tenantId: string, next: CapacityPolicyInput, changed: { formId: boolean; teamId: boolean }) {
  const errors: FieldError[] = [];
  if (changed.formId && !(await findForm(tx, tenantId, next.formId))) errors.push({ path: 'formId', message: 'not one of your forms' });
  if (next.teamId === null) {
    if (next.policy.teamDerived) errors.push({ path: 'teamId', message: 'required when policy.teamDerived is true' });
  } else if (changed.teamId && !(await lockTeams(tx, tenantId, [next.teamId], 'key share')).has(next.teamId)) {
    errors.push({ path: 'teamId', message: 'not one of your teams' });
  }
  if (errors.length > 0) throw invalidFields(errors);
}

/** Postgres' unique_violation, however the driver wraps it. */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export function createCapacityPolicy(db: Database, tenantId: string, input: CapacityPolicyInput, now: Date): Promise<CapacityPolicyRow> {
  return db.transaction(async (tx) => {
    await checkReferences(tx, tenantId, input, { formId: true, teamId: true });
    // ON CONFLICT DO NOTHING waits for a concurrent insert for the same form, then yields nothing.
    const row = await insertCapacityPolicy(tx, tenantId, input, now);
    if (!row) throw formTaken(input.formId, await findCapacityPolicyOfForm(tx, tenantId, input.formId));
    return row;
  });
}

export async function changeCapacityPolicy(db: Database, tenantId: string, id: string, patch: Partial<CapacityPolicyInput>, now: Date): Promise<CapacityPolicyRow> {
  try {
    return await db.transaction(async (tx) => {
      const current = await findCapacityPolicy(tx, tenantId, id);
      if (!current) throw noSuchPolicy();
      const next = { ...current, ...patch };
      await checkReferences(tx, tenantId, next, { formId: next.formId !== current.formId, teamId: next.teamId !== current.teamId });
      if (next.formId !== current.formId) {
        const existing = await findCapacityPolicyOfForm(tx, tenantId, next.formId);
        if (existing) throw formTaken(next.formId, existing);
      }
      const row = await updateCapacityPolicy(tx, tenantId, id, patch, now);
      if (!row) throw noSuchPolicy();
      return row;
    });
  } catch (err) {
    // Another policy took the form between the check above and the update.
    if (patch.formId && isUniqueViolation(err)) throw formTaken(patch.formId, await findCapacityPolicyOfForm(db, tenantId, patch.formId));
    throw err;
  }
}
