/**
 * Field paths: the names a condition uses to read a fact of the lead.
 *
 * | path | reads | kind |
 * |---|---|---|
 * | `form` | the form id | text |
 * | `values.<key>` | a submitted value (any key of the form) | any |
 * | `firstTouch.<part>`, `lastTouch.<part>` | `channel`, `source`, `medium`, `campaign`, `term`, `content`, `landingPage`, `referrer` | text |
 * | `email.address`, `email.domain` | derived from the first email field | text |
 * | `email.isFree` | free-mail domain (gmail.com …) | boolean |
 * | `country` | ISO 3166-1 alpha-2, derived from a country field | text |
 * | `team` | the team the lead was routed to | text |
 * | `quality.source`, `quality.campaign`, `quality.channel` | stored source quality score of the first touch's key | number |
 */
import { CHANNELS, type LeadFacts, type TouchFacts } from '../lead-facts';
import type { RawValue } from './values';

export const TOUCH_PARTS = [
  'channel',
  'source',
  'medium',
  'campaign',
  'term',
  'content',
  'landingPage',
  'referrer',
] as const satisfies ReadonlyArray<keyof TouchFacts>;
export type TouchPart = (typeof TOUCH_PARTS)[number];

/** What a field can hold, so that `gt` on `country` or `contains` on `email.isFree` is refused early. */
export type FieldKind = 'text' | 'boolean' | 'any';

export interface FieldSpec {
  path: string;
  kind: FieldKind;
  /** Reads the value from the facts; undefined when absent. */
  read: (facts: LeadFacts) => RawValue;
  /** When set, equality constants must be one of these (lower-case), e.g. the channel names. */
  knownValues?: ReadonlySet<string>;
}

/** Shown in validation messages, so a user sees every allowed shape at once. */
export const FIELD_PATHS_HELP =
  `form, values.<key>, firstTouch.<${TOUCH_PARTS.join('|')}>, lastTouch.<same>, ` +
  'email.address, email.domain, email.isFree, country, team, quality.<source|campaign|channel>';

// The same shape as a form field's key (see domain/fields.ts), so every field of a form is reachable.
const VALUE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const CHANNEL_NAMES: ReadonlySet<string> = new Set(CHANNELS);
const TOUCH_PART_SET: ReadonlySet<string> = new Set(TOUCH_PARTS);

const FIXED_FIELDS: Readonly<Record<string, Omit<FieldSpec, 'path'>>> = {
  form: { kind: 'text', read: (f) => f.formId },
  country: { kind: 'text', read: (f) => f.country },
  team: { kind: 'text', read: (f) => f.teamId },
  'email.address': { kind: 'text', read: (f) => f.email.address },
  'email.domain': { kind: 'text', read: (f) => f.email.domain },
  'email.isFree': { kind: 'boolean', read: (f) => f.email.isFree },
  // Net revenue per lead after churn (minor units), as the scheduler last stored it; null when unknown.
  'quality.source': { kind: 'any', read: (f) => f.quality?.source ?? null },
  'quality.campaign': { kind: 'any', read: (f) => f.quality?.campaign ?? null },
  'quality.channel': { kind: 'any', read: (f) => f.quality?.channel ?? null },
};

/**
 * Parses a field path, or returns null for an unknown shape.
 * @example parseFieldPath('firstTouch.source')?.read(facts) // → 'google' or null
 */
export function parseFieldPath(path: string): FieldSpec | null {
  const fixed = Object.hasOwn(FIXED_FIELDS, path) ? FIXED_FIELDS[path] : undefined;
  if (fixed) return { path, ...fixed };

  const dot = path.indexOf('.');
  if (dot < 0) return null;
  const head = path.slice(0, dot);
  const rest = path.slice(dot + 1);

  if (head === 'values') {
    if (!VALUE_KEY.test(rest)) return null;
    // Own properties only: a key such as `constructor` must not read Object.prototype.
    return { path, kind: 'any', read: (f) => (Object.hasOwn(f.values, rest) ? f.values[rest] : undefined) };
  }
  if ((head === 'firstTouch' || head === 'lastTouch') && TOUCH_PART_SET.has(rest)) {
    const part = rest as TouchPart;
    const read =
      head === 'firstTouch'
        ? (f: LeadFacts) => f.firstTouch?.[part] ?? null
        : (f: LeadFacts) => f.lastTouch?.[part] ?? null;
    return part === 'channel' ? { path, kind: 'text', read, knownValues: CHANNEL_NAMES } : { path, kind: 'text', read };
  }
  return null;
}
