/*
 * Applies a forced theme (light or dark, saved by the header's theme choice) before the first
 * paint, so the page never flashes the system theme first. A tiny classic script loaded blocking
 * from <head>: no inline script, so the page keeps working under a strict Content Security Policy
 * (script-src 'self'). The app (DisplayPrefs) takes over once it runs. Keep the key in step with
 * THEME_KEY in src/store/shareSlice.ts.
 */
(function () {
  try {
    var theme = window.localStorage.getItem('attention-atlas.theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch (e) {
    // storage blocked: the system theme stays
  }
})();
