/**
 * Touchpoints: where a visitor came from. The widget sends raw facts (page URL, referrer, time);
 * this module extracts UTM parameters and click ids and classifies the channel, so every client
 * (widget, headless API, server-side fallback) gets the same classification.
 */
import type { Channel, TouchFacts } from './lead-facts';
import { cutText, hasUnstorable, storableText } from './request-body';

export const CLICK_ID_PARAMS = ['gclid', 'fbclid', 'msclkid', 'li_fat_id', 'ttclid'] as const;
export type ClickIdParam = (typeof CLICK_ID_PARAMS)[number];

export interface RawTouch {
  url: string;
  referrer?: string | null;
  occurredAt: Date;
  /** Explicit UTM values from a headless client; they win over the URL's. */
  utm?: Partial<Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string>>;
}

export interface Touchpoint extends TouchFacts {
  occurredAt: Date;
  clickIds: Partial<Record<ClickIdParam, string>>;
}

const SEARCH_ENGINES = [
  'google',
  'bing',
  'duckduckgo',
  'yahoo',
  'baidu',
  'yandex',
  'ecosia',
  'brave',
  'startpage',
  'qwant',
  'naver',
  'seznam',
  'kagi',
];
const SOCIAL_NETWORKS = [
  'facebook',
  'fb',
  'instagram',
  'twitter',
  'x',
  't',
  'linkedin',
  'lnkd',
  'reddit',
  'youtube',
  'pinterest',
  'tiktok',
  'threads',
  'bsky',
  'mastodon',
  'snapchat',
  'quora',
  'ycombinator',
  'whatsapp',
  'telegram',
  'discord',
  'vk',
  'weibo',
  'xing',
];
const EMAIL_HOSTS = /^(mail\.google|outlook\.(live|office|office365)|mail\.yahoo|mail\.proton|app\.hey|mail\.aol)\./;
const EMAIL_SOURCES =
  /^(e-?mail|newsletter|mailchimp|hs_email|hubspot_email|klaviyo|sendgrid|substack|brevo|customer\.?io)$/;
const PAID_MEDIUMS =
  /^(cpc|ppc|cpm|cpv|cpa|paid|paid[_-]?search|paid[_-]?social|paidsocial|social[_-]?paid|sem|display|banner|ads?)$/;
const SOCIAL_MEDIUMS = /^(social|social[_-]?media|social[_-]?network|sm|organic[_-]?social)$/;

const MAX_TEXT = 2048;
// Cleaned as well as cut: text reaching here from a Referer header, or decoded from a query string,
// was never checked as the JSON body was (refuse what the client chose before: unstorableParam).
const clip = (s: string | null | undefined) => (s ? cutText(storableText(s).trim(), MAX_TEXT) || null : null);
const UTM_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

function parseUrl(s: string | null | undefined): URL | null {
  if (!s) return null;
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

/** `www.google.co.uk` → `google`; `l.facebook.com` → `facebook`; `t.co` → `t`. */
export function siteName(host: string): string {
  const parts = host
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.');
  if (parts.length <= 2) return parts[0] ?? host;
  // second-level public suffixes such as co.uk / com.au: take the label before them
  const sld = parts[parts.length - 2]!;
  const isCountrySld =
    ['co', 'com', 'org', 'net', 'ac', 'gov', 'ne', 'or'].includes(sld) && parts[parts.length - 1]!.length === 2;
  return isCountrySld ? parts[parts.length - 3]! : sld;
}

const isSearch = (name: string | null) => !!name && SEARCH_ENGINES.includes(name.toLowerCase());
const isSocial = (name: string | null) => !!name && SOCIAL_NETWORKS.includes(name.toLowerCase());

export function classifyChannel(t: {
  source: string | null;
  medium: string | null;
  clickIds: Partial<Record<ClickIdParam, string>>;
  referrerHost: string | null;
}): Channel {
  const medium = t.medium?.toLowerCase() ?? null;
  const source = t.source?.toLowerCase() ?? null;
  if (t.clickIds.gclid || t.clickIds.msclkid) return 'paid_search';
  if (t.clickIds.li_fat_id || t.clickIds.ttclid) return 'paid_social';
  if (medium) {
    if (PAID_MEDIUMS.test(medium)) return isSocial(source) || medium.includes('social') ? 'paid_social' : 'paid_search';
    if (medium === 'email' || medium === 'e-mail' || medium === 'newsletter') return 'email';
    if (SOCIAL_MEDIUMS.test(medium)) return 'organic_social';
    if (medium === 'organic') return isSocial(source) ? 'organic_social' : 'organic_search';
    if (medium === 'referral') return 'referral';
  }
  // Facebook appends fbclid to organic shares too, so alone it means social, not paid.
  if (t.clickIds.fbclid) return 'organic_social';
  if (source) {
    if (EMAIL_SOURCES.test(source)) return 'email';
    if (isSearch(source)) return 'organic_search';
    if (isSocial(source)) return 'organic_social';
    return 'referral';
  }
  if (t.referrerHost) {
    if (EMAIL_HOSTS.test(t.referrerHost)) return 'email';
    const name = siteName(t.referrerHost);
    if (isSearch(name)) return 'organic_search';
    if (isSocial(name)) return 'organic_social';
    return 'referral';
  }
  return 'direct';
}

/**
 * Turns a raw touch into a classified touchpoint.
 * @example parseTouch({ url: 'https://a.com/?utm_source=newsletter&utm_medium=email', occurredAt })
 *   // { channel: 'email', source: 'newsletter', medium: 'email', ... }
 */
export function parseTouch(raw: RawTouch): Touchpoint {
  const page = parseUrl(raw.url);
  const ref = parseUrl(raw.referrer);
  const q = page?.searchParams;
  const param = (k: string) => clip(q?.get(k));
  const clickIds: Partial<Record<ClickIdParam, string>> = {};
  for (const k of CLICK_ID_PARAMS) {
    const v = param(k);
    if (v) clickIds[k] = v;
  }
  // A referrer on the same site is navigation, not a source.
  const external = ref && (!page || ref.host !== page.host) ? ref : null;
  const utm = {
    source: clip(raw.utm?.source) ?? param('utm_source'),
    medium: clip(raw.utm?.medium) ?? param('utm_medium'),
    campaign: clip(raw.utm?.campaign) ?? param('utm_campaign'),
    term: clip(raw.utm?.term) ?? param('utm_term'),
    content: clip(raw.utm?.content) ?? param('utm_content'),
  };
  const channel = classifyChannel({
    source: utm.source,
    medium: utm.medium,
    clickIds,
    referrerHost: external?.host ?? null,
  });
  const source =
    utm.source ?? (external ? siteName(external.host) : clickIds.gclid ? 'google' : clickIds.msclkid ? 'bing' : null);
  return {
    occurredAt: raw.occurredAt,
    channel,
    source,
    medium: utm.medium,
    campaign: utm.campaign,
    term: utm.term,
    content: utm.content,
    landingPage: clip(raw.url),
    referrer: clip(raw.referrer),
    clickIds,
  };
}

/**
 * The first query parameter a touch keeps (UTM tags, click ids) whose decoded value Postgres cannot
 * store: `?utm_source=%00` decodes to a NUL that the JSON check never saw.
 * @example unstorableParam('https://a.com/?gclid=x%00') // 'gclid'
 */
export function unstorableParam(url: string): string | null {
  const q = parseUrl(url)?.searchParams;
  if (!q) return null;
  return [...UTM_PARAMS, ...CLICK_ID_PARAMS].find((k) => hasUnstorable(q.get(k) ?? '')) ?? null;
}

/** Orders touches by time; the first is the first touch, the last the last touch. */
export function orderTouches(touches: Touchpoint[]): Touchpoint[] {
  return [...touches].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

export function touchFacts(t: Touchpoint | undefined): TouchFacts | null {
  if (!t) return null;
  const { occurredAt: _o, clickIds: _c, ...facts } = t;
  return facts;
}
