import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isSignedIn, onAuthChange } from './auth';
import { SignIn } from './sign-in';
import { Shell } from './shell';
import './styles.css';

function App() {
  const [signedIn, setSignedIn] = useState(isSignedIn());
  useEffect(() => onAuthChange(() => setSignedIn(isSignedIn())), []);
  return signedIn ? <Shell /> : <SignIn />;
}

render(<App />, document.getElementById('app')!);
