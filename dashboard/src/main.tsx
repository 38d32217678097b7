import { render } from 'preact';
import { useState } from 'preact/hooks';
import { getKey, setKey } from './api';
import { FormsPage } from './forms/forms-page';
import { LeadsPage } from './leads/leads-page';
import { LeadPage } from './leads/lead-page';
import { SignIn } from './sign-in';
import { useRoute, link } from './router';
import './styles.css';

function App() {
  const [key, setKeyState] = useState(getKey());
  const route = useRoute();
  if (!key) return <SignIn onSignIn={setKeyState} />;
  const signOut = () => {
    setKey(null);
    setKeyState(null);
  };
  const leadMatch = /^\/leads\/([^/]+)$/.exec(route);
  return (
    <div class="shell">
      <header>
        <strong>Inlet</strong>
        <nav aria-label="Main">
          <a {...link('/leads')} aria-current={route.startsWith('/leads') ? 'page' : undefined}>
            Leads
          </a>
          <a {...link('/forms')} aria-current={route.startsWith('/forms') ? 'page' : undefined}>
            Forms
          </a>
          <a href="/docs">API reference</a>
        </nav>
        <button type="button" class="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        {leadMatch ? <LeadPage id={leadMatch[1]!} /> : route.startsWith('/forms') ? <FormsPage /> : <LeadsPage />}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
