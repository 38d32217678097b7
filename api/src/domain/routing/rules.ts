/**
 * Routing rules as the customer writes them: ordered, each a condition and an action sending the
 * lead to a team with a distribution strategy, and where to go when nobody in that team can take it.
 */
import { z } from '../zod';
import { Condition } from '../conditions';
import { byRotationOrder } from './strategies';

export const STRATEGIES = ['round_robin', 'weighted_round_robin', 'least_open', 'named_rep'] as const;
export const Strategy = z.enum(STRATEGIES);
export type Strategy = z.infer<typeof Strategy>;

const Id = z.string().min(1).max(64);

/** Where a lead goes when no rep of the rule's team is available. */
export const Overflow = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('next_team'), teamId: Id }),
  z.strictObject({ kind: z.literal('unassigned') }),
]);
export type Overflow = z.infer<typeof Overflow>;

/**
 * What a matched rule (or the fallback route) does with a lead.
 * @example { "teamId": "team_emea", "strategy": "weighted_round_robin", "ownerMatching": true,
 *            "overflow": { "kind": "next_team", "teamId": "team_global" } }
 */
export const RoutingAction = z
  .strictObject({
    teamId: Id,
    strategy: Strategy,
    /** The rep for `named_rep`; refused with other strategies. */
    repId: Id.optional(),
    /** Send a lead whose email or company domain matches an earlier lead to that lead's owner. */
    ownerMatching: z.boolean().optional(),
    /**
     * SLA-aware: among available reps, only those working until the lead's first-response due time;
     * when nobody is, the rep who can answer soonest (even one whose shift has not started).
     */
    slaAware: z.boolean().optional(),
    overflow: Overflow.default({ kind: 'unassigned' }),
  })
  .superRefine((a, ctx) => {
    if (a.strategy === 'named_rep' && a.repId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['repId'], message: "'named_rep' needs the repId of the rep" });
    }
    if (a.strategy !== 'named_rep' && a.repId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['repId'], message: "repId is only used with the 'named_rep' strategy" });
    }
    if (a.overflow.kind === 'next_team' && a.overflow.teamId === a.teamId) {
      ctx.addIssue({
        code: 'custom',
        path: ['overflow', 'teamId'],
        message: 'the overflow team must differ from the rule team',
      });
    }
  });
export type RoutingAction = z.infer<typeof RoutingAction>;

/**
 * A routing rule. Rules are tried by ascending `position` (ties by `id`, so the order is total);
 * the first enabled rule whose condition holds decides.
 */
export const RoutingRule = z.strictObject({
  id: Id,
  position: z.number().int().min(0),
  name: z.string().trim().min(1).max(200),
  condition: Condition,
  action: RoutingAction,
  enabled: z.boolean(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

/** Orders rules as the engine tries them: position, then id (the order reps rotate in, too). */
export const compareRules: (
  a: Pick<RoutingRule, 'position' | 'id'>,
  b: Pick<RoutingRule, 'position' | 'id'>,
) => number = byRotationOrder;
