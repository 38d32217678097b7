/** Path routing under /app without a library: history API plus a hook that re-renders on change. */
import { useEffect, useState } from 'preact/hooks';

const BASE = '/app';
const current = () => location.pathname.replace(/^\/app/, '') || '/';

function navigate(path: string) {
  history.pushState(null, '', BASE + path);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): string {
  const [route, setRoute] = useState(current());
  useEffect(() => {
    const on = () => setRoute(current());
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return route;
}

/** Props for an <a> that navigates inside the app but stays a real link (open in new tab works). */
export function link(path: string) {
  return {
    href: BASE + path,
    onClick: (e: MouseEvent) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(path);
    },
  };
}
