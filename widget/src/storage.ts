/** First-party storage that never throws (Safari private mode, disabled storage, quota). */
export function load<T>(key: string, fallback: T): T {
  try {
    const s = localStorage.getItem(key);
    return s ? (JSON.parse(s) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage unavailable: the widget still works for this page */
  }
}

export function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* storage unavailable: nothing was kept */
  }
}

export const randomId = (): string => {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => (x & 63).toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 24);
};
