/**
 * Owner matching (lead-to-account, as LeanData does it): a lead from a company that already has a
 * lead goes to that lead's owner, when the owner can take it. Companies are recognized by email
 * domain; people on free mail (gmail.com …) share a domain with millions of strangers, so they are
 * matched by their own address only.
 */
import type { LeadFacts } from '../lead-facts';
import { skipReasonOf, type RepCandidate, type SkipReason } from './candidates';

export type OwnerMatchKey = { by: 'domain'; domain: string } | { by: 'email'; address: string };

/**
 * What to look up earlier leads by, or null when the lead has no usable email.
 * @example ownerMatchKey(factsFor('ada@acme.com'))   // { by: 'domain', domain: 'acme.com' }
 * @example ownerMatchKey(factsFor('ada@gmail.com'))  // { by: 'email', address: 'ada@gmail.com' }
 */
export function ownerMatchKey(facts: LeadFacts): OwnerMatchKey | null {
  const { address, domain, isFree } = facts.email;
  if (domain !== null && isFree === false) return { by: 'domain', domain };
  if (address !== null) return { by: 'email', address };
  return null;
}

/** The owner of the matched earlier lead, annotated like any candidate, with the team they are in. */
export type OwnerCandidate = RepCandidate & { teamId: string };

export interface OwnerCheck {
  repId: string;
  teamId: string;
  outcome: 'chosen' | SkipReason;
}

/**
 * Whether the owner takes the lead: yes when available; otherwise the reason, and routing goes on.
 * @example checkOwner({ ...rep, teamId: 'team_emea' }) // { repId, teamId, outcome: 'chosen' }
 */
export function checkOwner(owner: OwnerCandidate): OwnerCheck {
  return { repId: owner.id, teamId: owner.teamId, outcome: skipReasonOf(owner) ?? 'chosen' };
}
