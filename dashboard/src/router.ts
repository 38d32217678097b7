/**
 * Path routing under /app with the history API. Each screen is its own chunk (a dynamic import),
 * so the first screen loads only the shell and the inbox. What a person would bookmark (filters,
 * date ranges) lives in the query string: `useQuery` reads it, `setQuery` writes it.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const BASE = '/app';
type Screen = ComponentType<{ params: string[] }>;
type Loader = () => Promise<{ default: Screen }>;

/**
 * Screens a signed-out person reaches (account flows and the links mails carry); they show in the
 * shell too once signed in. Every other path asks a signed-out person to sign in first, in place.
 */
export const PUBLIC_ROUTES: [RegExp, Loader][] = [
  [/^\/sign-up$/, () => import('./account/sign-up-page')],
  [/^\/forgot-password$/, () => import('./account/forgot-password-page')],
  [/^\/reset-password$/, () => import('./account/reset-password-page')],
  [/^\/verify-email$/, () => import('./account/verify-email-page')],
  [/^\/accept-invitation\/([^/]+)$/, () => import('./account/accept-invitation-page')],
  // The same screen under the path the auth branch's invitation mail links to.
  [/^\/invitations\/([^/]+)$/, () => import('./account/accept-invitation-page')],
  [/^\/dev\/mail$/, () => import('./dev/mail-page')],
];

/** The dashboard routes are part of the public contract (DESIGN.md): keep these paths. */
export const ROUTES: [RegExp, Loader][] = [
  ...PUBLIC_ROUTES,
  [/^\/$/, () => import('./home/home-page')],
  [/^\/leads$/, () => import('./leads/inbox-page')],
  [/^\/leads\/([^/]+)$/, () => import('./leads/lead-page')],
  [/^\/forms$/, () => import('./forms/forms-page')],
  [/^\/forms\/([^/]+)$/, () => import('./forms/form-builder-page')],
  [/^\/team$/, () => import('./team/team-page')],
  [/^\/routing$/, () => import('./routing/routing-page')],
  [/^\/sla$/, () => import('./sla/sla-page')],
  [/^\/capacity$/, () => import('./capacity/capacity-page')],
  [/^\/webhooks$/, () => import('./webhooks/webhooks-page')],
  [/^\/api-keys$/, () => import('./api-keys/api-keys-page')],
  [/^\/reports\/sla$/, () => import('./reports/sla-report-page')],
  [/^\/reports\/capacity$/, () => import('./reports/capacity-report-page')],
  [/^\/settings$/, () => import('./settings/settings-page')],
  [/^\/pipeline$/, () => import('./pipeline/pipeline-page')],
  [/^\/reports\/pipeline$/, () => import('./reports/pipeline-report-page')],
  [/^\/reports\/attribution$/, () => import('./reports/attribution-report-page')],
  [/^\/reports\/retention$/, () => import('./reports/retention-report-page')],
  [/^\/reports\/capacity-plan$/, () => import('./reports/capacity-plan-page')],
  [/^\/workspaces\/new$/, () => import('./account/new-workspace-page')],
];

const CHANGE = 'inlet:navigate';
const currentPath = () => location.pathname.replace(/^\/app/, '') || '/';

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  history[opts.replace ? 'replaceState' : 'pushState'](null, '', BASE + to);
  dispatchEvent(new Event(CHANGE));
  if (!opts.replace) scrollTo(0, 0);
}

function useLocationTick() {
  const [, set] = useState(0);
  useEffect(() => {
    const on = () => set((n) => n + 1);
    addEventListener('popstate', on);
    addEventListener(CHANGE, on);
    return () => (removeEventListener('popstate', on), removeEventListener(CHANGE, on));
  }, []);
}

export function useRoute(): string {
  useLocationTick();
  return currentPath();
}

/** The current query string as a plain object (re-renders on change). */
export function useQuery(): Record<string, string> {
  useLocationTick();
  return Object.fromEntries(new URLSearchParams(location.search));
}

/** Merges `patch` into the query string (empty values are removed); replaces the history entry. */
export function setQuery(patch: Record<string, string | null | undefined>) {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(patch)) v ? q.set(k, v) : q.delete(k);
  const s = q.toString();
  navigate(currentPath() + (s ? `?${s}` : ''), { replace: true });
}

/** Props for an <a> that navigates inside the app but stays a real link (open in new tab works). */
export function link(path: string) {
  return {
    href: BASE + path,
    onClick: (e: MouseEvent) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(path);
    },
  };
}

/** Loads the screen for a path (its chunk on first visit) and the params its pattern captured. */
export function useScreen(
  path: string,
  routes: [RegExp, Loader][] = ROUTES,
): { Screen: Screen | null; params: string[]; found: boolean } {
  const match = routes.map(([re, load]) => [re.exec(path), load] as const).find(([m]) => m);
  const [loaded, setLoaded] = useState<{ load: Loader; Screen: Screen } | null>(null);
  useEffect(() => {
    if (!match || loaded?.load === match[1]) return;
    let live = true;
    void match[1]().then((m) => live && setLoaded({ load: match[1], Screen: m.default }));
    return () => void (live = false);
  }, [match?.[1]]);
  if (!match) return { Screen: null, params: [], found: false };
  const params = match[0]!.slice(1).map(decodeURIComponent);
  return { Screen: loaded?.load === match[1] ? loaded.Screen : null, params, found: true };
}
