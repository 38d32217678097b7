/** Short confirmations announced to screen readers (a polite live region). */
import { useEffect, useState } from 'preact/hooks';

let next = 0;
const listeners = new Set<(t: { id: number; text: string }) => void>();

export function toast(text: string) {
  const t = { id: ++next, text };
  for (const fn of listeners) fn(t);
}

export function Toasts() {
  const [items, setItems] = useState<{ id: number; text: string }[]>([]);
  useEffect(() => {
    const on = (t: { id: number; text: string }) => {
      setItems((xs) => [...xs, t]);
      setTimeout(() => setItems((xs) => xs.filter((x) => x.id !== t.id)), 5000);
    };
    listeners.add(on);
    return () => void listeners.delete(on);
  }, []);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {items.map((t) => (
        <p key={t.id} class="toast">
          {t.text}
        </p>
      ))}
    </div>
  );
}
