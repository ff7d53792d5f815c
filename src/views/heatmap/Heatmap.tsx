import {
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { headMatrix, matrixMax } from '../../analysis';
import { useT } from '../../i18n';
import { isValueWeighted, shownLayer, useAppStore } from '../../store';
import { useHeatmapSource } from '../../store/selectors';
import type { SentenceSlot } from '../../store/types';
import { useElementWidth } from '../common/useElementWidth';
import { formatWeightIn } from '../../i18n/numbers';
import { HeadOffMark } from '../ablation/HeadOffSwitch';
import { ExportMenu } from '../export/ExportMenu';
import { scaleMax } from './color';
import { colorMapLut } from './colormaps';
import { cellScaleOf, scaledToRgba } from './colorScale';
import { cellAt, computeHeatmapLayout, moveCell, shortenLabel, type AxisLabel } from './layout';
import { CellOutline, CellTooltip, HeatmapGrid } from './HeatmapGrid';
import { ColorLegend } from './Legend';
import { WeightingNote } from '../weighting/WeightingSwitch';
import { axesKey } from '../translation/directionText';

export interface AttentionHeatmapProps {
  /** Which sentence's run to draw. */
  slot: SentenceSlot;
  /** The sentence's name as the page shows it ("Sentence A"); used in the canvas's accessible name. */
  name: string;
}

/** Everything one drawing needs, taken together so labels and cells always match. */
interface Frame {
  queryTokens: string[];
  keyTokens: string[];
  /** Row-major [rows][cols] weights of one head. */
  matrix: Float32Array;
  rows: number;
  cols: number;
  /** 1 where the query may attend the key; null when unknown yet (treated as all allowed). */
  allowed: Uint8Array | null;
  max: number;
  /** Value-weighted α_ij·‖f(x_j)‖ instead of the weights (the Show choice, once norms are in). */
  weighted: boolean;
}

/**
 * One head's attention as a heatmap: query tokens as rows, key tokens as columns. The canvas holds
 * one pixel per cell and is scaled up by CSS with smoothing off; labels are SVG text.
 */
export function AttentionHeatmap({ slot, name }: AttentionHeatmapProps) {
  const t = useT();
  const src = useHeatmapSource(slot);
  const hover = useAppStore((s) => (s.hover && s.hover.slot === slot ? s.hover : null));
  const setHover = useAppStore((s) => s.setHover);
  const tooltipId = useId();
  const helpId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(containerRef);
  const [keyboard, setKeyboard] = useState(false);

  const model = useAppStore((s) => s.model);
  const modelLoading = useAppStore(
    (s) => s.model === 'translator' && s.translatorLoad.state === 'loading',
  );
  const chosenKind = useAppStore((s) => s.kind);
  const direction = useAppStore((s) => s.direction);
  const colorMap = useAppStore((s) => s.colorMap);
  const colorScale = useAppStore((s) => s.colorScale);
  const leaveOutFirst = useAppStore((s) => s.leaveOutFirst);
  const language = useAppStore((s) => s.language);
  const weighting = useAppStore((s) => s.weighting);

  const frame = useMemo((): Frame | null => {
    const { block, tokens } = src;
    // Value-weighted once the block's norms are in; while a run that will bring them streams,
    // nothing new (the last drawing stays); a finished run without them shows the weights.
    const weighted = isValueWeighted(block, weighting);
    const layerData =
      block && weighted
        ? shownLayer(block, src.layer, 'value')
        : weighting === 'value' && src.state === 'loading'
          ? null
          : src.layerData;
    if (!block || !layerData || tokens.length === 0) return null;
    // Blocks label their own axes when they are not the input tokens (the translator's decoder).
    const texts = tokens.map((tk) => tk.text);
    const queryTokens = block.rowTokens ?? texts;
    const keyTokens = block.colTokens ?? texts;
    if (block.queryLength !== queryTokens.length || block.keyLength !== keyTokens.length)
      return null;
    const matrix = headMatrix(layerData, src.head, block.queryLength, block.keyLength);
    return {
      queryTokens,
      keyTokens,
      matrix,
      rows: block.queryLength,
      cols: block.keyLength,
      allowed:
        src.mask && src.mask.rows === block.queryLength && src.mask.cols === block.keyLength
          ? src.mask.allowed
          : null,
      max: scaleMax(matrixMax(matrix)),
      weighted,
    };
  }, [src, weighting]);

  // While a new run streams in, keep showing the last complete drawing (dimmed) instead of flashing.
  const [lastFrame, setLastFrame] = useState<Frame | null>(frame);
  if (frame && frame !== lastFrame) setLastFrame(frame);
  const shown = frame ?? (src.state === 'loading' ? lastFrame : null);

  // The colour scale under the display preferences (log, first token left out).
  const scale = useMemo(
    () =>
      shown
        ? cellScaleOf(shown.matrix, shown.rows, shown.cols, { kind: colorScale, leaveOutFirst })
        : null,
    [shown, colorScale, leaveOutFirst],
  );

  const dataState =
    src.state === 'empty'
      ? 'empty'
      : src.state === 'error'
        ? 'error'
        : src.state === 'ready' && frame
          ? 'ready'
          : 'loading';

  const layout = useMemo(
    () =>
      shown
        ? computeHeatmapLayout(shown.queryTokens, shown.keyTokens, {
            availableWidth: width,
            minCell: 8,
            maxCell: 44,
          })
        : null,
    [shown, width],
  );

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !shown || !scale) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const rgba = scaledToRgba(
      shown.matrix,
      shown.rows,
      shown.cols,
      scale,
      colorMapLut(colorMap),
      shown.allowed ?? undefined,
    );
    const image = ctx.createImageData(shown.cols, shown.rows);
    image.data.set(rgba);
    ctx.putImageData(image, 0, 0);
  }, [shown, scale, colorMap]);

  const label = t('heatmap.label', { name, layer: src.layer + 1, head: src.head + 1 });
  // What the rows and columns are, for the translator's three kinds (one line under the map).
  const kind = src.block?.kind ?? chosenKind;
  const headOff = useAppStore((s) =>
    s.ablation.heads.some((h) => h.kind === kind && h.layer === src.layer && h.head === src.head),
  );
  const axes = model === 'translator' ? t(axesKey(kind, direction)) : null;
  const loadFailed = dataState === 'error' && src.errorStage === 'load';
  const hoverCell =
    hover && shown && hover.query < shown.rows && hover.key < shown.cols ? hover : null;
  const hoverWeight =
    hoverCell && shown ? (shown.matrix[hoverCell.query * shown.cols + hoverCell.key] ?? 0) : 0;
  const hoverText =
    hoverCell && shown
      ? t('heatmap.announce', {
          query: shown.queryTokens[hoverCell.query] ?? '',
          key: shown.keyTokens[hoverCell.key] ?? '',
          weight: formatWeightIn(language, hoverWeight),
        })
      : '';

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    if (!layout || !shown) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const cell = cellAt(
      e.clientX - rect.left,
      e.clientY - rect.top,
      layout.cellSize,
      shown.rows,
      shown.cols,
    );
    setKeyboard(false);
    setHover(cell ? { slot, ...cell } : null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>): void => {
    if (!shown) return;
    if (e.key === 'Escape' && hoverCell) {
      e.preventDefault();
      setHover(null);
      return;
    }
    const from = hoverCell ?? { query: 0, key: 0 };
    const next = hoverCell
      ? moveCell(from, e.key, shown.rows, shown.cols)
      : e.key.startsWith('Arrow')
        ? from
        : null;
    if (!next) return;
    e.preventDefault();
    setKeyboard(true);
    setHover({ slot, ...next });
    if (layout) scrollCellIntoView(e.currentTarget, next, layout);
  };

  return (
    <figure className="heatmap" data-state={dataState} data-slot={slot}>
      <figcaption className="heatmap-caption">
        <span className="heatmap-caption-main">
          {model === 'translator' && (
            <span className="heatmap-kind">{t(`view.kind.${kind}`)} · </span>
          )}
          {t('heatmap.caption', { layer: src.layer + 1, head: src.head + 1 })}
          <HeadOffMark off={headOff} />
        </span>
        {dataState === 'loading' && (
          <span className="heatmap-busy">
            {modelLoading ? t('heatmap.loadingModel') : t('heatmap.loading')}
          </span>
        )}
      </figcaption>
      <ExportMenu slot={slot} name={name} />

      <div ref={containerRef} className="heatmap-body">
        {dataState === 'empty' && <p className="heatmap-empty">{t('heatmap.empty')}</p>}
        {/* A model that did not load is reported once, above the sentences. */}
        {loadFailed && <p className="heatmap-empty">{t('heatmap.notLoaded')}</p>}
        {dataState === 'error' && !loadFailed && (
          <p className="heatmap-error" role="alert">
            {t('error.engine', { message: src.error ?? '' })}
          </p>
        )}
        {dataState === 'loading' && !shown && (
          <div className="heatmap-skeleton" aria-hidden="true">
            <span className="spinner" />
          </div>
        )}
        {shown && layout && dataState !== 'empty' && dataState !== 'error' && (
          <>
            <div className={`heatmap-scroll${dataState === 'loading' ? ' is-stale' : ''}`}>
              <HeatmapGrid
                layout={layout}
                colLabels={withHovered(
                  layout.colLabels,
                  hoverCell?.key,
                  shown.keyTokens,
                  layout.cellSize,
                )}
                rowLabels={withHovered(
                  layout.rowLabels,
                  hoverCell?.query,
                  shown.queryTokens,
                  layout.cellSize,
                )}
                activeColumn={hoverCell?.key}
                isRowActive={(i) => i === hoverCell?.query}
              >
                <canvas
                  ref={canvasRef}
                  className="heatmap-canvas"
                  role="img"
                  aria-label={label}
                  aria-describedby={hoverCell ? tooltipId : helpId}
                  tabIndex={0}
                  width={shown.cols}
                  height={shown.rows}
                  style={{ width: layout.gridWidth, height: layout.gridHeight }}
                  onPointerMove={onPointerMove}
                  onPointerLeave={() => setHover(null)}
                  onKeyDown={onKeyDown}
                  onBlur={() => {
                    if (keyboard) setHover(null);
                    setKeyboard(false);
                  }}
                />
                {scale?.hatchFirst && (
                  <div
                    className="heatmap-sink"
                    aria-hidden="true"
                    style={{ width: layout.cellSize, height: layout.gridHeight }}
                  />
                )}
                {hoverCell && (
                  <>
                    <svg
                      className="heatmap-overlay"
                      width={layout.gridWidth}
                      height={layout.gridHeight}
                      aria-hidden="true"
                    >
                      <rect
                        className="overlay-row"
                        x={0}
                        y={hoverCell.query * layout.cellSize}
                        width={layout.gridWidth}
                        height={layout.cellSize}
                      />
                      <CellOutline cell={hoverCell} cellSize={layout.cellSize} />
                    </svg>
                    <CellTooltip
                      id={tooltipId}
                      cell={hoverCell}
                      cols={shown.cols}
                      cellSize={layout.cellSize}
                    >
                      {hoverText}
                    </CellTooltip>
                  </>
                )}
              </HeatmapGrid>
            </div>
            {axes && <p className="heatmap-axes">{axes}</p>}
            <ColorLegend
              max={scale?.max ?? shown.max}
              scale={scale ?? undefined}
              showMasked={shown.allowed?.includes(0) ?? false}
              {...(shown.weighted ? { title: t('weighting.legend') } : {})}
            />
            {shown.weighted && <WeightingNote />}
            {weighting === 'value' && !shown.weighted && dataState === 'ready' && (
              <p className="weighting-note">{t('weighting.unavailable')}</p>
            )}
          </>
        )}
      </div>
      <p id={helpId} className="heatmap-help">
        {t('heatmap.help')} <span className="sr-only">{t('heatmap.keyboardHint')}</span>
      </p>
      <p className="sr-only" aria-live="polite">
        {keyboard && hoverCell ? hoverText : ''}
      </p>
    </figure>
  );
}

/** Scrolls the heatmap's scroll box so a keyboard-chosen cell is not hidden under the sticky labels. */
function scrollCellIntoView(
  canvas: HTMLCanvasElement,
  cell: { query: number; key: number },
  layout: { cellSize: number; rowLabelWidth: number; colLabelHeight: number },
): void {
  const box = canvas.closest('.heatmap-scroll');
  if (!box) return;
  const size = layout.cellSize;
  const x = layout.rowLabelWidth + cell.key * size;
  const y = layout.colLabelHeight + cell.query * size;
  let { scrollLeft, scrollTop } = box;
  if (x - layout.rowLabelWidth < scrollLeft) scrollLeft = x - layout.rowLabelWidth;
  else if (x + size > scrollLeft + box.clientWidth) scrollLeft = x + size - box.clientWidth;
  if (y - layout.colLabelHeight < scrollTop) scrollTop = y - layout.colLabelHeight;
  else if (y + size > scrollTop + box.clientHeight) scrollTop = y + size - box.clientHeight;
  if (scrollLeft !== box.scrollLeft || scrollTop !== box.scrollTop)
    box.scrollTo({ left: scrollLeft, top: scrollTop });
}

/** The thinned labels plus the hovered one (so the hovered row/column is always named). */
function withHovered(
  labels: AxisLabel[],
  index: number | undefined,
  tokens: string[],
  cellSize: number,
): AxisLabel[] {
  if (index === undefined || labels.some((l) => l.index === index)) return labels;
  const full = tokens[index] ?? '';
  // Drop neighbours that would overlap the hovered label.
  const kept = labels.filter((l) => Math.abs(l.index - index) * cellSize >= 14);
  return [
    ...kept,
    { index, full, text: shortenLabel(full, 14), center: index * cellSize + cellSize / 2 },
  ];
}
