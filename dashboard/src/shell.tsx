/** The frame around every screen: skip link, navigation with the active route, the screen, toasts. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { signOut } from './auth';
import { link, useRoute, useScreen } from './router';
import { Toasts } from './ui/toast';

const NAV: [string, string][] = [
  ['/leads', 'Leads'],
  ['/forms', 'Forms'],
  ['/team', 'Team'],
  ['/routing', 'Routing'],
  ['/sla', 'SLA'],
  ['/capacity', 'Capacity'],
  ['/reports/sla', 'SLA report'],
  ['/reports/capacity', 'Capacity report'],
  ['/pipeline', 'Pipeline'],
  ['/reports/pipeline', 'Pipeline report'],
  ['/reports/attribution', 'Attribution'],
  ['/reports/retention', 'Retention'],
  ['/reports/capacity-plan', 'Capacity plan'],
  ['/webhooks', 'Webhooks'],
  ['/api-keys', 'API keys'],
  ['/settings', 'Settings'],
];

const isActive = (route: string, to: string) => route === to || route.startsWith(`${to}/`);

export function Shell() {
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
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" {...link('/')}>
          Inlet
        </a>
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
          {NAV.map(([to, label]) => (
            <a {...link(to)} aria-current={isActive(route, to) ? 'page' : undefined}>
              {label}
            </a>
          ))}
          <a href="/docs">API reference</a>
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        </nav>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {!found ? <NotFound /> : Screen ? <Screen params={params} /> : <p class="muted">Loading…</p>}
      </main>
      <Toasts />
    </div>
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
