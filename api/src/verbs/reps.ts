/**
 * Writes to reps that must agree with other rows: the team must be the tenant's (and must not be
 * deleted meanwhile), and a rep named by a routing rule keeps its team until the rule changes.
 */
import type { CreateRepInput, OutOfOffice, UpdateRepInput, WorkingHours } from '../contracts/reps';
import type { Database } from '../db/database';
import { deleteRep, findRep, insertRep, updateRep, type RepRow } from '../db/queries/reps';
import { readFallback, rulesReferencing } from '../db/queries/routing-rules';
import { lockTeams } from '../db/queries/teams';
import type { BusinessCalendar } from '../domain/business-hours';
import { ApiError, invalidFields, notFound } from '../errors';
import { namesRep } from './routing-references';

const storedHours = (h: WorkingHours | null): BusinessCalendar | null => h && { ...h, mode: 'business' };
const storedPeriods = (periods: OutOfOffice[]) =>
  periods.map((p) => ({ ...p, from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString() }));

async function lockTeamOrRefuse(tx: Database, tenantId: string, teamId: string): Promise<void> {
  const found = await lockTeams(tx, tenantId, [teamId], 'key share');
  if (!found.has(teamId)) throw invalidFields([{ path: 'teamId', message: 'not one of your teams' }]);
}

/** The rules and the fallback that name the rep; null when nothing does. */
async function namedBy(
  tx: Database,
  tenantId: string,
  repId: string,
): Promise<{ rules: { id: string; name: string }[]; fallback: boolean } | null> {
  const rules = await rulesReferencing(tx, tenantId, { repId });
  const fallback = namesRep(await readFallback(tx, tenantId), repId);
  return rules.length > 0 || fallback ? { rules, fallback } : null;
}

const describeNamers = (n: { rules: { id: string; name: string }[]; fallback: boolean }) =>
  [
    n.rules.length > 0 ? `routing rules ${n.rules.map((r) => `${r.id} "${r.name}"`).join(', ')}` : null,
    n.fallback ? 'the routing fallback' : null,
  ]
    .filter(Boolean)
    .join(' and ');

export function createRep(db: Database, tenantId: string, input: CreateRepInput, now: Date): Promise<RepRow> {
  return db.transaction(async (tx) => {
    await lockTeamOrRefuse(tx, tenantId, input.teamId);
    return insertRep(
      tx,
      tenantId,
      { ...input, workingHours: storedHours(input.workingHours), outOfOffice: storedPeriods(input.outOfOffice) },
      now,
    );
  });
}

export function changeRep(
  db: Database,
  tenantId: string,
  repId: string,
  input: UpdateRepInput,
  now: Date,
): Promise<RepRow> {
  const { workingHours, outOfOffice, ...rest } = input;
  const patch = {
    ...rest,
    ...(workingHours !== undefined ? { workingHours: storedHours(workingHours) } : {}),
    ...(outOfOffice !== undefined ? { outOfOffice: storedPeriods(outOfOffice) } : {}),
  };
  return db.transaction(async (tx) => {
    if (patch.teamId !== undefined) {
      // `update`, not the row lock an UPDATE takes: that one would not wait for rule writers' `key share`.
      const current = await findRep(tx, tenantId, repId, 'update');
      if (!current) throw notFound('rep');
      if (current.teamId !== patch.teamId) {
        await lockTeamOrRefuse(tx, tenantId, patch.teamId);
        const namers = await namedBy(tx, tenantId, repId);
        if (namers)
          throw new ApiError('conflict', `The rep cannot change team while ${describeNamers(namers)} name it.`, namers);
      }
    }
    const row = await updateRep(tx, tenantId, repId, patch, now);
    if (!row) throw notFound('rep');
    return row;
  });
}

export function removeRep(db: Database, tenantId: string, repId: string): Promise<void> {
  return db.transaction(async (tx) => {
    const rep = await findRep(tx, tenantId, repId, 'update');
    if (!rep) throw notFound('rep');
    const namers = await namedBy(tx, tenantId, repId);
    if (namers) throw new ApiError('conflict', `The rep is still named by ${describeNamers(namers)}.`, namers);
    // Deleting would leave these leads with an owner that no longer exists.
    if (rep.openLeads > 0) {
      throw new ApiError(
        'conflict',
        `The rep still owns ${rep.openLeads} open lead${rep.openLeads === 1 ? '' : 's'}: reassign them, or set active to false.`,
        {
          openLeads: rep.openLeads,
        },
      );
    }
    await deleteRep(tx, tenantId, repId);
  });
}
