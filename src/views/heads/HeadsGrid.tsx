import { Fragment, useLayoutEffect, useRef, type RefObject } from 'react';
import type { HeadRef } from '../../store/types';
import {
  leavesOutFirst,
  makeCellScale,
  matrixTop,
  PLAIN_SCALE,
  type ColorScaleOptions,
} from '../heatmap/colorScale';
import { drawSinkHatch } from '../heatmap/sinkHatch';
import {
  paintThumb,
  poolFactor,
  poolMax,
  pooledLength,
  thumbImageRect,
  veilBands,
  type ThumbGridLayout,
} from './thumbnails';
import type { BlockView } from './source';

/** One grid cell's caption and accessible name. */
export interface ThumbCaption {
  /** Visible label, e.g. "L3 H7". */
  label: string;
  /** Visible value next to the label (the sort metric), or ''. */
  value: string;
  /** Accessible name of the thumbnail's button. */
  name: string;
  /** Tooltip. */
  title: string;
}

export interface HeadsGridProps {
  view: BlockView;
  /** The heads to draw, in drawing order (row by row). */
  order: readonly HeadRef[];
  /** Caption of each drawn head, same order as `order`. */
  captions: readonly ThumbCaption[];
  /** Where each thumbnail goes (`thumbGridLayout` for `order.length`). */
  layout: ThumbGridLayout;
  /** RGB lookup table of the colour map (256 entries). */
  lut: Uint8ClampedArray;
  /**
   * Linear or log colours, and whether the first token is left out (each thumbnail is then scaled
   * to its head's largest weight on the other keys, and its first pooled column is hatched).
   * Default linear, every key counted.
   */
  scale?: ColorScaleOptions;
  /** The head the Attention tab shows (outlined). */
  current: HeadRef;
  /** Accessible name of the grid picture. */
  label: string;
  /** True while a newer run computes (the grid is dimmed). */
  stale: boolean;
  onOpen: (ref: HeadRef) => void;
  /**
   * Switching heads off (ablation): whether each head of the block is off, the toggle's accessible
   * name, and what a press does. Without it the thumbnails have no toggle.
   */
  switchOff?: {
    isOff: (ref: HeadRef) => boolean;
    name: (ref: HeadRef) => string;
    /** Appended to an off head's thumbnail name and tooltip. */
    offName: (name: string) => string;
    onToggle: (ref: HeadRef) => void;
  };
  /** Receives the painter of the row highlight: call it with a query row, or null to clear. */
  highlightRef: RefObject<((row: number | null) => void) | null>;
}

/** Max-pooled heads of one layer, cached per layer array and pooling factor. */
interface PooledLayer {
  f: number;
  /** Per head: [pooled rows][pooled cols]. */
  heads: Float32Array[];
  /** Per head: the largest weight (each thumbnail is scaled to its own maximum). */
  max: Float64Array;
}

const pooledCache = new WeakMap<Float32Array, PooledLayer>();

function pooledLayer(data: Float32Array, view: BlockView, f: number): PooledLayer {
  const hit = pooledCache.get(data);
  if (hit && hit.f === f) return hit;
  const { heads, queryLength: rows, keyLength: cols } = view.block;
  const size = pooledLength(rows, f) * pooledLength(cols, f);
  const out: PooledLayer = { f, heads: [], max: new Float64Array(heads) };
  for (let h = 0; h < heads; h++) {
    const pooled = new Float32Array(size);
    out.max[h] = poolMax(data, h * rows * cols, rows, cols, f, pooled);
    out.heads.push(pooled);
  }
  pooledCache.set(data, out);
  return out;
}

/** Per head of one layer: the largest weight on the keys after the first (cached per layer). */
const restMaxCache = new WeakMap<Float32Array, Float64Array>();

function restMax(data: Float32Array, view: BlockView): Float64Array {
  const hit = restMaxCache.get(data);
  if (hit) return hit;
  const { heads, queryLength: rows, keyLength: cols } = view.block;
  const out = new Float64Array(heads);
  for (let h = 0; h < heads; h++) out[h] = matrixTop(data, rows, cols, true, h * rows * cols);
  restMaxCache.set(data, out);
  return out;
}

/**
 * Every head of a block as small heatmaps in ONE canvas: each head max-pooled to at most one pixel
 * per device pixel, written into one atlas image, then scaled into place with smoothing off. The
 * row highlight is made of veils moved by `transform` above the canvas, so hovering never repaints
 * the heads. Buttons over the
 * thumbnails make them clickable and focusable.
 */
export function HeadsGrid({
  view,
  order,
  captions,
  layout,
  lut,
  scale = PLAIN_SCALE,
  current,
  label,
  stale,
  onOpen,
  switchOff,
  highlightRef,
}: HeadsGridProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const veilsRef = useRef<HTMLDivElement>(null);
  const atlasRef = useRef<HTMLCanvasElement | null>(null);
  const paintCount = useRef(0);
  const rowRef = useRef<number | null>(null);
  const rows = view.block.queryLength;
  const cols = view.block.keyLength;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const veilBox = veilsRef.current;
    if (!canvas || !veilBox) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
    const f = poolFactor(rows, cols, layout.thumb * dpr);
    const pr = pooledLength(rows, f);
    const pc = pooledLength(cols, f);
    const skipFirst = leavesOutFirst(scale, cols);

    // 1. Every shown head's pooled pixels into one atlas image (one putImageData).
    const atlasCols = Math.max(1, Math.min(layout.columns, order.length));
    const atlasRows = Math.max(1, Math.ceil(order.length / atlasCols));
    const atlas = (atlasRef.current ??= document.createElement('canvas'));
    atlas.width = atlasCols * pc;
    atlas.height = atlasRows * pr;
    const actx = atlas.getContext('2d');
    if (!actx) return;
    if (order.length > 0) {
      const image = actx.createImageData(atlas.width, atlas.height);
      order.forEach((ref, i) => {
        const data = view.data[ref.layer];
        if (!data) return;
        const pooled = pooledLayer(data, view, f);
        const x0 = (i % atlasCols) * pc;
        const y0 = Math.floor(i / atlasCols) * pr;
        const top = skipFirst ? restMax(data, view)[ref.head]! : pooled.max[ref.head]!;
        paintThumb(
          pooled.heads[ref.head]!,
          pr,
          pc,
          top,
          image.data,
          atlas.width,
          x0,
          y0,
          lut,
          makeCellScale(top, scale.kind, skipFirst),
        );
      });
      actx.putImageData(image, 0, 0);
    }

    // 2. Scale each thumbnail into place, nearest neighbour.
    const width = Math.max(1, Math.round(layout.width * dpr));
    const height = Math.max(1, Math.round(layout.height * dpr));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, layout.width, layout.height);
    ctx.imageSmoothingEnabled = false;
    const images = order.map((_, i) => thumbImageRect(layout.rects[i]!, rows, cols));
    images.forEach((r, i) => {
      const sx = (i % atlasCols) * pc;
      const sy = Math.floor(i / atlasCols) * pr;
      ctx.drawImage(atlas, sx, sy, pc, pr, r.x, r.y, r.width, r.height);
      // The left-out first token: its pooled column hatched, not coloured.
      if (skipFirst) drawSinkHatch(ctx, r.x, r.y, r.width / pc, r.height, 4);
    });
    // Read by the browser tests and the UI benchmark: what was painted, and how many times.
    canvas.dataset.shape = `${view.block.layers}x${view.block.heads}x${rows}`;
    canvas.dataset.painted = String(++paintCount.current);
    canvas.dataset.scale = `${scale.kind}${skipFirst ? '-sink' : ''}`;

    // 3. The row highlight: in every row of thumbnails, two veils dim the images above and below
    // the highlighted query row. The veils are 1 × 1 px elements on their own compositing layers,
    // moved and stretched with `transform` only: a hover repaints no pixel of the heads (nor of
    // anything else), the compositor just moves 2 × (grid rows) solid quads. The gaps between
    // thumbnails are page background, so a veil may span the whole grid width.
    const veils = Array.from(veilBox.children) as HTMLElement[];
    const gridRows = Math.ceil(order.length / layout.columns);
    const highlight = (row: number | null): void => {
      rowRef.current = row;
      const on = row !== null && row >= 0 && row < rows;
      veils.forEach((veil, j) => {
        const gr = Math.floor(j / 2);
        const image = images[gr * layout.columns];
        if (!on || !image || gr >= gridRows) {
          if (veil.style.visibility !== 'hidden') veil.style.visibility = 'hidden';
          return;
        }
        const bands = veilBands(image, row, rows, f);
        const band = j % 2 === 0 ? bands.above : bands.below;
        veil.style.transform = `translate(0px, ${band.y}px) scale(${layout.width}, ${band.height})`;
        if (veil.style.visibility !== 'visible') veil.style.visibility = 'visible';
      });
    };
    highlight(rowRef.current);
    highlightRef.current = highlight;
  }, [view, order, layout, lut, scale, rows, cols, highlightRef]);

  return (
    <div
      className={`an-grid${stale ? ' is-stale' : ''}`}
      style={{ width: layout.width, height: layout.height }}
    >
      <canvas
        ref={canvasRef}
        className="an-grid-canvas"
        role="img"
        aria-label={label}
        style={{ width: layout.width, height: layout.height }}
      />
      <div ref={veilsRef} className="an-veils" aria-hidden="true">
        {Array.from({ length: 2 * layout.rows }, (_, j) => (
          <span key={j} className="an-veil" />
        ))}
      </div>
      {order.map((ref, i) => {
        const rect = layout.rects[i]!;
        const caption = captions[i];
        const isCurrent = ref.layer === current.layer && ref.head === current.head;
        const off = switchOff?.isOff(ref) ?? false;
        const name = caption && off && switchOff ? switchOff.offName(caption.name) : caption?.name;
        const title =
          caption && off && switchOff ? switchOff.offName(caption.title) : caption?.title;
        return (
          <Fragment key={`${ref.layer}-${ref.head}`}>
            <button
              type="button"
              className={`an-thumb${isCurrent ? ' is-current' : ''}${off ? ' is-off' : ''}`}
              style={{
                left: rect.x,
                top: rect.y,
                width: rect.size,
                height: rect.size + layout.labelHeight,
              }}
              aria-label={name}
              title={title}
              onClick={() => onOpen(ref)}
            >
              {/* A switched-off head: its picture dimmed and struck through (it still attends). */}
              {off && (
                <span className="an-thumb-off" style={{ height: rect.size }} aria-hidden="true" />
              )}
              <span className="an-thumb-label" style={{ top: rect.size }}>
                <span>{caption?.label}</span>
                {caption?.value && <span className="an-thumb-value">{caption.value}</span>}
              </span>
            </button>
            {switchOff && (
              <button
                type="button"
                className="an-thumb-toggle"
                style={{ left: rect.x + rect.size - 20, top: rect.y + 2 }}
                aria-pressed={off}
                aria-label={switchOff.name(ref)}
                title={switchOff.name(ref)}
                onClick={() => switchOff.onToggle(ref)}
              >
                ⊘
              </button>
            )}
          </Fragment>
        );
      })}
    </div>
  );
}
