/**
 * Records where the visitor came from, on every page the script runs on, in first-party storage.
 * A new touch starts when the URL carries campaign parameters or click ids, when the visitor arrives
 * from another site, or when 30 minutes passed since the last page (a new session, as analytics
 * tools count them). Plain navigation inside the site only keeps the session alive.
 * Without storage consent (consent.ts) the touches of this page live in memory only, and under
 * `required` they are not sent either; a grant stores them, a withdrawal deletes what was stored.
 */
import { granted, mayShare } from './consent';
import { load, randomId, remove, save } from './storage';

export interface Touch {
  url: string;
  referrer: string;
  occurredAt: number;
}

interface TouchState {
  vid: string;
  touches: Touch[];
  seen: number;
}

const KEY = 'inlet.v1.touch';
const SESSION_MS = 30 * 60_000;
const MAX_TOUCHES = 20;
const CAMPAIGN = /[?&](utm_[a-z]+|gclid|fbclid|msclkid|li_fat_id|ttclid)=/i;

const fresh = (): TouchState => ({ vid: randomId(), touches: [], seen: 0 });
/** This page's touches, whatever may be stored. */
const page = fresh();

function stored(): TouchState {
  const s = load<TouchState | null>(KEY, null);
  return s?.vid && Array.isArray(s.touches) ? s : fresh();
}
const state = () => (granted() ? stored() : page);

const hostOf = (u: string) => {
  try {
    return new URL(u).host;
  } catch {
    return '';
  }
};

/** Records a page view; `referrer` is the previous page for in-app navigation. */
export function recordPageView(url: string, referrer: string, now = Date.now()): void {
  const s = state();
  add(page, url, referrer, now);
  if (s !== page) {
    add(s, url, referrer, now);
    save(KEY, s);
  }
}

function add(s: TouchState, url: string, referrer: string, now: number) {
  const external = referrer && hostOf(referrer) !== location.host ? referrer : '';
  const last = s.touches[s.touches.length - 1];
  const isNew = !last || CAMPAIGN.test(url) || !!external || now - s.seen > SESSION_MS;
  // A reload of the same landing page is the same touch, not a new one.
  if (isNew && !(last && last.url === url && last.referrer === external && now - s.seen < SESSION_MS)) {
    s.touches.push({ url, referrer: external, occurredAt: now });
    // Keep the first touch and the most recent ones.
    if (s.touches.length > MAX_TOUCHES) s.touches.splice(1, s.touches.length - MAX_TOUCHES);
  }
  s.seen = now;
}

/** Consent changed: a grant stores this page's touches after the earlier ones, a refusal forgets them all. */
export function consentChanged(isGranted: boolean, withdrawn: boolean): void {
  if (isGranted) {
    const s = stored();
    for (const t of page.touches) add(s, t.url, t.referrer, t.occurredAt);
    save(KEY, s);
  } else if (withdrawn) remove(KEY);
}

/**
 * What a submission carries about the visit: the stored journey with consent; without it, this
 * page's touch and no visitor id (an id that is not kept identifies nothing); under `required`, nothing.
 */
export function visitor(): { visitorId?: string; touchpoints: Touch[] } {
  if (!mayShare()) return { touchpoints: [] };
  return granted()
    ? { visitorId: stored().vid, touchpoints: stored().touches }
    : { touchpoints: page.touches.slice(-1) };
}

/** Single-page apps change the URL without a page load: wrap history and listen to popstate. */
export function trackNavigation(onChange: (url: string, previous: string) => void): void {
  let current = location.href;
  const check = () => {
    if (location.href !== current) {
      const previous = current;
      current = location.href;
      onChange(current, previous);
    }
  };
  for (const m of ['pushState', 'replaceState'] as const) {
    const original = history[m];
    history[m] = function (this: History, ...args: Parameters<History['pushState']>) {
      const r = original.apply(this, args);
      check();
      return r;
    };
  }
  addEventListener('popstate', check);
}
