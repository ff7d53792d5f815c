/**
 * Generic PNG export of any matrix picture (heatmap, heads grid, compare view…): labels, a title and
 * a colour bar are composed around the matrix on an offscreen canvas (fillText: token text stays
 * text, never HTML) at 1×, 2× or 4×, and encoded as PNG.
 *
 * ```ts
 * const png = await exportCanvasPng({
 *   title: ['en-zh-tiny · Cross-attention · Layer 2 · Head 3', 'Sentence A: The bank…'],
 *   rows, cols, rowLabels, colLabels,
 *   matrix: { source: smallCanvasWithOnePixelPerCell },   // or { paint(ctx, area) { … } }
 *   colourBar: { max, interpolate: interpolateViridis, label: 'Attention weight' },
 *   scale: 2,
 *   downscaleNotice: (pct) => `Downscaled to ${pct}%`,
 * });
 * downloadBlob(png.blob, 'atlas_….png');
 * ```
 */
import { ensureChineseGlyphs } from '../fonts/chineseFont';
import {
  computeFigureLayout,
  FIGURE_FONT,
  fitScale,
  type FigureLayout,
  type FigureSpec,
  type FittedScale,
  type TextItem,
} from './figure';

export type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
export type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

/** Where the matrix goes, in CSS px of the 1× picture (the context is already scaled). */
export interface MatrixArea {
  x: number;
  y: number;
  width: number;
  height: number;
  cellSize: number;
}

/**
 * The matrix itself: an image with one pixel per cell (drawn without smoothing), or a painter (with
 * the text it draws, so that the export can wait for the glyphs first).
 */
export type MatrixSource =
  | { source: CanvasImageSource }
  | { paint: (ctx: Ctx2D, area: MatrixArea) => void; texts?: readonly string[] };

export interface ExportPictureOptions extends FigureSpec {
  matrix: MatrixSource;
  /** 1, 2 or 4 (any positive number works). */
  scale: number;
  /** Cells left transparent by the matrix (masked) show a grey hatch. Default true. */
  hatchTransparent?: boolean;
  /** Footer text when the picture had to be drawn smaller; gets the percentage actually used. */
  downscaleNotice?: (percent: number) => string;
}

export interface RenderedPicture {
  canvas: AnyCanvas;
  layout: FigureLayout;
  fit: FittedScale;
}

export interface PngExport {
  blob: Blob;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
  scale: number;
  requestedScale: number;
  downscaled: boolean;
}

const COLORS = {
  background: '#ffffff',
  text: '#1a1d23',
  muted: '#5d6573',
  hatchA: '#e4e7ec',
  hatchB: '#f6f7f9',
  border: '#c5cbd6',
};

function isOffscreen(canvas: AnyCanvas): canvas is OffscreenCanvas {
  return typeof OffscreenCanvas !== 'undefined' && canvas instanceof OffscreenCanvas;
}

/** A canvas (offscreen where the browser has OffscreenCanvas) and its 2D context, or null. */
export function makeCanvas2d(
  width: number,
  height: number,
): { canvas: AnyCanvas; ctx: Ctx2D | null } {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, ctx: canvas.getContext('2d') };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return { canvas, ctx: canvas.getContext('2d') };
}

function fontOf(item: TextItem): string {
  return `${item.bold ? '600 ' : ''}${item.size}px ${item.mono ? FIGURE_FONT.mono : FIGURE_FONT.sans}`;
}

export function drawText(ctx: Ctx2D, item: TextItem): void {
  ctx.font = fontOf(item);
  ctx.fillStyle = item.muted ? COLORS.muted : COLORS.text;
  ctx.textBaseline = 'alphabetic';
  if (item.rotated) {
    ctx.save();
    ctx.translate(item.x, item.y);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'left';
    ctx.fillText(item.text, 0, 0);
    ctx.restore();
    return;
  }
  ctx.textAlign = item.anchor === 'middle' ? 'center' : item.anchor === 'end' ? 'right' : 'left';
  ctx.fillText(item.text, item.x, item.y);
}

/** The grey hatch of masked cells. */
export function hatch(ctx: Ctx2D, x: number, y: number, width: number, height: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, width, height);
  ctx.clip();
  ctx.fillStyle = COLORS.hatchB;
  ctx.fillRect(x, y, width, height);
  ctx.strokeStyle = COLORS.hatchA;
  ctx.lineWidth = 3;
  for (let d = -height; d < width + height; d += 6) {
    ctx.beginPath();
    ctx.moveTo(x + d, y + height);
    ctx.lineTo(x + d + height, y);
    ctx.stroke();
  }
  ctx.restore();
}

/** Paints the composed picture on `ctx`, whose transform maps 1× CSS px to pixels. */
export function paintFigure(
  ctx: Ctx2D,
  layout: FigureLayout,
  options: Pick<ExportPictureOptions, 'matrix' | 'colourBar' | 'hatchTransparent'>,
): void {
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  for (const item of layout.title) drawText(ctx, item);

  const g = layout.grid;
  if (g.width > 0 && g.height > 0) {
    if (options.hatchTransparent !== false) hatch(ctx, g.x, g.y, g.width, g.height);
    ctx.imageSmoothingEnabled = false;
    if ('source' in options.matrix)
      ctx.drawImage(options.matrix.source, g.x, g.y, g.width, g.height);
    else {
      ctx.save();
      options.matrix.paint(ctx, { ...g });
      ctx.restore();
    }
    ctx.imageSmoothingEnabled = true;
  }
  for (const item of layout.rowLabels) drawText(ctx, item);
  for (const item of layout.colLabels) drawText(ctx, item);

  const bar = layout.colourBar;
  const spec = options.colourBar;
  if (bar && spec) {
    drawText(ctx, bar.label);
    const gradient = ctx.createLinearGradient(bar.x, 0, bar.x + bar.width, 0);
    for (let i = 0; i <= 20; i++) gradient.addColorStop(i / 20, spec.interpolate(i / 20));
    ctx.fillStyle = gradient;
    ctx.fillRect(bar.x, bar.y, bar.width, bar.height);
    ctx.strokeStyle = COLORS.border;
    ctx.lineWidth = 1;
    ctx.strokeRect(bar.x + 0.5, bar.y + 0.5, bar.width - 1, bar.height - 1);
    ctx.strokeStyle = COLORS.muted;
    for (const tick of bar.ticks) {
      ctx.beginPath();
      ctx.moveTo(tick.x, bar.y + bar.height);
      ctx.lineTo(tick.x, bar.y + bar.height + 3);
      ctx.stroke();
      drawText(ctx, tick);
    }
    if (bar.masked) {
      const m = bar.masked;
      hatch(ctx, m.x, m.y, m.width, m.height);
      ctx.strokeStyle = COLORS.border;
      ctx.strokeRect(m.x + 0.5, m.y + 0.5, m.width - 1, m.height - 1);
      drawText(ctx, m.label);
    }
  }
  for (const item of layout.legend?.items ?? []) {
    if (item.color === null) hatch(ctx, item.x, item.y, item.width, item.height);
    else {
      ctx.fillStyle = item.color;
      ctx.fillRect(item.x, item.y, item.width, item.height);
    }
    ctx.strokeStyle = COLORS.border;
    ctx.lineWidth = 1;
    ctx.strokeRect(item.x + 0.5, item.y + 0.5, item.width - 1, item.height - 1);
    drawText(ctx, item.label);
  }
  if (layout.footer) drawText(ctx, layout.footer);
}

/** Whether the canvas really holds the picture (a canvas the browser could not allocate stays blank). */
function painted(ctx: Ctx2D): boolean {
  try {
    return ctx.getImageData(0, 0, 1, 1).data[3] === 255;
  } catch {
    return false;
  }
}

/**
 * Composes the picture on an offscreen canvas. When the browser cannot make a canvas that big (even
 * under the documented limits, memory may run out) it halves the scale until it can, saying so in
 * the footer; it throws only when even 1/16 fails.
 */
export function renderPicture(options: ExportPictureOptions): RenderedPicture {
  let layout = computeFigureLayout(options);
  let fit = fitScale(layout.width, layout.height, options.scale);
  const withNotice = (f: FittedScale): void => {
    if (!f.downscaled || !options.downscaleNotice) return;
    const percent = Math.max(1, Math.floor((f.scale / f.requested) * 100));
    layout = computeFigureLayout({ ...options, footer: options.downscaleNotice(percent) });
    fit = { ...fitScale(layout.width, layout.height, f.scale), requested: f.requested };
    fit.downscaled = true;
  };
  withNotice(fit);
  for (let attempt = 0; attempt < 5; attempt++) {
    const { canvas, ctx } = makeCanvas2d(fit.width, fit.height);
    if (ctx) {
      ctx.setTransform(fit.width / layout.width, 0, 0, fit.height / layout.height, 0, 0);
      paintFigure(ctx, layout, options);
      if (painted(ctx)) return { canvas, layout, fit };
    }
    const requested = fit.requested;
    fit = { ...fitScale(layout.width, layout.height, fit.scale / 2), requested, downscaled: true };
    withNotice(fit);
  }
  throw new Error('The browser could not allocate a canvas for this picture.');
}

/** A canvas as PNG bytes. */
export async function canvasToPng(canvas: AnyCanvas): Promise<Blob> {
  if (isOffscreen(canvas)) return canvas.convertToBlob({ type: 'image/png' });
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded.'))),
      'image/png',
    ),
  );
}

/**
 * Every string in a picture's options: titles, labels, captions, a painter's `texts` (plain objects
 * and arrays are walked; canvases, typed arrays and functions are not).
 */
export function pictureTexts(value: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') out.push(value);
  else if (depth > 8 || value === null || typeof value !== 'object') return out;
  else if (Array.isArray(value)) for (const v of value) pictureTexts(v, out, depth + 1);
  else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null)
      for (const v of Object.values(value)) pictureTexts(v, out, depth + 1);
  }
  return out;
}

/**
 * Composes and encodes a picture (see the module comment for an example). Chinese text waits for
 * the app's own font (a canvas draws with what is loaded now: boxes on a machine without one).
 */
export async function exportCanvasPng(options: ExportPictureOptions): Promise<PngExport> {
  const texts = pictureTexts(options);
  if (options.downscaleNotice) texts.push(options.downscaleNotice(50));
  await ensureChineseGlyphs(texts);
  const { canvas, fit } = renderPicture(options);
  const blob = await canvasToPng(canvas);
  return {
    blob,
    width: fit.width,
    height: fit.height,
    scale: fit.scale,
    requestedScale: fit.requested,
    downscaled: fit.downscaled,
  };
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
  if (bytes.length < 24 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
