// Hash routing (#/path): the server serves one index.html, links work without server-side fallbacks.
import { signal } from '@preact/signals';

const current = () => location.hash.replace(/^#/, '') || '/';
export const route = signal(current());
addEventListener('hashchange', () => (route.value = current()));

export function navigate(path: string) {
  location.hash = path;
}

/** Matches a pattern like /invite/:token against the current route. */
export function match(pattern: string, path = route.value): Record<string, string> | null {
  const p = pattern.split('/');
  const a = path.split('?')[0]!.split('/');
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(a[i]!);
    else if (p[i] !== a[i]) return null;
  }
  return params;
}
