/**
 * The teams and reps a routing action names must be the tenant's own. Checked inside the writing
 * transaction, with the rows locked (`key share`) until commit so a concurrent delete waits and
 * then sees the new reference.
 */
import type { Database } from '../db/database';
import { lockRepTeams } from '../db/queries/reps';
import { lockTeams } from '../db/queries/teams';
import type { RoutingAction } from '../domain/routing';
import { invalidFields, type FieldError } from '../errors';

/** The teams an action can send a lead to: its own, then its overflow team. */
function teamsOf(action: RoutingAction): string[] {
  return action.overflow.kind === 'next_team' ? [action.teamId, action.overflow.teamId] : [action.teamId];
}

export const sendsTo = (action: RoutingAction | null, teamId: string) => !!action && teamsOf(action).includes(teamId);
export const namesRep = (action: RoutingAction | null, repId: string) => action?.repId === repId;

/** @param at the body path of the action, for error paths (`['action']`, or `[]` when the body is the action). */
export async function checkActionReferences(
  tx: Database,
  tenantId: string,
  action: RoutingAction,
  at: string[],
): Promise<void> {
  const path = (...rest: string[]) => [...at, ...rest].join('.');
  const errors: FieldError[] = [];
  const teams = await lockTeams(tx, tenantId, teamsOf(action), 'key share');
  if (!teams.has(action.teamId)) errors.push({ path: path('teamId'), message: 'not one of your teams' });
  if (action.overflow.kind === 'next_team' && !teams.has(action.overflow.teamId)) {
    errors.push({ path: path('overflow', 'teamId'), message: 'not one of your teams' });
  }
  if (action.repId !== undefined) {
    const repTeam = (await lockRepTeams(tx, tenantId, [action.repId])).get(action.repId);
    if (repTeam === undefined) errors.push({ path: path('repId'), message: 'not one of your reps' });
    // The router looks for a named rep among the team's reps, so one from another team would never be found.
    else if (repTeam !== action.teamId)
      errors.push({ path: path('repId'), message: `the rep is not in team ${action.teamId}` });
  }
  if (errors.length > 0) throw invalidFields(errors);
}
