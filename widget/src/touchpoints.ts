/**
 * Records where the visitor came from, on every page the script runs on, in first-party storage.
 * A new touch starts when the URL carries campaign parameters or click ids, when the visitor arrives
 * from another site, or when 30 minutes passed since the last page (a new session, as analytics
 * tools count them). Plain navigation inside the site only keeps the session alive.
 */
import { load, randomId, save } from './storage';

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

function state(): TouchState {
  const s = load<TouchState | null>(KEY, null);
  return s?.vid && Array.isArray(s.touches) ? s : { vid: randomId(), touches: [], seen: 0 };
}

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
  save(KEY, s);
}

/** Who this is and where they came from (`recordPageView` has stored it on this page already). */
export function visitor(): { visitorId: string; touchpoints: Touch[] } {
  const s = state();
  return { visitorId: s.vid, touchpoints: s.touches };
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
