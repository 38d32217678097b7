/** Deleting a team: refused while anything would still send leads to it. */
import type { Database } from '../db/database';
import { readFallback, rulesReferencing } from '../db/queries/routing-rules';
import { capacityPoliciesOfTeam } from '../db/queries/capacity-policies';
import { countTeamReps, deleteTeam, lockTeams } from '../db/queries/teams';
import { ApiError, notFound } from '../errors';
import { sendsTo } from './routing-references';

export function removeTeam(db: Database, tenantId: string, teamId: string): Promise<void> {
  return db.transaction(async (tx) => {
    // `update` waits for writers that hold `key share` on the team (a rep joining it, a rule naming
    // it) and makes new ones wait, so what is counted below stays true until the delete commits.
    const locked = await lockTeams(tx, tenantId, [teamId], 'update');
    if (!locked.has(teamId)) throw notFound('team');
    const reps = await countTeamReps(tx, tenantId, teamId);
    const rules = await rulesReferencing(tx, tenantId, { teamId });
    const fallback = sendsTo(await readFallback(tx, tenantId), teamId);
    const capacityPolicies = await capacityPoliciesOfTeam(tx, tenantId, teamId);
    if (reps > 0 || rules.length > 0 || fallback || capacityPolicies.length > 0) {
      const reasons = [
        reps > 0 ? `it has ${reps} rep${reps === 1 ? '' : 's'} (move or delete them)` : null,
        rules.length > 0
          ? `routing rules send leads to it (${rules.map((r) => `${r.id} "${r.name}"`).join(', ')})`
          : null,
        fallback ? 'the routing fallback sends leads to it' : null,
        capacityPolicies.length > 0
          ? `capacity policies count its capacity (${capacityPolicies.map((p) => `${p.id} "${p.name}"`).join(', ')})`
          : null,
      ].filter(Boolean);
      throw new ApiError('conflict', `The team is still in use: ${reasons.join('; ')}.`, {
        reps,
        rules,
        fallback,
        capacityPolicies,
      });
    }
    await deleteTeam(tx, tenantId, teamId);
  });
}
