/**
 * The frame around every screen: skip link, the workspace switcher, navigation by role, the user
 * menu, the verify-email banner, the screen, toasts. Settings screens are read-only for a member:
 * the shell renders them inside a disabled fieldset (every control disabled, buttons hidden), so the
 * screens themselves need no role checks; the API refuses the same writes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { canEdit, type Me, type Role, signOut, switchWorkspace, useMe } from './auth';
import { link, PUBLIC_ROUTES, useRoute, useScreen } from './router';
import { AccountBanners, NoWorkspace } from './shell-parts';
import { ErrorNote, useAction } from './ui/page';
import { Toasts } from './ui/toast';

type Access = 'all' | 'edit' | 'owner';
/** What each nav item needs: `all` (members read settings, read-only), `edit` (admins), `owner`. */
const NAV: [string, string, Access][] = [
  ['/leads', 'Leads', 'all'],
  ['/forms', 'Forms', 'all'],
  ['/team', 'Team', 'all'],
  ['/routing', 'Routing', 'all'],
  ['/sla', 'SLA', 'all'],
  ['/capacity', 'Capacity', 'all'],
  ['/reports/sla', 'SLA report', 'all'],
  ['/reports/capacity', 'Capacity report', 'all'],
  ['/pipeline', 'Pipeline', 'all'],
  ['/reports/pipeline', 'Pipeline report', 'all'],
  ['/reports/attribution', 'Attribution', 'all'],
  ['/reports/retention', 'Retention', 'all'],
  ['/reports/capacity-plan', 'Capacity plan', 'all'],
  ['/webhooks', 'Webhooks', 'all'],
  ['/api-keys', 'API keys', 'owner'],
  ['/settings', 'Settings', 'all'],
];

/** Settings screens: a member sees them read-only. */
const SETTINGS_SCREENS = /^\/(forms|team|routing|sla|capacity|webhooks)(\/|$)/;
const ACCOUNT_SCREENS = (route: string) => PUBLIC_ROUTES.some(([re]) => re.test(route));

const allowed = (role: Role | null, access: Access) =>
  access === 'all' || (access === 'edit' ? canEdit(role) : role === 'owner');
const isActive = (route: string, to: string) => route === to || route.startsWith(`${to}/`);

export function Shell() {
  const me = useMe() as Me;
  const route = useRoute();
  const { Screen, params, found } = useScreen(route);
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    setMenuOpen(false);
    // After an in-app navigation, focus moves to the new screen (as a page load would reset it).
    if (!first.current) main.current?.focus();
    first.current = false;
  }, [route]);
  const readOnly = SETTINGS_SCREENS.test(route) && !canEdit(me.role);
  const needsWorkspace = !me.workspace && !ACCOUNT_SCREENS(route) && route !== '/workspaces/new';
  // Keyed by workspace: switching re-mounts the screen, so it loads that workspace's data only.
  const screen = !found ? (
    <NotFound />
  ) : needsWorkspace ? (
    <NoWorkspace me={me} />
  ) : Screen ? (
    <Screen key={me.workspace?.id} params={params} />
  ) : (
    <p class="muted">Loading…</p>
  );
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" {...link('/')}>
          Inlet
        </a>
        <WorkspaceSwitcher me={me} />
        <button
          type="button"
          class="menu-toggle secondary"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <nav id="nav" aria-label="Main" class={menuOpen ? 'open' : ''}>
          {NAV.filter(([, , access]) => allowed(me.role, access)).map(([to, label]) => {
            const ro = SETTINGS_SCREENS.test(to) && !canEdit(me.role);
            return (
              <a {...link(to)} aria-current={isActive(route, to) ? 'page' : undefined} class={ro ? 'ro' : undefined}>
                {label}
                {ro && <span class="sr-only"> (read-only)</span>}
              </a>
            );
          })}
          <a href="/docs">API reference</a>
          <UserMenu me={me} />
        </nav>
      </header>
      <AccountBanners me={me} />
      <main id="main" tabIndex={-1} ref={main}>
        {readOnly ? (
          <fieldset class="read-only-screen" disabled aria-describedby="read-only-note">
            <p id="read-only-note" class="read-only-note">
              Read-only: as a {me.role ?? 'member'} you can see these settings; an admin or owner changes them.
            </p>
            {screen}
          </fieldset>
        ) : (
          screen
        )}
      </main>
      <Toasts />
    </div>
  );
}

function WorkspaceSwitcher({ me }: { me: Me }) {
  const action = useAction();
  if (me.workspaces.length < 2) return me.workspace ? <span class="workspace-name">{me.workspace.name}</span> : null;
  return (
    <div class="workspace-switch">
      <label for="workspace-switch" class="sr-only">
        Workspace
      </label>
      <select
        id="workspace-switch"
        value={me.workspace?.id ?? ''}
        disabled={action.busy}
        onChange={(e) => void action.run(() => switchWorkspace(e.currentTarget.value))}
      >
        {!me.workspace && <option value="">Choose a workspace</option>}
        {me.workspaces.map((w) => (
          <option value={w.id}>
            {w.name} ({w.role})
          </option>
        ))}
      </select>
      <ErrorNote error={action.error} />
    </div>
  );
}

function UserMenu({ me }: { me: Me }) {
  return (
    <details class="user-menu">
      <summary>
        <span class="sr-only">Account: </span>
        {me.user.name || me.user.email}
      </summary>
      <div class="user-menu-body">
        <p>
          <strong>{me.user.name}</strong>
          <br />
          <span class="muted">{me.user.email}</span>
          {me.workspace && (
            <>
              <br />
              <span class="muted">
                {me.role} of {me.workspace.name}
              </span>
            </>
          )}
        </p>
        <a {...link('/settings')}>Account and workspace settings</a>
        <a {...link('/workspaces/new')}>New workspace</a>
        <button type="button" class="secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </details>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no screen at this address. <a {...link('/leads')}>Go to the leads</a>.
      </p>
    </section>
  );
}
