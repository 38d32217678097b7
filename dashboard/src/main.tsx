import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { useMe } from './auth';
import { navigate, PUBLIC_ROUTES, useRoute, useScreen } from './router';
import { Shell } from './shell';
import { SignIn } from './sign-in';
import { Loading } from './ui/page';
import './styles.css';

/** Where a signed-in person is sent from the signed-out entry pages. */
const ENTRY_PAGES = ['/sign-in', '/sign-up'];

function App() {
  const me = useMe();
  const route = useRoute();
  const signedIn = !!me;
  useEffect(() => {
    // Read the address now, not the render's: a sign-up may have moved on (to an invitation) since.
    const now = location.pathname.replace(/^\/app/, '');
    if (signedIn && ENTRY_PAGES.includes(now) && !new URLSearchParams(location.search).has('invitation')) {
      navigate('/', { replace: true });
    }
  }, [signedIn, route]);
  if (me === undefined) return <Loading what="Loading Inlet…" />;
  return me ? <Shell /> : <SignedOut route={route} />;
}

/** The account screens a signed-out person may open; any other address asks them to sign in. */
function SignedOut({ route }: { route: string }) {
  const { Screen, params, found } = useScreen(route, PUBLIC_ROUTES);
  if (!found) return <SignIn />;
  return Screen ? <Screen params={params} /> : <Loading />;
}

render(<App />, document.getElementById('app')!);
