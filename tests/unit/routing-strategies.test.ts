import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leastOpen, namedRep, roundRobin, smoothWeightedCycle, weightedRoundRobin } from '../../api/src/domain/routing';

const rep = (id: string, position: number, extra: { weight?: number; openLeads?: number } = {}) => ({
  id,
  position,
  weight: extra.weight ?? 1,
  openLeads: extra.openLeads ?? 0,
});
const tally = (ids: string[]) => ids.reduce<Record<string, number>>((t, id) => ({ ...t, [id]: (t[id] ?? 0) + 1 }), {});

describe('roundRobin', () => {
  it('gives 5 reps exactly 40 leads each over 200 consecutive counters', () => {
    const team = ['a', 'b', 'c', 'd', 'e'].map((id, i) => rep(id, i));
    const picks = Array.from({ length: 200 }, (_, i) => roundRobin(team, i + 1)!.id);
    expect(tally(picks)).toEqual({ a: 40, b: 40, c: 40, d: 40, e: 40 });
  });

  it('rotates in position order, then id, whatever order the reps arrive in', () => {
    const team = [rep('z', 1), rep('b', 0), rep('a', 1)];
    expect([1, 2, 3, 4].map((c) => roundRobin(team, c)!.id)).toEqual(['b', 'a', 'z', 'b']);
  });

  it('gives each rep exactly one lead in any n consecutive counters, from any start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: -1000, max: 1_000_000 }), (n, start) => {
        const team = Array.from({ length: n }, (_, i) => rep(`r${i}`, i));
        const picks = Array.from({ length: n }, (_, i) => roundRobin(team, start + i)!.id);
        return new Set(picks).size === n;
      }),
    );
  });

  it('picks nobody from an empty list', () => {
    expect(roundRobin([], 7)).toBeNull();
  });
});

describe('weightedRoundRobin', () => {
  const team = [rep('a', 0, { weight: 3 }), rep('b', 1, { weight: 2 }), rep('c', 2, { weight: 1 })];

  it('interleaves 3:2:1 as a b a c b a, not a a a b b c', () => {
    expect([1, 2, 3, 4, 5, 6].map((c) => weightedRoundRobin(team, c)!.id)).toEqual(['a', 'b', 'a', 'c', 'b', 'a']);
  });

  it('keeps 3:2:1 exactly over every whole cycle, wherever the window starts', () => {
    for (let start = 1; start <= 60; start++) {
      const picks = Array.from({ length: 6 }, (_, i) => weightedRoundRobin(team, start + i)!.id);
      expect(tally(picks), `from counter ${start}`).toEqual({ a: 3, b: 2, c: 1 });
    }
  });

  it('gives every rep exactly its weight in any window of sum(weights) counters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 8 }),
        fc.nat(100_000),
        (weights, start) => {
          const reps = weights.map((w, i) => rep(`r${i}`, i, { weight: w }));
          const divisor = weights.reduce((g, w) => {
            let [x, y] = [g, w];
            while (y) [x, y] = [y, x % y];
            return x;
          }, 0);
          const cycle = weights.reduce((s, w) => s + w, 0) / divisor;
          const counts = tally(Array.from({ length: cycle }, (_, i) => weightedRoundRobin(reps, start + i)!.id));
          return reps.every((r) => counts[r.id] === r.weight / divisor);
        },
      ),
    );
  });

  it('spreads picks: within a cycle no rep gets two ahead of or behind its exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 8 }), (weights) => {
        const cycle = smoothWeightedCycle(weights);
        const total = weights.reduce((s, w) => s + w, 0);
        const seen = weights.map(() => 0);
        return cycle.every((i, k) => {
          seen[i]!++;
          return weights.every((w, j) => Math.abs(seen[j]! - ((k + 1) * w) / total) < 2);
        });
      }),
    );
  });

  it('reduces weights by their gcd, so 4:2 cycles like 2:1', () => {
    expect(smoothWeightedCycle([4, 2])).toEqual([0, 1, 0]);
  });

  it('leaves reps with weight 0 out and picks nobody when every weight is 0', () => {
    const withZero = [rep('a', 0, { weight: 0 }), rep('b', 1, { weight: 1 })];
    expect(Array.from({ length: 5 }, (_, i) => weightedRoundRobin(withZero, i + 1)!.id)).toEqual([
      'b',
      'b',
      'b',
      'b',
      'b',
    ]);
    expect(weightedRoundRobin([rep('a', 0, { weight: 0 })], 1)).toBeNull();
  });
});

describe('leastOpen', () => {
  it('picks the rep with the fewest open leads', () => {
    expect(
      leastOpen([rep('a', 0, { openLeads: 3 }), rep('b', 1, { openLeads: 1 }), rep('c', 2, { openLeads: 2 })])!.id,
    ).toBe('b');
  });

  it('rotates ties with the counter, and without one takes the first in rotation order', () => {
    const tied = [rep('c', 2, { openLeads: 1 }), rep('a', 0, { openLeads: 1 }), rep('b', 1, { openLeads: 5 })];
    expect([1, 2, 3].map((c) => leastOpen(tied, c)!.id)).toEqual(['a', 'c', 'a']);
    expect(leastOpen(tied)!.id).toBe('a');
  });

  it('picks nobody from an empty list', () => {
    expect(leastOpen([], 1)).toBeNull();
  });
});

describe('namedRep', () => {
  it('picks the named rep only when it is among the eligible', () => {
    const team = [rep('a', 0), rep('b', 1)];
    expect(namedRep(team, 'b')!.id).toBe('b');
    expect(namedRep(team, 'x')).toBeNull();
  });
});
