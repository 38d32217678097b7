/**
 * Attribution models: how a conversion's credit is shared among the touches of its journey. Pure
 * functions; the report runs the same rules in SQL (db/queries/attribution-report.ts), and a test
 * holds the two to the same answers.
 *
 * Every model gives each touch an integer weight, and money is split by those weights in integer
 * minor units with the largest-remainder method: each touch gets floor(amount × w / W), and the units
 * left over go one each to the largest remainders, ties to the earlier touch. So the credits of one
 * conversion always add up to its amount exactly.
 *
 * @example allocate(100, [1, 1, 1]) // [34, 33, 33]
 */
export const ATTRIBUTION_MODELS = ['first_touch', 'last_touch', 'linear', 'position_based', 'time_decay'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export const DEFAULT_HALF_LIFE_DAYS = 7;
/** Time-decay weights are 2^(−age / half-life) in millionths (at least 1): integers, so SQL and JS agree. */
export const DECAY_SCALE = 1_000_000;
const DAY_MS = 86_400_000;

export interface Touch {
  occurredAt: Date;
}

/** The journey a model credits: the touches at or before the conversion, in the order stored. */
export function creditedTouches<T extends Touch>(touches: readonly T[], convertedAt: Date): T[] {
  return touches.filter((t) => t.occurredAt.getTime() <= convertedAt.getTime());
}

/**
 * Integer weights of a journey's touches under a model. Position-based gives 40% to the first and
 * to the last touch and shares 20% among the middle ones (100% for one touch, 50/50 for two).
 */
export function weights(
  model: AttributionModel,
  touches: readonly Touch[],
  convertedAt: Date,
  halfLifeDays = DEFAULT_HALF_LIFE_DAYS,
): number[] {
  const n = touches.length;
  if (n === 0) return [];
  return touches.map((t, i) => {
    switch (model) {
      case 'first_touch':
        return i === 0 ? 1 : 0;
      case 'last_touch':
        return i === n - 1 ? 1 : 0;
      case 'linear':
        return 1;
      case 'position_based':
        if (n <= 2) return 1;
        return i === 0 || i === n - 1 ? 40 * (n - 2) : 20;
      case 'time_decay':
        return decayWeight(convertedAt.getTime() - t.occurredAt.getTime(), halfLifeDays);
    }
  });
}

export function decayWeight(ageMs: number, halfLifeDays: number): number {
  // floor(x + 0.5), not Math.round: the SQL side writes the same (its round() of a double rounds half to even).
  return Math.max(1, Math.floor(DECAY_SCALE * 2 ** (-ageMs / (halfLifeDays * DAY_MS)) + 0.5));
}

/**
 * Splits `amount` (integer minor units, may be 0) by integer weights with the largest remainder;
 * the parts add up to `amount` exactly. Ties go to the earlier touch.
 */
export function allocate(amount: number, ws: readonly number[]): number[] {
  const total = ws.reduce((a, b) => a + b, 0);
  if (ws.length === 0 || total === 0) return ws.map(() => 0);
  const a = BigInt(amount);
  const w = BigInt(total);
  const parts = ws.map((wi) => (a * BigInt(wi)) / w);
  const remainders = ws.map((wi, i) => ({ i, r: (a * BigInt(wi)) % w }));
  let left = Number(a - parts.reduce((x, y) => x + y, 0n));
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  const out = parts.map(Number);
  for (const { i } of remainders) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

/** Share of one conversion (a lead counted once) each touch gets: weights over their sum. */
export function shares(ws: readonly number[]): number[] {
  const total = ws.reduce((a, b) => a + b, 0);
  return ws.map((w) => (total === 0 ? 0 : w / total));
}

/** Credits of one journey: the counted share and each money amount split per touch. */
export function creditJourney<T extends Touch>(
  model: AttributionModel,
  journey: readonly T[],
  convertedAt: Date,
  money: Readonly<Record<string, number>>,
  halfLifeDays = DEFAULT_HALF_LIFE_DAYS,
): { touch: T; share: number; money: Record<string, number> }[] {
  const touches = creditedTouches(journey, convertedAt);
  const ws = weights(model, touches, convertedAt, halfLifeDays);
  const split = Object.fromEntries(Object.entries(money).map(([k, v]) => [k, allocate(v, ws)]));
  const s = shares(ws);
  return touches.map((touch, i) => ({
    touch,
    share: s[i]!,
    money: Object.fromEntries(Object.keys(money).map((k) => [k, split[k]![i]!])),
  }));
}
