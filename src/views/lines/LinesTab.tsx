import { memo, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { useElementWidth } from '../common/useElementWidth';
import { KIND_CODES } from '../export/filename';
import { pictureTitle } from '../export/pictureTitle';
import { modelIdOf } from '../export/heatmapExport';
import { PictureExport } from '../export/PictureExport';
import { AnalysisStatus, SentenceSwitch } from '../heads/common';
import { useAnalysisSource } from '../heads/source';
import { FOCUS_TOKENS, useFocusWindow } from './useFocusWindow';
import {
  ALL_LINES_MAX_TOKENS,
  batchLines,
  collectLines,
  headColor,
  keyY,
  linesLayout,
  queryY,
  type LinesLayout,
} from './geometry';
import { linesLabels, linesSvg } from './linesExport';
import '../heads/analysis.css';
import { axesKey } from '../translation/directionText';
import './lines.css';

/** The token under the pointer (or with focus): a query on the left or a key on the right. */
interface Hovered {
  side: 'query' | 'key';
  index: number;
}

/**
 * The Lines tab (BertViz's head view): the chosen layer's query tokens on the left, key tokens on
 * the right, a line per head and token pair whose opacity is the weight, one colour per head.
 * Heads are toggled with checkboxes; hovering a token keeps only its lines. Lines are drawn on a
 * canvas in batches (one path per head and opacity step); above 64 tokens a side, only the
 * hovered token's lines are drawn.
 */
export function LinesTab() {
  const t = useT();
  const ids = useId();
  const slot = useAppStore((s) => s.analysisSlot);
  const storeLayer = useAppStore((s) => s.layer);
  const model = useAppStore((s) => s.model);
  const kind = useAppStore((s) => s.kind);
  const direction = useAppStore((s) => s.direction);
  const hidden = useAppStore((s) => s.hiddenLineHeads);
  const sentence = useAppStore((s) => s.sentences[slot]);
  const toggleHead = useAppStore((s) => s.toggleLineHead);
  const setAll = useAppStore((s) => s.setAllLineHeads);
  const fullSource = useAnalysisSource(slot);
  // A long input served on demand: a focus window (the zoomed heatmap's tokens) instead.
  const focus = useFocusWindow(slot, storeLayer);
  const source = focus ? { ...fullSource, view: focus.view, onDemand: false } : fullSource;
  const { view } = source;
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(bodyRef);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  const heads = view?.block.heads ?? 0;
  const layer = view ? Math.min(storeLayer, view.block.layers - 1) : 0;
  const rows = view?.block.queryLength ?? 0;
  const cols = view?.block.keyLength ?? 0;
  const allLines = Math.max(rows, cols) <= ALL_LINES_MAX_TOKENS;
  const visible = useMemo(
    () => Array.from({ length: heads }, (_, h) => h).filter((h) => !hidden.includes(h)),
    [heads, hidden],
  );
  const layout = useMemo(() => linesLayout(rows, cols, width), [rows, cols, width]);
  const hover =
    hovered && hovered.index < (hovered.side === 'query' ? rows : cols) ? hovered : null;

  const lines = useMemo(() => {
    const data = view?.data[layer];
    if (!data || (!allLines && !hover)) return [];
    return collectLines(data, rows, cols, visible, {
      query: hover?.side === 'query' ? hover.index : null,
      key: hover?.side === 'key' ? hover.index : null,
    });
  }, [view, layer, rows, cols, visible, hover, allLines]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    drawLines(canvas, layout, lines, heads, hover !== null);
  }, [layout, lines, heads, hover]);

  const name = t(slot === 'A' ? 'input.sentenceA' : 'input.sentenceB');
  const exportTitle = `${t('lines.heading')} · ${name} · ${t('lines.layer', { layer: layer + 1 })}`;
  const colors = useMemo(
    () => Array.from({ length: heads }, (_, h) => headColor(h, heads)),
    [heads],
  );

  return (
    <section className="panel an-panel" aria-labelledby={`${ids}-title`}>
      <div className="an-head">
        <div>
          <h2 id={`${ids}-title`}>{t('lines.heading')}</h2>
          <p className="panel-note">
            {model === 'translator' ? `${t(`view.kind.${kind}`)} · ` : ''}
            {t('lines.layer', { layer: layer + 1 })}
          </p>
        </div>
        <div className="an-toolbar">
          <SentenceSwitch />
        </div>
      </div>
      <div ref={bodyRef} className="an-body">
        <AnalysisStatus source={source} />
        {focus && (
          <p className="an-help" role="note">
            {t('longInput.linesFocus', {
              tokens: fullSource.tokens ?? 0,
              r0: focus.window.rows[0] + 1,
              r1: focus.window.rows[1],
              c0: focus.window.cols[0] + 1,
              c1: focus.window.cols[1],
              max: FOCUS_TOKENS,
            })}
          </p>
        )}
        {focus?.error && (
          <p className="heatmap-error" role="alert">
            {t('zoom.error', { message: focus.error })}
          </p>
        )}
        {view && (
          <>
            <fieldset className="ln-heads">
              <legend>{t('lines.heads')}</legend>
              {colors.map((color, h) => (
                <label key={h} className="ln-head">
                  <input
                    type="checkbox"
                    checked={!hidden.includes(h)}
                    onChange={() => toggleHead(h)}
                  />
                  <span className="ln-swatch" style={{ background: color }} aria-hidden="true" />
                  {t('lines.head', { head: h + 1 })}
                </label>
              ))}
              <span className="ln-head-actions">
                <button type="button" className="button" onClick={() => setAll(true, heads)}>
                  {t('lines.all')}
                </button>
                <button type="button" className="button" onClick={() => setAll(false, heads)}>
                  {t('lines.none')}
                </button>
              </span>
            </fieldset>
            <p className="an-help">
              {allLines ? t('lines.help') : t('lines.helpLong', { max: ALL_LINES_MAX_TOKENS })}
            </p>
            {model === 'translator' && (
              <p className="heatmap-axes">{t(axesKey(kind, direction))}</p>
            )}
            <div className="ln-axes" style={{ width: layout.width }} aria-hidden="true">
              <span style={{ width: layout.labelWidth }}>{t('lines.queryAxis')}</span>
              <span style={{ width: layout.labelWidth }}>{t('lines.keyAxis')}</span>
            </div>
            <PictureExport
              label={t('export.lines')}
              what={`${model === 'translator' ? `${KIND_CODES[kind]}_` : ''}lines_L${layer + 1}`}
              sentence={sentence}
              disabled={source.state === 'loading'}
              picture={async () => {
                const canvas = canvasRef.current;
                if (!canvas) return null;
                // The picture code loads on export, not with the page.
                const { canvasComposite } = await import('../export/composite');
                return canvasComposite({
                  title: pictureTitle(
                    modelIdOf(useAppStore.getState()),
                    `${t('lines.heading')} · ${t('lines.layer', { layer: layer + 1 })}`,
                    [{ name, text: sentence }],
                  ),
                  width: layout.width,
                  height: layout.height,
                  canvases: [
                    {
                      canvas,
                      x: layout.leftX,
                      y: 0,
                      width: layout.rightX - layout.leftX,
                      height: layout.height,
                    },
                  ],
                  // Token labels, vertically centred on their line ends (alphabetic baseline).
                  labels: linesLabels(layout, view.rowTokens, view.colTokens).map((l) => ({
                    text: l.text,
                    x: l.x,
                    y: l.y + 12 * 0.35,
                    size: 12,
                    mono: true,
                    anchor: l.align === 'right' ? ('end' as const) : ('start' as const),
                  })),
                });
              }}
              svg={() =>
                linesSvg({
                  layout,
                  lines,
                  heads,
                  queryTokens: view.rowTokens,
                  keyTokens: view.colTokens,
                  title: exportTitle,
                  lineWidth: hover ? 2.5 : 1.6,
                })
              }
            />
            <div className={`ln-scroll${source.state === 'loading' ? ' is-stale' : ''}`}>
              <div className="ln-frame" style={{ width: layout.width, height: layout.height }}>
                <TokenColumn
                  side="query"
                  tokens={view.rowTokens}
                  layout={layout}
                  active={hover?.side === 'query' ? hover.index : null}
                  label={t('lines.queries', { name })}
                  onHover={setHovered}
                />
                <canvas
                  ref={canvasRef}
                  className="ln-canvas"
                  role="img"
                  aria-label={t('lines.canvasLabel', {
                    name,
                    layer: layer + 1,
                    count: lines.length,
                  })}
                  data-lines={lines.length}
                  style={{
                    left: layout.leftX,
                    width: layout.rightX - layout.leftX,
                    height: layout.height,
                  }}
                />
                <TokenColumn
                  side="key"
                  tokens={view.colTokens}
                  layout={layout}
                  active={hover?.side === 'key' ? hover.index : null}
                  label={t('lines.keys', { name })}
                  onHover={setHovered}
                />
              </div>
            </div>
            <p className="an-status" aria-live="polite">
              {hover
                ? t(hover.side === 'query' ? 'lines.fromToken' : 'lines.toToken', {
                    token:
                      (hover.side === 'query' ? view.rowTokens : view.colTokens)[hover.index] ?? '',
                    count: lines.length,
                  })
                : t('lines.count', { count: lines.length })}
            </p>
          </>
        )}
      </div>
    </section>
  );
}

interface TokenColumnProps {
  side: Hovered['side'];
  tokens: readonly string[];
  layout: LinesLayout;
  active: number | null;
  label: string;
  onHover: (hovered: Hovered | null) => void;
}

/** One column of token buttons; hovering or focusing one keeps only its lines. */
const TokenColumn = memo(function TokenColumn({
  side,
  tokens,
  layout,
  active,
  label,
  onHover,
}: TokenColumnProps) {
  const top = side === 'query' ? layout.rowTop : layout.colTop;
  return (
    <ul
      className={`ln-col ln-col-${side}`}
      aria-label={label}
      style={{
        top,
        left: side === 'query' ? 0 : layout.rightX,
        width: layout.labelWidth,
      }}
      onPointerLeave={() => onHover(null)}
    >
      {tokens.map((text, i) => (
        <li key={i} style={{ height: layout.rowHeight }}>
          <button
            type="button"
            className={`ln-token${active === i ? ' is-active' : ''}`}
            title={text}
            onPointerEnter={() => onHover({ side, index: i })}
            onFocus={() => onHover({ side, index: i })}
            onBlur={() => onHover(null)}
          >
            {text}
          </button>
        </li>
      ))}
    </ul>
  );
});

/** Paints the lines, batched by head and opacity step (the canvas spans the band only). */
function drawLines(
  canvas: HTMLCanvasElement,
  layout: LinesLayout,
  lines: ReturnType<typeof collectLines>,
  heads: number,
  focused: boolean,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const w = Math.max(1, layout.rightX - layout.leftX);
  const h = Math.max(1, layout.height);
  const bw = Math.round(w * dpr);
  const bh = Math.round(h * dpr);
  if (canvas.width !== bw) canvas.width = bw;
  if (canvas.height !== bh) canvas.height = bh;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.lineCap = 'round';
  ctx.lineWidth = focused ? 2.5 : 1.6;
  const x0 = 2;
  const x1 = w - 2;
  for (const group of batchLines(lines)) {
    ctx.strokeStyle = headColor(group.head, heads);
    ctx.globalAlpha = group.alpha;
    ctx.beginPath();
    for (const line of group.lines) {
      ctx.moveTo(x0, queryY(layout, line.query));
      ctx.lineTo(x1, keyY(layout, line.key));
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}
