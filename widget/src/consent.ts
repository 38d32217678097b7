/**
 * Whether the widget may keep touchpoints in the site's storage, from the script tag's
 * `data-consent`, the form's own setting (only ever stricter), the site's `Inlet('consent', …)`,
 * Google Consent Mode v2 (`analytics_storage` in the page's dataLayer), IAB TCF v2 (purpose 1) and
 * Global Privacy Control. The site's own call wins; then GPC (a refusal); then the latest signal
 * of the page's consent tool; then the mode's default (only `not_required` stores without consent).
 */
import { load, remove, save } from './storage';

export type ConsentMode = 'not_required' | 'implied_by_submit' | 'required';
const RANK: Record<string, number> = { not_required: 0, implied_by_submit: 1, required: 2 };
const SITE_KEY = 'inlet.v1.consent';

let mode: ConsentMode = 'not_required';
/** The site's own decision; a grant is remembered across pages (withdrawal removes it). */
let site: boolean | undefined;
/** The latest decision of the page's consent tool (Consent Mode or TCF). */
let cmp: boolean | undefined;
let seen = 0;
let onChange: (granted: boolean, withdrawn: boolean) => void = () => undefined;
const gpc = () => (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
type Layer = unknown[] & { push(...a: unknown[]): number };
const layer = () => (window as unknown as { dataLayer?: Layer }).dataLayer;

/** Reads the consent commands pushed since the last look: `gtag('consent', 'default' | 'update', {…})`. */
function scan(): boolean {
  const d = layer();
  let withdrawn = false;
  if (!Array.isArray(d)) return false;
  for (; seen < d.length; seen++) {
    const e = d[seen] as ArrayLike<unknown> | undefined;
    const state = e && e[0] === 'consent' && (e[2] as { analytics_storage?: string } | undefined)?.analytics_storage;
    if (state === 'granted' || state === 'denied') {
      cmp = state === 'granted';
      // A default is the page's starting point, not the visitor taking consent back.
      withdrawn ||= !cmp && e?.[1] === 'update';
    }
  }
  return withdrawn;
}

const current = (): boolean => site ?? (gpc() ? false : (cmp ?? mode === 'not_required'));

/** Looks at the dataLayer first: a consent tool may have replaced our push hook (GTM does). */
export const granted = (): boolean => {
  decide(scan);
  return current();
};

/** Before consent under `required`, nothing about the visit leaves the page either. */
export const mayShare = (): boolean => mode !== 'required' || granted();

/** Runs `fn` and tells the listener when the answer of `granted()` changed (withdrawn: an explicit refusal). */
function decide(fn: () => boolean | undefined) {
  const before = current();
  const withdrawn = fn() === true;
  const after = current();
  if (before !== after || withdrawn) onChange(after, withdrawn && !after);
}

/** A stricter mode (the form's own setting) takes back what the laxer one let the widget store. */
export function setMode(m: string | undefined) {
  if (m && RANK[m] !== undefined && RANK[m]! > RANK[mode]!)
    decide(() => {
      mode = m as ConsentMode;
      return true;
    });
}

/** `Inlet('consent', true | false)`. */
export function setSiteConsent(value: boolean) {
  decide(() => {
    site = value === true;
    if (site) save(SITE_KEY, 1);
    else remove(SITE_KEY);
    return !site;
  });
}

export function startConsent(tagMode: string | undefined, listener: (granted: boolean, withdrawn: boolean) => void) {
  if (tagMode && RANK[tagMode] !== undefined) mode = tagMode as ConsentMode;
  if (load<number>(SITE_KEY, 0) === 1) site = true;
  scan();
  onChange = listener;
  const d = layer();
  if (Array.isArray(d)) {
    const push = d.push;
    d.push = (...a: unknown[]) => {
      const n = push.apply(d, a);
      decide(scan);
      return n;
    };
  }
  const tcf = (window as unknown as { __tcfapi?: (...a: unknown[]) => void }).__tcfapi;
  if (typeof tcf === 'function') {
    tcf('addEventListener', 2, (t: TcData | null, ok: boolean) => {
      if (!ok || !t || (t.eventStatus !== 'tcloaded' && t.eventStatus !== 'useractioncomplete')) return;
      decide(() => {
        cmp = t.gdprApplies === false || t.purpose?.consents?.[1] === true;
        return !cmp;
      });
    });
  }
}

interface TcData {
  eventStatus?: string;
  gdprApplies?: boolean;
  purpose?: { consents?: Record<number, boolean> };
}
