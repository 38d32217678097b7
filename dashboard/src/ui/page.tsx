/** Small shared pieces of a screen: its heading row, loading and error states, a copy button. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="page-head">
      <h1>{title}</h1>
      {children && <div class="actions">{children}</div>}
    </div>
  );
}

export function Loading({ what = 'Loading…' }: { what?: string }) {
  return (
    <p class="muted" aria-busy="true">
      {what}
    </p>
  );
}

export function ErrorNote({ error }: { error?: string | null }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    setDone(true);
    setTimeout(() => setDone(false), 2000);
  };
  return (
    <button type="button" class="secondary" onClick={copy} aria-live="polite">
      {done ? 'Copied' : label}
    </button>
  );
}

/** Runs an async action, keeping its error (or null) for display; `busy` while it runs. */
export function useAction() {
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setProblem(null);
    try {
      return await fn();
    } catch (e) {
      setError((e as Error).message);
      setProblem(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, error, problem, busy };
}
