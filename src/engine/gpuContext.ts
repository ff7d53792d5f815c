/**
 * The WebGL backend's GPU context, watched for loss. A browser may take a WebGL context away at any
 * time (a GPU reset, a driver update, too many contexts); tfjs then silently computes garbage or
 * throws on the next op. The worker watches the context and moves to wasm when it goes.
 */
import * as tf from '@tensorflow/tfjs-core';

type GL = WebGLRenderingContext | WebGL2RenderingContext;

/** The webgl backend's context, while webgl is the backend in use; null otherwise. */
function webglContext(): GL | null {
  if (tf.getBackend() !== 'webgl') return null;
  // tfjs keeps its context on the backend's GPGPU helper; not part of its typed public API.
  const gpgpu = (tf.backend() as unknown as { gpgpu?: { gl?: GL } }).gpgpu;
  return gpgpu?.gl ?? null;
}

/** Whether the backend in use is webgl and has lost its context. */
export function isWebglContextLost(): boolean {
  return webglContext()?.isContextLost() ?? false;
}

/**
 * Calls `onLost` once when the webgl backend's context is lost (the `webglcontextlost` event of its
 * canvas, an OffscreenCanvas in a worker). Does nothing when webgl is not the backend in use.
 */
export function watchWebglContext(onLost: () => void): void {
  const canvas = webglContext()?.canvas;
  if (!canvas || !('addEventListener' in canvas)) return;
  canvas.addEventListener('webglcontextlost', () => onLost(), { once: true });
}

/**
 * Test hook: loses the webgl context as a GPU reset would (WEBGL_lose_context). Returns false when
 * webgl is not in use or the extension is missing.
 */
export function loseWebglContext(): boolean {
  const ext = webglContext()?.getExtension('WEBGL_lose_context');
  if (!ext) return false;
  ext.loseContext();
  return true;
}
