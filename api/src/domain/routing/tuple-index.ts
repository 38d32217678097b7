/**
 * The rules filed under a pair of fields' values (cover.ts's tuple atoms): for a conjunction of two
 * equalities, the pair is shared by far fewer rules than either value alone, so a lead of a busy
 * country only brings in the rules of its own country and state. Buckets list rule orders
 * ascending, like FieldIndex's.
 */
import { booleanOf, numberOf, textOf, type RawValue } from '../conditions';
import type { LeadFacts } from '../lead-facts';
import type { CoverAtom } from './cover';

/**
 * The value keys a lead value equals, one per reading (cover.ts valueKey): `' 5 '` is the text 5
 * and the number 5; `'yes'` the text yes and the boolean true. Missing: none.
 */
export function leadValueKeys(value: RawValue): string[] {
  const text = textOf(value);
  if (text === null) return [];
  const keys = [`t:${text}`];
  const n = numberOf(value);
  if (n !== null) keys.push(`n:${n}`);
  const b = booleanOf(value);
  if (b !== null) keys.push(`b:${b}`);
  return keys;
}

export class TupleIndex {
  private readonly pairs = new Map<string, Map<string, number[]>>();

  constructor(
    readonly readFirst: (facts: LeadFacts) => RawValue,
    readonly readSecond: (facts: LeadFacts) => RawValue,
  ) {}

  /** Files rule `order` under every pair of the atom's keys; call in ascending order. */
  add(atom: Extract<CoverAtom, { kind: 'tuple' }>, order: number): void {
    for (const first of atom.keys[0]) {
      let inner = this.pairs.get(first);
      if (!inner) this.pairs.set(first, (inner = new Map()));
      for (const second of atom.keys[1]) {
        let bucket = inner.get(second);
        if (!bucket) inner.set(second, (bucket = []));
        if (bucket[bucket.length - 1] !== order) bucket.push(order);
      }
    }
  }

  /** Adds to `into` the bucket of every pair of the lead's value keys. */
  collect(facts: LeadFacts, into: (readonly number[])[]): void {
    let seconds: string[] | null = null;
    for (const first of leadValueKeys(this.readFirst(facts))) {
      const inner = this.pairs.get(first);
      if (!inner) continue;
      seconds ??= leadValueKeys(this.readSecond(facts));
      for (const second of seconds) {
        const bucket = inner.get(second);
        if (bucket) into.push(bucket);
      }
    }
  }
}
