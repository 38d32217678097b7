import { useState } from 'preact/hooks';
import { api, setKey } from './api';

/** Signs in with a secret key (kept for this browser tab only, in sessionStorage). */
export function SignIn({ onSignIn }: { onSignIn(key: string): void }) {
  const [key, setValue] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setKey(key.trim());
    try {
      await api('/v1/forms?limit=1');
      onSignIn(key.trim());
    } catch {
      setKey(null);
      setError('That key was not accepted.');
    }
  };
  return (
    <main class="signin">
      <h1>Sign in to Inlet</h1>
      <form onSubmit={submit}>
        <label for="key">Secret key</label>
        <input
          id="key"
          type="password"
          autoComplete="off"
          value={key}
          onInput={(e) => setValue(e.currentTarget.value)}
          aria-describedby={error ? 'key-err' : 'key-help'}
          aria-invalid={!!error}
        />
        <p id="key-help" class="help">
          `npm start` prints a demo key; `npm run admin -- create-tenant --name …` makes a new one.
        </p>
        {error && (
          <p id="key-err" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
