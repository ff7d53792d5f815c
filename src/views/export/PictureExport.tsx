import { useId, useState } from 'react';
import { useT } from '../../i18n';
import { formatCountIn } from '../../i18n/numbers';
import { useAppStore } from '../../store';
import type { AppState } from '../../store/types';
import type { PictureContent } from './composite';
import { downloadBlob } from './download';
import { EXPORT_SCALES, type ExportScale } from './figure';
import { exportFileName } from './filename';
import { modelIdOf } from './heatmapExport';
import { canvasToPng, exportCanvasPng, renderPicture } from './png';
import { svgBlob } from './svg';
import './export.css';

export interface PictureExportProps {
  /** Accessible name of the control, e.g. "Export heads grid". */
  label: string;
  /** What the picture shows, written into the file name (e.g. 'heads_L1-4'). */
  what: string;
  /** The sentence the picture shows ('' for none); its content words end the file name. */
  sentence?: string;
  /**
   * The picture at click time (title, labels, colour bar; see composite.ts and matrixPicture.ts);
   * null when there is nothing to draw. With it the control offers 1×, 2× and 4×, reports the
   * PNG's size, and shrinks a picture past the browser's canvas limits with a notice.
   */
  picture?: () => PictureContent | null;
  /**
   * PNG bytes of the picture at click time, at a resolution of the caller's choosing; null when
   * there is nothing to draw. Used when `picture` is not given (no resolution choice then).
   */
  png?: () => Promise<Blob> | null;
  /** A standalone SVG document of the picture at click time; null when there is nothing. */
  svg?: () => string | null;
  disabled?: boolean;
}

/**
 * A file name for a picture of the current model, in exportFileName's style but keeping `what` as
 * written: atlas_en-zh-tiny_heads_L1-4_bank-river.png.
 */
export function pictureFileName(
  s: Pick<AppState, 'model' | 'translatorInfo' | 'translatorUrl' | 'hub'>,
  what: string,
  sentence: string,
  ext: 'png' | 'svg',
): string {
  const base = exportFileName({ model: modelIdOf(s), sentence, ext });
  const safe = what.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[-_]+|[-_]+$/g, '');
  if (!safe) return base;
  // atlas_<model>_<words>.<ext> → atlas_<model>_<what>_<words>.<ext>
  const [atlas, model, ...rest] = base.split('_');
  return [atlas, model, safe, ...rest].join('_');
}

/**
 * A compact "Download PNG" / "Download SVG" pair for a picture that is not the main heatmap
 * (heads grid, lines, comparison, aggregates, positional encodings), with a 1×/2×/4× choice for
 * pictures given as `picture` content (default 2×).
 */
export function PictureExport({
  label,
  what,
  sentence = '',
  picture,
  png,
  svg,
  disabled,
}: PictureExportProps) {
  const t = useT();
  const id = useId();
  const language = useAppStore((s) => s.language);
  const [scale, setScale] = useState<ExportScale>(2);
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);

  const fileName = (ext: 'png' | 'svg') =>
    pictureFileName(useAppStore.getState(), what, sentence, ext);
  const fail = (error: unknown) =>
    setStatus({
      error: true,
      text: t('export.failed', { message: error instanceof Error ? error.message : String(error) }),
    });

  const savePicture = async () => {
    try {
      const content = picture?.();
      if (!content) {
        setStatus({ error: true, text: t('export.notReady') });
        return;
      }
      const downscaleNotice = (percent: number) => t('export.downscaled', { percent });
      const out = await exportCanvasPng({ ...content, scale, downscaleNotice });
      const file = fileName('png');
      downloadBlob(out.blob, file);
      const count = (n: number) => formatCountIn(language, n);
      const size = t('export.size', { width: count(out.width), height: count(out.height) });
      const notice = downscaleNotice(Math.floor((out.scale / out.requestedScale) * 100));
      setStatus({
        error: false,
        text: out.downscaled
          ? t('export.savedDownscaled', { file, size, notice })
          : t('export.saved', { file, size }),
      });
    } catch (error) {
      fail(error);
    }
  };

  const savePng = async () => {
    if (picture) return savePicture();
    const blob = png?.();
    if (!blob) {
      setStatus({ error: true, text: t('export.notReady') });
      return;
    }
    try {
      const file = fileName('png');
      downloadBlob(await blob, file);
      setStatus({ error: false, text: t('export.savedFile', { file }) });
    } catch (error) {
      fail(error);
    }
  };

  const saveSvg = () => {
    try {
      const text = svg?.();
      if (!text) {
        setStatus({ error: true, text: t('export.notReady') });
        return;
      }
      const file = fileName('svg');
      downloadBlob(svgBlob(text), file);
      setStatus({ error: false, text: t('export.savedFile', { file }) });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <div className="picture-export" role="group" aria-label={label}>
      {picture && (
        <fieldset className="picture-scale">
          <legend className="sr-only">{t('export.resolution')}</legend>
          {EXPORT_SCALES.map((s) => (
            <label key={s}>
              <input
                type="radio"
                name={`${id}-scale`}
                value={s}
                checked={scale === s}
                onChange={() => setScale(s)}
              />
              {t('export.scale', { n: s })}
            </label>
          ))}
        </fieldset>
      )}
      {(picture ?? png) && (
        <button type="button" className="button" disabled={disabled} onClick={() => void savePng()}>
          {t('export.png')}
        </button>
      )}
      {svg && (
        <button type="button" className="button" disabled={disabled} onClick={saveSvg}>
          {t('export.svg')}
        </button>
      )}
      <span
        className={`export-status${status?.error ? ' is-error' : ''}`}
        role="status"
        aria-live="polite"
      >
        {status?.text ?? ''}
      </span>
    </div>
  );
}

export interface CanvasLabel {
  text: string;
  x: number;
  y: number;
  align?: CanvasTextAlign;
}

export interface CanvasFigureOptions {
  /** Live canvases (their backing stores are copied) and where they go, in CSS pixels. */
  canvases: { canvas: HTMLCanvasElement; x: number; y: number; width: number; height: number }[];
  width: number;
  height: number;
  /** Written above the picture with fillText. */
  title?: string;
  /** Token labels and the like, drawn with fillText (never markup). */
  labels?: CanvasLabel[];
  /** Device pixels per CSS pixel; default 2. */
  scale?: number;
  background?: string;
  color?: string;
}

const TITLE_HEIGHT = 28;
const FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", sans-serif';

/** Composes live canvases, a title and labels onto a fresh canvas and encodes it as PNG. */
export function canvasFigurePng({
  canvases,
  width,
  height,
  title,
  labels = [],
  scale = 2,
  background = '#ffffff',
  color = '#1f2330',
}: CanvasFigureOptions): Promise<Blob> {
  const top = title ? TITLE_HEIGHT : 0;
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.ceil(width * scale));
  out.height = Math.max(1, Math.ceil((height + top) * scale));
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('The browser could not allocate a canvas.'));
  ctx.scale(scale, scale);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height + top);
  ctx.fillStyle = color;
  ctx.textBaseline = 'middle';
  if (title) {
    ctx.font = `600 14px ${FONT}`;
    ctx.textAlign = 'left';
    ctx.fillText(title, 8, TITLE_HEIGHT / 2, Math.max(10, width - 16));
  }
  for (const c of canvases) {
    if (c.canvas.width > 0 && c.canvas.height > 0)
      ctx.drawImage(c.canvas, c.x, c.y + top, c.width, c.height);
  }
  ctx.font = `12px ${FONT}`;
  for (const l of labels) {
    ctx.textAlign = l.align ?? 'left';
    ctx.fillText(l.text, l.x, l.y + top);
  }
  return canvasToPng(out);
}

/** Every visible canvas inside `root`, placed where the page shows it (CSS pixels). */
export function canvasesIn(root: HTMLElement | null): Omit<CanvasFigureOptions, 'title'> | null {
  if (!root) return null;
  const box = root.getBoundingClientRect();
  const canvases = Array.from(root.querySelectorAll('canvas'))
    .map((canvas) => {
      const r = canvas.getBoundingClientRect();
      return {
        canvas,
        x: r.left - box.left,
        y: r.top - box.top,
        width: r.width,
        height: r.height,
      };
    })
    .filter((c) => c.width > 0 && c.height > 0);
  if (canvases.length === 0) return null;
  const width = Math.max(...canvases.map((c) => c.x + c.width));
  const height = Math.max(...canvases.map((c) => c.y + c.height));
  const x0 = Math.min(...canvases.map((c) => c.x));
  const y0 = Math.min(...canvases.map((c) => c.y));
  return {
    canvases: canvases.map((c) => ({ ...c, x: c.x - x0 + 8, y: c.y - y0 + 8 })),
    width: width - x0 + 16,
    height: height - y0 + 16,
  };
}

export interface MatrixFigure {
  /** The heatmap's live canvas (its cells, stretched into the figure without smoothing). */
  canvas: HTMLCanvasElement;
  title: string;
  rowLabels: readonly string[];
  colLabels: readonly string[];
}

/**
 * Heatmaps drawn as export figures (title and token labels written with fillText) side by side in
 * one PNG.
 */
export function figuresPng(figures: readonly MatrixFigure[], scale = 2): Promise<Blob> | null {
  if (figures.length === 0) return null;
  const rendered = figures.map(
    (f) =>
      renderPicture({
        title: [f.title],
        rows: f.rowLabels.length,
        cols: f.colLabels.length,
        rowLabels: f.rowLabels,
        colLabels: f.colLabels,
        matrix: { source: f.canvas },
        hatchTransparent: false,
        scale,
      }).canvas,
  );
  if (rendered.length === 1) return canvasToPng(rendered[0]!);
  const gap = Math.round(16 * scale);
  const out = document.createElement('canvas');
  out.width = rendered.reduce((w, c) => w + c.width, 0) + gap * (rendered.length - 1);
  out.height = Math.max(...rendered.map((c) => c.height));
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('The browser could not allocate a canvas.'));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  let x = 0;
  for (const c of rendered) {
    ctx.drawImage(c, x, 0);
    x += c.width + gap;
  }
  return canvasToPng(out);
}
