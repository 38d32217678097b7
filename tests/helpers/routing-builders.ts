/** Small builders for routing rules, actions and rep candidates in the routing unit tests. */
import type { Condition } from '../../api/src/domain/conditions';
import type { RepCandidate, RoutingAction, RoutingRule } from '../../api/src/domain/routing';
import { leadFacts } from './condition-arbitraries';

export const facts = leadFacts;
export const toTeam = (teamId: string): RoutingAction => ({
  teamId,
  strategy: 'round_robin',
  overflow: { kind: 'unassigned' },
});
export const rule = (
  id: string,
  position: number,
  condition: Condition,
  action: RoutingAction = toTeam(`team_${id}`),
  enabled = true,
): RoutingRule => ({
  id,
  position,
  name: `Rule ${id}`,
  condition,
  action,
  enabled,
});
export const rep = (id: string, position: number, over: Partial<RepCandidate> = {}): RepCandidate => ({
  id,
  position,
  weight: 1,
  active: true,
  openLeads: 0,
  maxOpenLeads: null,
  ...over,
});
export const eq = (field: string, value: string | number | boolean): Condition => ({ field, op: 'eq', value });
