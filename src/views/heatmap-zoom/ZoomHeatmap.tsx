import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { flushSync } from 'react-dom';
import { useT } from '../../i18n';
import { THUMBNAIL_CELLS } from '../../store/attentionTiles';
import {
  leavesOutFirst,
  makeCellScale,
  type CellScale,
  type ColorScaleOptions,
} from '../heatmap/colorScale';
import { drawSinkHatch } from '../heatmap/sinkHatch';
import {
  axisLabels,
  hasMasked,
  isExactTile,
  poolingOf,
  readoutAt,
  sinkRect,
  tileBudget,
  tileRect,
  tileToRgba,
  tileTop,
  type Readout,
} from './draw';
import type { AttentionTile, FetchTile, TileWindowRequest } from './tile';
import { TileRequests } from './tileRequests';
import {
  MAX_CELL_PX,
  ZOOM_STEP,
  cellAtPoint,
  fitRange,
  keyStep,
  panBy,
  resetView,
  visibleWindow,
  wheelFactor,
  zoomAt,
  type CanvasSize,
  type CellWindow,
  type Viewport,
} from './viewport';
import type { FocusRequest } from './zoomLink';
import { readoutText as readoutWords } from './readoutText';
import { ZoomAxes } from './ZoomAxes';
import './zoom.css';

export interface ZoomHeatmapProps {
  /** Answers a window of one head (the store action behind a container, or a fake in tests). */
  fetchTile: FetchTile;
  /** Query labels, [rows]. */
  queryTokens: readonly string[];
  /** Key labels, [cols]. */
  keyTokens: readonly string[];
  /** 0-based layer and head drawn. */
  layer: number;
  head: number;
  /** Accessible name of the canvas ("Sentence A, layer 1, head 1", as the full heatmap's). */
  label: string;
  /** RGB lookup table of the colour map (256 entries). */
  lut: Uint8ClampedArray;
  /** Linear or log colours, and whether the first token (the sink) is left out and hatched. */
  scaleOptions: ColorScaleOptions;
  /** A weight as the page writes it. */
  formatWeight: (weight: number) => string;
  /** Width available to the labels and the canvas, CSS px (undefined: not measured yet). */
  width: number | undefined;
  /** The latest "zoom to tokens [start, end)" request. */
  focus?: FocusRequest | null;
  /** Told the whole cells in view after every change (the token chips show those rows). */
  onWindowChange?: (window: CellWindow) => void;
  /**
   * A newer run is computing: the picture is dimmed and a failed tile is not reported (the run it
   * asked about is going away).
   */
  stale?: boolean;
  /** Told the colour scale's top and whether the overview has masked blocks (for the legend). */
  onScaleTop?: (top: number, masked: boolean) => void;
}

/** Cells at least this many CSS px wide show their token labels on both axes and an outline. */
const CELL_LABEL_PX = 14;
/** Gutter for the query labels (left) and the key labels (top, turned 90°), CSS px. */
const ROW_GUTTER = 104;
const COL_GUTTER = 76;
/** Canvas side limits, CSS px. */
const MIN_SIDE = 200;
const MAX_SIDE = 720;
/** Requests wait this long for the view to settle (a wheel spin asks once, for where it ends). */
const DEBOUNCE_MS = 60;

/** The pooled (or exact) tile in hand, with its image ready to scale onto the canvas. */
interface Shown {
  tile: AttentionTile;
  layer: number;
  head: number;
  /** The request it answers (`requestKey`), and who answered (a new run brings a new one). */
  key: string;
  fetch: FetchTile;
}

/**
 * One head's attention for inputs of any length: an overview pooled to the canvas's device pixels
 * (each pixel: the largest weight of the cells it covers, as the caption says) that zooms and pans
 * down to single cells with their token labels and exact weights. Wheel zooms about the pointer,
 * dragging pans, the focused canvas takes + / − / arrows / 0 / Home, and Reset fits the whole
 * matrix again. Tiles are asked for once the view settles; while one computes the last tile is
 * scaled to the new view at once, so zoom and hover never wait for the engine.
 */
export function ZoomHeatmap({
  fetchTile,
  queryTokens,
  keyTokens,
  layer,
  head,
  label,
  lut,
  scaleOptions,
  formatWeight,
  width,
  focus,
  onWindowChange,
  onScaleTop,
  stale = false,
}: ZoomHeatmapProps) {
  const t = useT();
  const helpId = useId();
  const readoutId = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rows = queryTokens.length;
  const cols = keyTokens.length;
  const dims = useMemo(() => ({ rows, cols }), [rows, cols]);

  // Canvas size: as wide as the panel allows, square cells, never larger than MAX_CELL_PX a cell.
  const size = useMemo((): CanvasSize => {
    const room = width === undefined ? 480 : width - ROW_GUTTER - 8;
    const longest = Math.max(rows, cols, 1);
    const side = Math.max(MIN_SIDE, Math.min(MAX_SIDE, room, longest * MAX_CELL_PX));
    const cell = side / longest;
    return { width: Math.round(cols * cell), height: Math.round(rows * cell) };
  }, [width, rows, cols]);

  const [view, setView] = useState<Viewport>(() => resetView(dims, size));
  // A new size or shape keeps the centre of what was shown as far as it can: simply refit.
  const [fitted, setFitted] = useState({ dims, size });
  if (fitted.dims !== dims || fitted.size !== size) {
    setFitted({ dims, size });
    setView(resetView(dims, size));
  }

  // "Zoom to these tokens" from the text or the chips.
  const [focusSeen, setFocusSeen] = useState(focus?.seq ?? 0);
  if (focus && focus.seq !== focusSeen) {
    setFocusSeen(focus.seq);
    setView(fitRange(focus.start, focus.end, dims, size));
  }

  // Whole cells in view, one object per distinct window (a sub-cell pan keeps the same one).
  const cellsKey = windowKey(visibleWindow(view, dims, size));
  const cells = useMemo(() => windowFromKey(cellsKey), [cellsKey]);
  useEffect(() => onWindowChange?.(cells), [cells, onWindowChange]);

  // ---- tiles: asked for once the view settles; stale answers dropped --------------------------
  const [shown, setShown] = useState<Shown | null>(null);
  const [overview, setOverview] = useState<Shown | null>(null);
  /** The last failure, with the request it answered. */
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const [requests] = useState(() => new TileRequests());
  const dpr =
    typeof globalThis.devicePixelRatio === 'number'
      ? Math.max(1, Math.min(3, globalThis.devicePixelRatio))
      : 1;
  const budget = useMemo(() => tileBudget(size, dpr), [size, dpr]);
  const wanted = useMemo(
    (): TileWindowRequest => ({
      layer,
      heads: [head],
      rows: cells.rows,
      cols: cells.cols,
      maxRows: budget.maxRows,
      maxCols: budget.maxCols,
    }),
    [layer, head, cells, budget],
  );
  const wantedKey = requestKey(wanted);
  const current = shown && shown.layer === layer && shown.head === head ? shown : null;
  // What the canvas draws: the current head's tile, else the last one (dimmed) until it comes.
  const drawn = current ?? shown;
  // The tile in hand answers this very request (a sub-cell pan asks for nothing new).
  const satisfied = current?.key === wantedKey && current.fetch === fetchTile;
  const error = failure?.message ?? null;
  const pending = !satisfied && failure?.key !== wantedKey;

  useEffect(() => {
    if (satisfied) return;
    const req = wanted;
    requests.ask(
      fetchTile,
      req,
      // The first tile of a head goes at once; later ones wait for the view to settle.
      current ? DEBOUNCE_MS : 0,
      (tile) => {
        const next = {
          tile,
          layer: req.layer,
          head: req.heads[0]!,
          key: wantedKey,
          fetch: fetchTile,
        };
        setShown(next);
        if (tile.rows[0] === 0 && tile.cols[0] === 0 && covers(tile, dims)) setOverview(next);
        setFailure(null);
      },
      (message) => setFailure({ key: wantedKey, message }),
    );
    return () => requests.cancel();
    // `current` only decides the delay: leaving it out avoids a second request when it lands.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requests, wanted, wantedKey, satisfied, fetchTile, dims]);
  useEffect(() => () => requests.dispose(), [requests]);

  // ---- the head's thumbnail: the worker pooled it during the forward and answers it at once, so
  // it is the backdrop while a finer tile computes (seconds for a zoomed-out 4,096-token head).
  const [thumb, setThumb] = useState<Shown | null>(null);
  const small = Math.max(rows, cols) <= THUMBNAIL_CELLS;
  useEffect(() => {
    if (small) return; // the first tile is exact and as quick
    let live = true;
    const req: TileWindowRequest = {
      layer,
      heads: [head],
      rows: [0, rows],
      cols: [0, cols],
      maxRows: THUMBNAIL_CELLS,
      maxCols: THUMBNAIL_CELLS,
    };
    fetchTile(req).then(
      (tile) => {
        if (live) setThumb({ tile, layer, head, key: requestKey(req), fetch: fetchTile });
      },
      // The view's own tile reports failures; the backdrop just stays away.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [fetchTile, layer, head, rows, cols, small]);
  const backdrop =
    thumb && !small && thumb.layer === layer && thumb.head === head && thumb.fetch === fetchTile
      ? thumb
      : null;

  // ---- colours: one scale per head, from the overview (max-pooling keeps the head's maximum) --
  const skipFirst = leavesOutFirst(scaleOptions, cols);
  // Max-pooling keeps a head's largest weight in every pooled picture of it: the overview or the
  // thumbnail give the same top as the full matrix.
  const topTile =
    (overview && overview.layer === layer && overview.head === head ? overview : null) ??
    backdrop ??
    drawn;
  const top = topTile ? tileTop(topTile.tile, 0, skipFirst) : 0;
  const cellScale = useMemo(
    () => makeCellScale(top, scaleOptions.kind, skipFirst),
    [top, scaleOptions.kind, skipFirst],
  );
  useEffect(() => {
    if (topTile) onScaleTop?.(cellScale.max, hasMasked(topTile.tile, 0));
  }, [topTile, cellScale, onScaleTop]);

  // The tiles' pixels, once per tile and scale, in offscreen canvases scaled onto the page's.
  const image = useMemo(() => tileImage(drawn, cellScale, lut), [drawn, cellScale, lut]);
  const backdropImage = useMemo(
    () => tileImage(backdrop, cellScale, lut),
    [backdrop, cellScale, lut],
  );

  // ---- paint: the tile under the view, at device pixels, no smoothing -------------------------
  const paints = useRef(0);
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const start = performance.now();
    const w = Math.round(size.width * dpr);
    const h = Math.round(size.height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.width, size.height);
    ctx.imageSmoothingEnabled = false;
    // The thumbnail under everything; then this head's finer tile over its own rectangle (cleared
    // first: its masked cells are transparent). Another head's tile only while nothing else is in.
    const layers: [Shown, HTMLCanvasElement][] = [];
    if (backdrop && backdropImage) layers.push([backdrop, backdropImage]);
    if (drawn && image && (current || !backdrop)) layers.push([drawn, image]);
    layers.forEach(([shownTile, picture], i) => {
      const r = tileRect(shownTile.tile, view);
      if (i > 0) ctx.clearRect(r.x, r.y, r.width, r.height);
      ctx.drawImage(picture, r.x, r.y, r.width, r.height);
      const sink = sinkRect(shownTile.tile, view, cellScale.hatchFirst);
      if (sink) drawSinkHatch(ctx, sink.x, sink.y, sink.width, sink.height, 5);
    });
    // Read by the browser tests and the benchmark: what is shown and what a frame cost.
    canvas.dataset.painted = String(++paints.current);
    canvas.dataset.view = `${view.scale},${view.x},${view.y}`;
    canvas.dataset.paintMs = (performance.now() - start).toFixed(2);
    canvas.dataset.window = `${cells.rows[0]}-${cells.rows[1]}x${cells.cols[0]}-${cells.cols[1]}`;
    canvas.dataset.tile = current
      ? `${current.tile.rows[0]}-${current.tile.rows[1]}x${current.tile.cols[0]}-${current.tile.cols[1]}`
      : '';
    canvas.dataset.backdrop = backdrop ? `${backdrop.tile.outRows}x${backdrop.tile.outCols}` : '';
    canvas.dataset.mode = !current ? 'none' : isExactTile(current.tile) ? 'exact' : 'pooled';
  }, [current, drawn, image, backdrop, backdropImage, view, size, dpr, cellScale, cells]);

  // ---- input: wheel (non-passive, so the page does not scroll), drag, keys, hover ----------------
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const factor = wheelFactor(e.deltaY, e.deltaMode);
      const px = e.clientX - rect.left;
      const py = e.clientY - rect.top;
      setView((v) => zoomAt(v, factor, px, py, dims, size));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [dims, size]);

  const [hover, setHover] = useState<{ query: number; key: number; keyboard: boolean } | null>(
    null,
  );
  const drag = useRef<{ x: number; y: number; id: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>): void => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    const d = drag.current;
    if (d && d.id === e.pointerId) {
      // The deltas are taken now: the updater runs later, after `d` has moved on.
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      setView((v) => panBy(v, dx, dy, dims, size));
      d.x = e.clientX;
      d.y = e.clientY;
      return;
    }
    const rect = e.currentTarget.getBoundingClientRect();
    const cell = cellAtPoint(view, e.clientX - rect.left, e.clientY - rect.top, dims);
    // Rendered now, inside the event: Chromium hands a pointermove over at the start of a frame,
    // and React would render this (continuous-priority) update in a task after that frame's paint,
    // so the readout showed a frame late (BENCHMARKS.md section 9). A move within a cell renders
    // nothing.
    flushSync(() =>
      setHover((h) =>
        cell
          ? h && !h.keyboard && h.query === cell.query && h.key === cell.key
            ? h
            : { ...cell, keyboard: false }
          : null,
      ),
    );
  };
  const endDrag = (e: PointerEvent<HTMLCanvasElement>): void => {
    if (drag.current?.id !== e.pointerId) return;
    drag.current = null;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>): void => {
    if (e.key === 'Escape') {
      setHover(null);
      return;
    }
    const next = keyStep(view, e.key, dims, size);
    if (!next) return;
    e.preventDefault();
    setView(next);
    // The keyboard's readout: the cell at the centre of the new view.
    const centre = cellAtPoint(next, size.width / 2, size.height / 2, dims);
    setHover(centre ? { ...centre, keyboard: true } : null);
  };

  // ---- what the pointer reads ------------------------------------------------------------------
  const readout: Readout | null = hover
    ? ((current ? readoutAt(current.tile, 0, hover.query, hover.key) : null) ??
      (backdrop ? readoutAt(backdrop.tile, 0, hover.query, hover.key) : null))
    : null;
  const readoutText = readoutWords(t, readout, queryTokens, keyTokens, formatWeight);

  const cellMode = view.scale >= CELL_LABEL_PX;
  const pooling = current ? poolingOf(current.tile) : backdrop ? poolingOf(backdrop.tile) : null;
  const rowLabels = useMemo(
    () => axisLabels(queryTokens, view.y, view.scale, size.height),
    [queryTokens, view.y, view.scale, size.height],
  );
  const colLabels = useMemo(
    () => axisLabels(keyTokens, view.x, view.scale, size.width),
    [keyTokens, view.x, view.scale, size.width],
  );
  const zoomBy = (factor: number): void =>
    setView((v) => zoomAt(v, factor, size.width / 2, size.height / 2, dims, size));
  const hoverBox =
    hover && cellMode
      ? {
          left: (hover.key - view.x) * view.scale,
          top: (hover.query - view.y) * view.scale,
          size: view.scale,
        }
      : null;

  return (
    <div className="zoom-heatmap" data-pending={pending ? 'true' : 'false'}>
      <div className="zoom-toolbar">
        <button type="button" className="button" onClick={() => zoomBy(ZOOM_STEP)}>
          {t('zoom.in')}
        </button>
        <button type="button" className="button" onClick={() => zoomBy(1 / ZOOM_STEP)}>
          {t('zoom.out')}
        </button>
        <button
          type="button"
          className="button zoom-reset"
          onClick={() => {
            setView(resetView(dims, size));
            setHover(null);
          }}
        >
          {t('zoom.reset')}
        </button>
        <span className="zoom-window">
          {t('zoom.window', {
            r0: cells.rows[0] + 1,
            r1: cells.rows[1],
            c0: cells.cols[0] + 1,
            c1: cells.cols[1],
            rows,
            cols,
          })}
        </span>
        {pending && <span className="heatmap-busy">{t('zoom.loading')}</span>}
      </div>
      <p className="zoom-rule">
        {pooling
          ? t('zoom.pooled', { rows: pooling.rows, cols: pooling.cols })
          : current
            ? t('zoom.cells', {
                r0: current.tile.rows[0] + 1,
                r1: current.tile.rows[1],
                c0: current.tile.cols[0] + 1,
                c1: current.tile.cols[1],
              })
            : ''}
      </p>
      {error && !stale && (
        <p className="heatmap-error" role="alert">
          {t('zoom.error', { message: error })}
        </p>
      )}
      <div
        className="zoom-frame"
        style={{
          gridTemplateColumns: `${ROW_GUTTER}px ${size.width}px`,
          gridTemplateRows: `${COL_GUTTER}px ${size.height}px`,
        }}
      >
        <div aria-hidden="true" />
        <ZoomAxes
          rowLabels={rowLabels}
          colLabels={colLabels}
          width={size.width}
          height={size.height}
          rowGutter={ROW_GUTTER}
          colGutter={COL_GUTTER}
          cellMode={cellMode}
          {...(hover ? { activeRow: hover.query, activeCol: hover.key } : {})}
        />
        <div
          className={`zoom-cells${(current || backdrop) && !stale ? '' : ' is-stale'}`}
          style={{ width: size.width, height: size.height }}
        >
          <canvas
            ref={canvasRef}
            className="zoom-canvas"
            role="img"
            aria-label={label}
            aria-describedby={readoutText ? `${readoutId} ${helpId}` : helpId}
            tabIndex={0}
            style={{ width: size.width, height: size.height }}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={endDrag}
            onPointerCancel={endDrag}
            onPointerLeave={() => {
              if (!drag.current) setHover(null);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => {
              if (hover?.keyboard) setHover(null);
            }}
          />
          {hoverBox && (
            <div
              className="zoom-hover"
              aria-hidden="true"
              style={{
                transform: `translate(${hoverBox.left}px, ${hoverBox.top}px)`,
                width: hoverBox.size,
                height: hoverBox.size,
              }}
            />
          )}
        </div>
      </div>
      <p id={readoutId} className="zoom-readout">
        {readoutText || '\u00a0'}
      </p>
      {/* Announced for keyboard moves only: a pointer sweeping the canvas would flood the reader. */}
      <p className="sr-only" aria-live="polite">
        {hover?.keyboard ? readoutText : ''}
      </p>
      <p id={helpId} className="heatmap-help">
        {t('zoom.help')}
      </p>
    </div>
  );
}

function windowKey(w: CellWindow): string {
  return `${w.rows[0]},${w.rows[1]},${w.cols[0]},${w.cols[1]}`;
}

function windowFromKey(key: string): CellWindow {
  const [r0 = 0, r1 = 0, c0 = 0, c1 = 0] = key.split(',').map(Number);
  return { rows: [r0, r1], cols: [c0, c1] };
}

/** A tile's maxima as an offscreen canvas of one pixel per output cell (null outside a page). */
function tileImage(
  shown: Shown | null,
  scale: CellScale,
  lut: Uint8ClampedArray,
): HTMLCanvasElement | null {
  const values = shown?.tile.max[0];
  if (!shown || !values || typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = shown.tile.outCols;
  canvas.height = shown.tile.outRows;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const data = ctx.createImageData(canvas.width, canvas.height);
  data.data.set(tileToRgba(values, shown.tile, scale, lut));
  ctx.putImageData(data, 0, 0);
  return canvas;
}

/** One string per distinct request (what a tile answers). */
function requestKey(r: TileWindowRequest): string {
  return `${r.layer}:${r.heads.join(',')}:${r.rows.join('-')}:${r.cols.join('-')}:${r.maxRows}x${r.maxCols}`;
}

function covers(tile: AttentionTile, dims: { rows: number; cols: number }): boolean {
  return tile.rows[1] >= dims.rows && tile.cols[1] >= dims.cols;
}
