/**
 * Builds the LeadFacts that rules look at from a lead's stored parts: the email (address, domain,
 * free-mail or business) from the first email field, the country from a `country` field.
 */
import { countryCode } from './country-codes';
import type { FieldValue, LeadFacts, TouchFacts } from './lead-facts';

/**
 * Free-mail providers: a lead from one of these is a person, not a company domain to match or
 * route by account. A compact built-in list, not a lookup service, because this runs inside the
 * submission transaction (no network call may delay or fail a lead), must give the same answer on
 * a replay, and only needs to catch the providers that carry most consumer mail. Customers can
 * refine with their own `email.domain in [...]` conditions.
 */
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'ymail.com',
  'rocketmail.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'fastmail.com',
  'tutanota.com',
  'tuta.io',
  'hey.com',
  'mail.com',
  'zoho.com',
  'zohomail.com',
  'web.de',
  't-online.de',
  'freenet.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'mail.ru',
  'inbox.ru',
  'bk.ru',
  'list.ru',
  'ukr.net',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'naver.com',
  'daum.net',
  'rediffmail.com',
]);
/** Providers with a domain per country: yahoo.co.uk, hotmail.fr, gmx.de, yandex.ru, outlook.de … */
const FREE_MAIL_FAMILIES: ReadonlySet<string> = new Set(['yahoo', 'hotmail', 'outlook', 'live', 'gmx', 'yandex']);
const COUNTRY_SUFFIX = /^(?:[a-z]{2,3}|(?:com?|net|org)\.[a-z]{2})$/; // de, com, co.uk, com.br

/**
 * True when the domain belongs to a free-mail provider.
 * @example isFreeMailDomain('yahoo.co.uk') // true
 * @example isFreeMailDomain('acme.com') // false
 */
export function isFreeMailDomain(domain: string): boolean {
  if (FREE_MAIL_DOMAINS.has(domain)) return true;
  const dot = domain.indexOf('.');
  return dot > 0 && FREE_MAIL_FAMILIES.has(domain.slice(0, dot)) && COUNTRY_SUFFIX.test(domain.slice(dot + 1));
}

const NO_EMAIL: LeadFacts['email'] = { address: null, domain: null, isFree: null };

/** Address and domain of an email value, lower-cased; NO_EMAIL when it is not an address. */
export function emailFacts(value: string): LeadFacts['email'] {
  const address = value.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0 || /\s/.test(address)) return NO_EMAIL;
  const domain = address.slice(at + 1).replace(/\.$/, '');
  if (!domain.includes('.') || domain.startsWith('.')) return NO_EMAIL;
  return { address, domain, isFree: isFreeMailDomain(domain) };
}

/** Keys of the field a country is read from, in order of preference. */
const COUNTRY_KEYS = ['country', 'country_code'] as const;

export interface DeriveFactsInput {
  formId: string;
  values: Readonly<Record<string, FieldValue | undefined>>;
  /** The form's fields; only `key` and `type` matter here. */
  fields: ReadonlyArray<{ key: string; type: string }>;
  firstTouch: TouchFacts | null;
  lastTouch: TouchFacts | null;
  teamId?: string | null;
}

/**
 * The facts rules see for a lead.
 * @example
 * deriveFacts({ formId: 'frm_1', values: { email: 'Ada@Gmail.com', country: 'Germany' },
 *   fields: [{ key: 'email', type: 'email' }], firstTouch: null, lastTouch: null })
 * // → { email: { address: 'ada@gmail.com', domain: 'gmail.com', isFree: true }, country: 'DE', … }
 */
export function deriveFacts(input: DeriveFactsInput): LeadFacts {
  const values: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(input.values)) if (value !== undefined) values[key] = value;

  let email = NO_EMAIL;
  for (const field of input.fields) {
    const value = Object.hasOwn(values, field.key) ? values[field.key] : undefined;
    if (field.type !== 'email' || typeof value !== 'string' || value.trim() === '') continue;
    email = emailFacts(value);
    break; // the first email field with a value decides, even when it is not a valid address
  }

  let country: string | null = null;
  for (const key of COUNTRY_KEYS) {
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    country = typeof value === 'string' ? countryCode(value) : null;
    if (country) break;
  }

  return {
    formId: input.formId,
    values,
    firstTouch: input.firstTouch,
    lastTouch: input.lastTouch,
    email,
    country,
    teamId: input.teamId ?? null,
  };
}
