/**
 * Canvas colours from the page's CSS variables (app.css writes each once with light-dark()), so
 * pictures drawn on canvases follow the light or dark theme like the rest of the page.
 */
import { useSyncExternalStore } from 'react';
import { useAppStore } from '../../../store';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeScheme(onChange: () => void): () => void {
  const media = window.matchMedia?.(DARK_QUERY);
  media?.addEventListener('change', onChange);
  return () => media?.removeEventListener('change', onChange);
}

const systemDark = () => window.matchMedia?.(DARK_QUERY).matches ?? false;

/** The colour scheme the page shows: the forced theme, or the system's. */
export function useColorScheme(): 'light' | 'dark' {
  const theme = useAppStore((s) => s.theme);
  const dark = useSyncExternalStore(subscribeScheme, systemDark, () => false);
  if (theme !== 'system') return theme;
  return dark ? 'dark' : 'light';
}

/**
 * Resolves CSS colours (e.g. 'var(--accent)') to computed rgb() strings inside `host`, for
 * `scheme`. The probe carries the scheme itself, so the answer does not depend on whether the
 * root's forced theme has been applied yet.
 */
export function resolveColors(
  host: Element,
  colors: readonly string[],
  scheme: 'light' | 'dark',
): string[] {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  probe.style.colorScheme = scheme;
  host.appendChild(probe);
  try {
    return colors.map((c) => {
      probe.style.color = '';
      probe.style.color = c;
      return getComputedStyle(probe).color;
    });
  } finally {
    probe.remove();
  }
}

/** "rgb(r, g, b)" or "rgba(r, g, b, a)" as [r, g, b] (black when unreadable). */
export function rgbOf(color: string): [number, number, number] {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(color);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}
