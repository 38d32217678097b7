/**
 * Writes to capacity policies: the forms and team a policy names must be the tenant's own, a
 * team-derived limit needs its team, and a form is gated by at most one policy (409 naming the
 * policy that has it). A policy may gate several forms: they share its window limit.
 */
import type { Database } from '../db/database';
import {
  attachForms,
  deleteCapacityPolicy,
  detachFormsExcept,
  findCapacityPolicy,
  insertCapacityPolicy,
  policiesGatingForms,
  updateCapacityPolicy,
  type CapacityPolicyInput,
  type CapacityPolicyRow,
} from '../db/queries/capacity-policies';
import { liveFormIds } from '../db/queries/forms';
import { lockTeams } from '../db/queries/teams';
import { ApiError, invalidFields, notFound, type FieldError } from '../errors';
import { forgetAvailability } from './availability-cache';

async function formsTaken(tx: Database, tenantId: string, formIds: string[], policyId: string): Promise<ApiError> {
  const holders = await policiesGatingForms(tx, tenantId, formIds, policyId);
  const which = holders.map((h) => `${h.formId} (${h.id} "${h.name}")`).join(', ');
  return new ApiError(
    'conflict',
    `A form has one capacity policy, and these already have one: ${which}. Change that policy, or take the form out of it first.`,
    {
      forms: holders.map((h) => ({ formId: h.formId, policy: { id: h.id, name: h.name } })),
    },
  );
}

/** Checks the references that changed; the team is locked (`key share`) until commit, as routing does. */
async function checkReferences(
  tx: Database,
  tenantId: string,
  next: CapacityPolicyInput,
  changed: { formIds: string[]; teamId: boolean },
) {
  const errors: FieldError[] = [];
  const live = await liveFormIds(tx, tenantId, changed.formIds);
  for (const id of changed.formIds)
    if (!live.has(id)) errors.push({ path: `formIds.${next.formIds.indexOf(id)}`, message: 'not one of your forms' });
  if (next.teamId === null) {
    if (next.policy.teamDerived) errors.push({ path: 'teamId', message: 'required when policy.teamDerived is true' });
  } else if (changed.teamId && !(await lockTeams(tx, tenantId, [next.teamId], 'key share')).has(next.teamId)) {
    errors.push({ path: 'teamId', message: 'not one of your teams' });
  }
  if (errors.length > 0) throw invalidFields(errors);
}

export async function createCapacityPolicy(
  db: Database,
  tenantId: string,
  input: CapacityPolicyInput,
  now: Date,
): Promise<CapacityPolicyRow> {
  const { formIds, ...settings } = input;
  const policy = await db.transaction(async (tx) => {
    await checkReferences(tx, tenantId, input, { formIds, teamId: true });
    const id = await insertCapacityPolicy(tx, tenantId, settings, now);
    const taken = await attachForms(tx, tenantId, id, formIds);
    if (taken.length > 0) throw await formsTaken(tx, tenantId, taken, id);
    return (await findCapacityPolicy(tx, tenantId, id))!;
  });
  forgetAvailability(...policy.formIds);
  return policy;
}

/** `formIds`, when given, is the whole new list: forms left out are no longer gated by this policy. */
export async function changeCapacityPolicy(
  db: Database,
  tenantId: string,
  id: string,
  patch: Partial<CapacityPolicyInput>,
  now: Date,
): Promise<CapacityPolicyRow> {
  const { formIds, ...settings } = patch;
  const { policy, detached } = await db.transaction(async (tx) => {
    const current = await findCapacityPolicy(tx, tenantId, id);
    if (!current) throw notFound('capacity policy');
    const next = { ...current, ...patch };
    const added = next.formIds.filter((f) => !current.formIds.includes(f));
    await checkReferences(tx, tenantId, next, { formIds: added, teamId: next.teamId !== current.teamId });
    await updateCapacityPolicy(tx, tenantId, id, settings, now);
    const detached = formIds ? await detachFormsExcept(tx, tenantId, id, formIds) : [];
    const taken = await attachForms(tx, tenantId, id, added);
    if (taken.length > 0) throw await formsTaken(tx, tenantId, taken, id);
    return { policy: (await findCapacityPolicy(tx, tenantId, id))!, detached };
  });
  forgetAvailability(...policy.formIds, ...detached);
  return policy;
}

/** Deletes the policy; its forms are no longer gated. */
export async function removeCapacityPolicy(db: Database, tenantId: string, id: string): Promise<void> {
  const formIds = await db.transaction(async (tx) => {
    const policy = await findCapacityPolicy(tx, tenantId, id);
    if (!policy) throw notFound('capacity policy');
    await deleteCapacityPolicy(tx, tenantId, id);
    return policy.formIds;
  });
  forgetAvailability(...formIds);
}
