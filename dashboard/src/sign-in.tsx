/**
 * Signing in by email and password (the first screen a signed-out person sees, so it stays in the
 * entry chunk), and the card every signed-out screen shares.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { signIn } from './auth';
import { link } from './router';
import { TextInput } from './ui/field';
import { ErrorNote, useAction } from './ui/page';

export function AuthCard({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <main class="signin" id="main">
      <h1>{title}</h1>
      {children}
    </main>
  );
}

/** Email and password; `then` runs after the session exists (e.g. accept an invitation). */
export function SignInForm({ then, signUpPath = '/sign-up' }: { then?: () => Promise<void>; signUpPath?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await signIn(email.trim(), password);
      await then?.();
    });
  };
  return (
    <form onSubmit={submit} aria-label="Sign in">
      <TextInput label="Email" type="email" autoComplete="username" value={email} onValue={setEmail} required />
      <TextInput
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
        required
      />
      <ErrorNote error={action.error} />
      <div class="button-row">
        <button type="submit" disabled={action.busy}>
          Sign in
        </button>
      </div>
      <p class="muted">
        <a {...link('/forgot-password')}>Forgot password?</a> · <a {...link(signUpPath)}>Create an account</a>
      </p>
    </form>
  );
}

export function SignIn() {
  return (
    <AuthCard title="Sign in to Inlet">
      <SignInForm />
      <p class="help">
        Running locally? <code>npm start</code> prints a demo login (<code>Demo login EMAIL / PASSWORD</code>).
      </p>
    </AuthCard>
  );
}
