/**
 * Resource ids: a readable prefix and a ULID (48-bit millisecond time + 80 random bits, Crockford
 * base32). Time-ordered, so `ORDER BY id` is creation order and cursors can be plain ids.
 *
 * @example newId('lead', new Date()) // 'lead_01JD3Q5V7X9K2M4N6P8R0S2T4V'
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const ID_PREFIXES = {
  tenant: 'ten',
  apiKey: 'key',
  form: 'frm',
  lead: 'lead',
  visitor: 'vis',
  touchpoint: 'tp',
  event: 'evt',
  message: 'msg',
  team: 'team',
  rep: 'rep',
  rule: 'rule',
  calendar: 'cal',
  slaPolicy: 'sla',
  capacityPolicy: 'cap',
  endpoint: 'whe',
  delivery: 'dlv',
  stage: 'stg',
  revenue: 'rev',
  stripeConnection: 'stc',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

export function newId(kind: IdKind, now: Date = new Date()): string {
  return `${ID_PREFIXES[kind]}_${ulid(now.getTime())}`;
}

let lastMs = -1;
let lastRandom: number[] = [];

/**
 * Monotonic within a process: ids made in the same millisecond increment the random part, so they
 * still sort in creation order (as the ULID spec's monotonic mode does).
 */
export function ulid(ms: number): string {
  let t = Math.max(0, Math.floor(ms));
  let random: number[];
  if (t <= lastMs) {
    t = lastMs;
    random = increment(lastRandom);
  } else {
    random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b % 32);
    random[0] = random[0]! % 16; // head-room so increments never overflow in practice
  }
  lastMs = t;
  lastRandom = random;
  return encodeTime(t) + random.map((d) => ALPHABET[d]).join('');
}

function encodeTime(ms: number): string {
  let t = ms;
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time;
}

/**
 * The smallest id of this kind made at `at`: every id made earlier sorts below it, so a range over
 * the primary key finds old rows without an index on their time.
 * @example idBefore('message', new Date(0)) // 'msg_00000000000000000000000000'
 */
export function idBefore(kind: IdKind, at: Date): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(Math.max(0, Math.floor(at.getTime())))}${'0'.repeat(16)}`;
}

function increment(digits: number[]): number[] {
  const out = [...digits];
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i]! < 31) {
      out[i]!++;
      return out;
    }
    out[i] = 0;
  }
  return out;
}

/** Pattern of an id of the given kind, used to answer 400 (not a database error) for a malformed id. */
export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${ID_PREFIXES[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`);
}
