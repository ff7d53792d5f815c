import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The bundled Chinese font (src/views/fonts/chineseFont.ts): of fontsource's Noto Sans SC CSS keep
 * only the numbered CJK subsets (Latin, Cyrillic and Vietnamese stay with the system font) and only
 * their woff2 files (every browser the app supports reads woff2), so the build copies ~100 woff2
 * files per weight and no .woff fallbacks.
 */
function chineseFontSubsets(): Plugin {
  return {
    name: 'atlas:chinese-font-subsets',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource\/noto-sans-sc\/\d+\.css$/.test(id.split('?')[0] ?? '')) return null;
      const faces = code
        .split(/(?=\/\* noto-sans-sc-)/)
        .filter((f) => /^\/\* noto-sans-sc-\[\d+\]/.test(f));
      return faces.join('').replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/g, '');
    },
  };
}

/**
 * Cross-origin isolation lets the wasm backend use threads (SharedArrayBuffer). Every server that
 * serves the app must send these two headers; the dev and preview servers do so here.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const tfjsPackages = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-webgpu',
];

export default defineConfig({
  plugins: [react(), chineseFontSubsets()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  // Without this the dev server discovers tfjs on first load and reloads the page.
  optimizeDeps: { include: tfjsPackages },
  worker: {
    format: 'es',
    rolldownOptions: {
      output: {
        // The threaded wasm backend copies its Emscripten factory into a Blob as source text; the
        // default minifier's compression rewrites it into code that throws ("e is not defined").
        // Mangling alone is safe (about +3% gzip). Comments off: tfjs licence headers would
        // otherwise nearly double the chunk.
        minify: { compress: false, mangle: true },
        comments: false,
      },
    },
  },
  build: {
    target: 'es2022',
    // tfjs backends make the worker chunk large by nature; it loads off the main thread.
    chunkSizeWarningLimit: 1500,
    // Fonts stay files, never data: URIs, which a strict CSP (font-src 'self') refuses.
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
  },
});
