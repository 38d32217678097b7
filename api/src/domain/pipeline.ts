/**
 * A workspace's pipeline: stages with a stable key, a kind (open, won, lost), whether reaching them
 * counts as qualified, and an optional stall limit. Pure rules; the verbs apply them.
 */
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface StageSpec {
  key: string;
  name: string;
  kind: StageKind;
  countsAsQualified: boolean;
  stallDays: number | null;
  entryCriteria: string | null;
}

/** What a new workspace starts with: a short B2B funnel the customer renames or extends. */
export const DEFAULT_PIPELINE: readonly StageSpec[] = [
  {
    key: 'new',
    name: 'New',
    kind: 'open',
    countsAsQualified: false,
    stallDays: null,
    entryCriteria: 'A lead that has not been qualified yet.',
  },
  {
    key: 'qualified',
    name: 'Qualified',
    kind: 'open',
    countsAsQualified: true,
    stallDays: 14,
    entryCriteria: 'Need, budget and a decision maker confirmed.',
  },
  {
    key: 'proposal',
    name: 'Proposal',
    kind: 'open',
    countsAsQualified: true,
    stallDays: 14,
    entryCriteria: 'A proposal or quote has been sent.',
  },
  {
    key: 'won',
    name: 'Won',
    kind: 'won',
    countsAsQualified: true,
    stallDays: null,
    entryCriteria: 'The customer signed or paid.',
  },
  { key: 'lost', name: 'Lost', kind: 'lost', countsAsQualified: false, stallDays: null, entryCriteria: null },
];

/** Keys new stages take: lower-case letters, digits, `_` and `-`, starting with a letter or digit. */
export const STAGE_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * A key from a stage's name when none is given.
 * @example stageKeyFromName('Demo booked!') // 'demo_booked'
 */
export function stageKeyFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return slug || 'stage';
}

const DAY_MS = 86_400_000;

/**
 * When the scheduler must look at a lead that entered a stage at `enteredAt`: the end of the stall
 * limit, or never (no limit, or a won or lost stage: a closed lead cannot stall).
 */
export function stallCheckAt(stage: Pick<StageSpec, 'kind' | 'stallDays'> | null, enteredAt: Date): Date | null {
  if (stage?.kind !== 'open' || stage.stallDays === null) return null;
  return new Date(enteredAt.getTime() + stage.stallDays * DAY_MS);
}

/** The lead event a move into a stage of this kind records besides `stage_changed`. */
export const closingEventOf = (kind: StageKind): 'won' | 'lost' | null => (kind === 'open' ? null : kind);
