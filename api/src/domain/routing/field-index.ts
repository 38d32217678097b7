/**
 * The rules filed under one field, by the kind of test that covers them (cover.ts): exact values,
 * numeric ranges, text prefixes and suffixes, substrings (by one trigram). Every bucket lists rule orders ascending, because
 * the matcher merges buckets lazily in rule order (compile.ts).
 *
 * Values are read with the evaluator's own coercions (textOf, numberOf, booleanOf), so a rule is
 * found under a lead's value exactly when its covering test could pass.
 */
import { booleanOf, normalizeText, numberOf, textOf, type RawValue } from '../conditions';
import type { LeadFacts } from '../lead-facts';
import { MIN_SUBSTRING, type CoverAtom } from './cover';

/** At most this many bands per field: a range rule is filed in every band it overlaps. */
const MAX_BANDS = 64;

function push<K>(map: Map<K, number[]>, key: K, order: number): void {
  let bucket = map.get(key);
  if (!bucket) map.set(key, (bucket = []));
  // Rules arrive in ascending order; one filed twice under a key (`in ['a', 'A']`) is kept once.
  if (bucket[bucket.length - 1] !== order) bucket.push(order);
}

/** Number of sorted bounds ≤ x: the band x falls in. Monotone, which is all correctness needs. */
function bandOf(bounds: readonly number[], x: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class FieldIndex {
  private readonly texts = new Map<string, number[]>();
  private readonly numbers = new Map<number, number[]>();
  private readonly booleans = new Map<boolean, number[]>();
  private readonly affixes = { prefix: new Map<string, number[]>(), suffix: new Map<string, number[]>() };
  private affixLengths = { prefix: [] as number[], suffix: [] as number[] };
  private readonly ranges: Array<{ order: number; min: number; max: number }> = [];
  private bounds: number[] = [];
  private bands: number[][] = [];
  private readonly substrings: Array<{ order: number; text: string }> = [];
  /** Rules by one trigram of their `contains` text: the rarest among this field's texts. */
  private readonly grams = new Map<string, number[]>();

  constructor(readonly read: (facts: LeadFacts) => RawValue) {}

  /** Files rule `order` under one atom; call in ascending order, then `finish()` once. */
  add(atom: CoverAtom, order: number): void {
    if (atom.kind === 'equals') {
      for (const c of atom.constants) {
        if (typeof c === 'string') push(this.texts, normalizeText(c), order);
        else if (typeof c === 'number') push(this.numbers, c, order);
        else push(this.booleans, c, order);
      }
    } else if (atom.kind === 'range') {
      this.ranges.push({ order, min: atom.min, max: atom.max });
    } else if (atom.kind === 'substring') {
      this.substrings.push({ order, text: atom.text });
    } else if (atom.kind === 'prefix' || atom.kind === 'suffix') {
      push(this.affixes[atom.kind], atom.text, order);
    } else {
      throw new Error('a tuple atom belongs in a TupleIndex');
    }
  }

  /** Builds the range bands, the trigram buckets and the list of prefix/suffix lengths to probe. */
  finish(): void {
    this.fileSubstrings();
    for (const kind of ['prefix', 'suffix'] as const) {
      this.affixLengths[kind] = [...new Set([...this.affixes[kind].keys()].map((t) => t.length))].sort((a, b) => a - b);
    }
    if (this.ranges.length === 0) return;
    const ends = [...new Set(this.ranges.flatMap((r) => [r.min, r.max]).filter(Number.isFinite))].sort((a, b) => a - b);
    // Evenly spaced bounds among the rules' own endpoints, so bands hold similar numbers of rules.
    const step = Math.max(1, ends.length / (MAX_BANDS - 1));
    this.bounds =
      ends.length <= MAX_BANDS - 1
        ? ends
        : Array.from({ length: MAX_BANDS - 1 }, (_, i) => ends[Math.floor(i * step)]!);
    this.bands = Array.from({ length: this.bounds.length + 1 }, () => []);
    for (const { order, min, max } of this.ranges) {
      for (let band = bandOf(this.bounds, min); band <= bandOf(this.bounds, max); band++) {
        const bucket = this.bands[band]!;
        if (bucket[bucket.length - 1] !== order) bucket.push(order); // `any` of two ranges on one field
      }
    }
  }

  /**
   * A text contains a rule's text only if it contains each of its trigrams, so a rule filed under
   * any one of them is found by looking up every trigram of the lead's text. The rarest one keeps
   * buckets small (`partner17` is filed under `r17`, not under `par` with every other partner).
   */
  private fileSubstrings(): void {
    const gramsOf = (text: string) => {
      const grams = new Set<string>();
      for (let i = 0; i + MIN_SUBSTRING <= text.length; i++) grams.add(text.slice(i, i + MIN_SUBSTRING));
      return [...grams];
    };
    const frequency = new Map<string, number>();
    for (const { text } of this.substrings)
      for (const g of gramsOf(text)) frequency.set(g, (frequency.get(g) ?? 0) + 1);
    for (const { order, text } of this.substrings) {
      const rarest = gramsOf(text).reduce((a, b) => (frequency.get(b)! < frequency.get(a)! ? b : a));
      push(this.grams, rarest, order);
    }
  }

  /** Adds to `into` every bucket the lead's value falls in. Hot path: plain ifs, no closures. */
  collect(value: RawValue, into: (readonly number[])[]): void {
    const text = textOf(value);
    if (text === null) return; // missing: no covering test can pass
    let bucket: number[] | undefined;
    if (this.texts.size > 0 && (bucket = this.texts.get(text))) into.push(bucket);
    if (this.numbers.size > 0 || this.bands.length > 0) {
      const n = numberOf(value);
      if (n !== null) {
        if ((bucket = this.numbers.get(n))) into.push(bucket);
        if (this.bands.length > 0 && (bucket = this.bands[bandOf(this.bounds, n)]) && bucket.length > 0)
          into.push(bucket);
      }
    }
    if (this.booleans.size > 0) {
      const b = booleanOf(value);
      if (b !== null && (bucket = this.booleans.get(b))) into.push(bucket);
    }
    for (const length of this.affixLengths.prefix) {
      if (length > text.length) break;
      if ((bucket = this.affixes.prefix.get(text.slice(0, length)))) into.push(bucket);
    }
    for (const length of this.affixLengths.suffix) {
      if (length > text.length) break;
      if ((bucket = this.affixes.suffix.get(text.slice(text.length - length)))) into.push(bucket);
    }
    if (this.grams.size > 0) {
      // A repeated trigram brings its bucket twice; the merge in compile.ts skips repeats.
      for (let i = 0; i + MIN_SUBSTRING <= text.length; i++) {
        if ((bucket = this.grams.get(text.slice(i, i + MIN_SUBSTRING)))) into.push(bucket);
      }
    }
  }
}
