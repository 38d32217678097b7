/**
 * Distribution strategies: pure pickers over reps already known to be available. Rotation is
 * driven by a counter the database increments atomically per team (`UPDATE … SET counter =
 * counter + 1 RETURNING counter`), so concurrent submissions each get their own number and the
 * rotation stays exact under any interleaving: 200 counters over 5 reps give 40 leads each.
 */

export interface Rotating {
  id: string;
  /** The rep's place in the team's rotation (ties broken by id). */
  position: number;
}

/** Rotation order: position, then id, so every caller sees the same sequence. */
export function byRotationOrder(a: Rotating, b: Rotating): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The counter as an index into n slots; the first counter (1) picks slot 0. */
function slot(counter: number, n: number): number {
  const c = Math.trunc(counter) - 1;
  return ((c % n) + n) % n;
}

/**
 * Plain round robin.
 * @example roundRobin([{ id: 'a', position: 0 }, { id: 'b', position: 1 }], 3)?.id // 'a'
 */
export function roundRobin<T extends Rotating>(eligible: readonly T[], counter: number): T | null {
  if (eligible.length === 0) return null;
  return [...eligible].sort(byRotationOrder)[slot(counter, eligible.length)]!;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Weights above this count as this, bounding a cycle to MAX_WEIGHT × reps steps. */
export const MAX_WEIGHT = 1000;

const cycleCache = new Map<string, readonly number[]>();
const MAX_CACHED_CYCLES = 64;

/**
 * The smooth weighted round-robin sequence (nginx's algorithm) over one whole cycle: each step adds
 * every weight to its running score, picks the highest (first on ties) and subtracts the total
 * from it. Each index appears exactly `weights[i]` times per cycle (after dividing by the weights'
 * gcd), spread out: weights 3:2:1 give 0 1 0 2 1 0, not 0 0 0 1 1 2.
 * @example smoothWeightedCycle([3, 2, 1]) // [0, 1, 0, 2, 1, 0]
 */
export function smoothWeightedCycle(weights: readonly number[]): readonly number[] {
  const key = weights.join(',');
  const cached = cycleCache.get(key);
  if (cached) return cached;

  const divisor = weights.reduce((g, w) => gcd(g, w), 0) || 1;
  const reduced = weights.map((w) => w / divisor);
  const total = reduced.reduce((s, w) => s + w, 0);
  const score = reduced.map(() => 0);
  const cycle: number[] = [];
  for (let step = 0; step < total; step++) {
    let best = 0;
    for (let i = 0; i < reduced.length; i++) {
      score[i]! += reduced[i]!;
      if (score[i]! > score[best]!) best = i;
    }
    score[best]! -= total;
    cycle.push(best);
  }
  // Eligible sets change with working hours; keep the recent ones, not every one ever seen.
  if (cycleCache.size >= MAX_CACHED_CYCLES) cycleCache.delete(cycleCache.keys().next().value!);
  cycleCache.set(key, cycle);
  return cycle;
}

/**
 * Weighted round robin: over every whole cycle of sum(weights) counters each rep gets exactly its
 * weight, interleaved (as long as the set of available reps stays the same). Weights are whole
 * numbers up to MAX_WEIGHT; a rep with weight 0 gets no leads from this strategy, and when every
 * weight is 0 nobody is picked.
 * @example weightedRoundRobin([{ id: 'a', position: 0, weight: 2 }, { id: 'b', position: 1, weight: 1 }], 2)?.id // 'b'
 */
export function weightedRoundRobin<T extends Rotating & { weight: number }>(
  eligible: readonly T[],
  counter: number,
): T | null {
  const weighted = eligible
    .map((rep) => ({
      rep,
      weight: Number.isFinite(rep.weight) ? Math.min(MAX_WEIGHT, Math.max(0, Math.floor(rep.weight))) : 0,
    }))
    .filter((w) => w.weight > 0)
    .sort((a, b) => byRotationOrder(a.rep, b.rep));
  if (weighted.length === 0) return null;
  const cycle = smoothWeightedCycle(weighted.map((w) => w.weight));
  return weighted[cycle[slot(counter, cycle.length)]!]!.rep;
}

/**
 * The rep with the fewest open leads. Ties rotate with the counter (so a quiet team does not send
 * every lead to its first rep); without a counter the first in rotation order wins.
 * @example leastOpen([{ id: 'a', position: 0, openLeads: 4 }, { id: 'b', position: 1, openLeads: 2 }])?.id // 'b'
 */
export function leastOpen<T extends Rotating & { openLeads: number }>(
  eligible: readonly T[],
  counter?: number,
): T | null {
  if (eligible.length === 0) return null;
  const fewest = Math.min(...eligible.map((r) => r.openLeads));
  const tied = eligible.filter((r) => r.openLeads === fewest).sort(byRotationOrder);
  return tied[counter === undefined ? 0 : slot(counter, tied.length)]!;
}

/**
 * The named rep, when among the eligible.
 * @example namedRep([{ id: 'a', position: 0 }], 'a')?.id // 'a'
 */
export function namedRep<T extends Rotating>(eligible: readonly T[], repId: string): T | null {
  return eligible.find((r) => r.id === repId) ?? null;
}
