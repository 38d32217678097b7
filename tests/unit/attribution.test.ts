import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  ATTRIBUTION_MODELS,
  creditJourney,
  weights,
  type AttributionModel,
} from '../../api/src/domain/attribution';

const conv = new Date('2026-11-30T00:00:00Z');
const at = (daysBefore: number) => ({ occurredAt: new Date(conv.getTime() - daysBefore * 86_400_000) });
const split = (model: AttributionModel, days: number[], amount: number, halfLife?: number) =>
  creditJourney(model, days.map(at), conv, { revenue: amount }, halfLife).map((c) => c.money.revenue);

describe('attribution models', () => {
  it('first, last and linear', () => {
    expect(split('first_touch', [3, 2, 1], 1000)).toEqual([1000, 0, 0]);
    expect(split('last_touch', [3, 2, 1], 1000)).toEqual([0, 0, 1000]);
    expect(split('linear', [3, 2, 1], 100)).toEqual([34, 33, 33]);
  });

  it('position-based: 40/20/40, 100% for one touch, 50/50 for two', () => {
    expect(split('position_based', [1], 999)).toEqual([999]);
    expect(split('position_based', [2, 1], 999)).toEqual([500, 499]);
    expect(split('position_based', [3, 2, 1], 1000)).toEqual([400, 200, 400]);
    expect(split('position_based', [4, 3, 2, 1], 1000)).toEqual([400, 100, 100, 400]);
  });

  it('time decay halves the weight every half-life (default 7 days)', () => {
    expect(weights('time_decay', [at(14), at(7), at(0)], conv)).toEqual([250_000, 500_000, 1_000_000]);
    expect(split('time_decay', [14, 7, 0], 700)).toEqual([100, 200, 400]);
    expect(split('time_decay', [2, 1, 0], 700, 1)).toEqual([100, 200, 400]);
  });

  it('leaves out touches after the conversion', () => {
    expect(split('last_touch', [2, 1, -1], 500)).toEqual([0, 500]);
    expect(creditJourney('linear', [at(-1)], conv, { revenue: 10 })).toEqual([]);
  });

  it('breaks ties of remainders deterministically: the earlier touch first', () => {
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
  });

  it('conserves money exactly for any journey, amount and model', () => {
    const journey = fc
      .array(fc.integer({ min: 0, max: 400 * 24 }), { minLength: 1, maxLength: 40 })
      .map((hours) =>
        [...hours].sort((a, b) => b - a).map((h) => ({ occurredAt: new Date(conv.getTime() - h * 3_600_000) })),
      );
    fc.assert(
      fc.property(
        fc.constantFrom(...ATTRIBUTION_MODELS),
        journey,
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 90 }),
        (model, touches, amount, halfLife) => {
          const credits = creditJourney(model, touches, conv, { revenue: amount }, halfLife);
          const parts = credits.map((c) => c.money.revenue!);
          expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          expect(credits.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
