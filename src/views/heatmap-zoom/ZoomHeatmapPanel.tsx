import { useCallback, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { formatWeightIn } from '../../i18n/numbers';
import { useAppStore } from '../../store';
import { useHeatmapSource } from '../../store/selectors';
import type { SentenceSlot } from '../../store/types';
import { HeadOffMark } from '../ablation/HeadOffSwitch';
import { useElementWidth } from '../common/useElementWidth';
import { makeCellScale } from '../heatmap/colorScale';
import { colorMapLut } from '../heatmap/colormaps';
import { ColorLegend } from '../heatmap/Legend';
import type { FetchTile } from './tile';
import { requestTile } from './tileSource';
import type { CellWindow } from './viewport';
import { ZoomHeatmap } from './ZoomHeatmap';
import { useZoomLink } from './zoomLink';

export interface ZoomHeatmapPanelProps {
  /** Which sentence's run to draw. */
  slot: SentenceSlot;
  /** The sentence's name as the page shows it ("Sentence A"); used in the canvas's accessible name. */
  name: string;
}

/**
 * The Attention tab's heatmap for long or on-demand inputs: reads the chosen block, layer and head
 * from the store, gives the zoomable heatmap a `fetchTile` bound to the sentence and kind (the
 * store action), and links its window with the token chips. Same figure, caption and accessible
 * name as the full heatmap.
 */
export function ZoomHeatmapPanel({ slot, name }: ZoomHeatmapPanelProps) {
  const t = useT();
  const src = useHeatmapSource(slot);
  const language = useAppStore((s) => s.language);
  const colorMap = useAppStore((s) => s.colorMap);
  const colorScale = useAppStore((s) => s.colorScale);
  const leaveOutFirst = useAppStore((s) => s.leaveOutFirst);
  const weighting = useAppStore((s) => s.weighting);
  const focus = useZoomLink((s) => s.focus[slot]);
  const setWindow = useZoomLink((s) => s.setWindow);
  const bodyRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(bodyRef);
  const [top, setTop] = useState<number | null>(null);
  const [maskedSeen, setMaskedSeen] = useState(false);
  const onScaleTop = useCallback((max: number, masked: boolean) => {
    setTop(max);
    setMaskedSeen(masked);
  }, []);

  const { block, tokens } = src;
  const kind = block?.kind;
  const rowsLabels = useMemo(
    () => block?.rowTokens ?? tokens.map((tk) => tk.text),
    [block?.rowTokens, tokens],
  );
  const colsLabels = useMemo(
    () => block?.colTokens ?? tokens.map((tk) => tk.text),
    [block?.colTokens, tokens],
  );
  const fits =
    !!block &&
    block.queryLength === rowsLabels.length &&
    block.keyLength === colsLabels.length &&
    block.queryLength > 0;

  // One fetchTile per run block: the view drops tiles of an older one by itself.
  const fetchTile = useCallback<FetchTile>(
    (req) =>
      block ? requestTile(slot, block, req) : Promise.reject(new Error('No attention yet.')),
    [block, slot],
  );
  const onWindowChange = useCallback((w: CellWindow) => setWindow(slot, w), [setWindow, slot]);
  const formatWeight = useCallback((v: number) => formatWeightIn(language, v), [language]);
  const scaleOptions = useMemo(
    () => ({ kind: colorScale, leaveOutFirst }),
    [colorScale, leaveOutFirst],
  );
  const legendScale = useMemo(
    () =>
      top === null ? null : makeCellScale(top, colorScale, leaveOutFirst && colsLabels.length > 1),
    [top, colorScale, leaveOutFirst, colsLabels.length],
  );

  // Scanned once per mask (16M cells at 4,096 tokens), not at every frame.
  const mask = block?.mask;
  const masked = useMemo(() => mask?.allowed.includes(0) ?? false, [mask]);
  const headOff = useAppStore((s) =>
    s.ablation.heads.some(
      (h) => h.kind === (kind ?? s.kind) && h.layer === src.layer && h.head === src.head,
    ),
  );
  const dataState =
    src.state === 'empty'
      ? 'empty'
      : src.state === 'error'
        ? 'error'
        : src.state === 'ready' && fits
          ? 'ready'
          : 'loading';

  return (
    <figure className="heatmap heatmap-zoom" data-state={dataState} data-slot={slot}>
      <figcaption className="heatmap-caption">
        <span className="heatmap-caption-main">
          {t('heatmap.caption', { layer: src.layer + 1, head: src.head + 1 })}
          <HeadOffMark off={headOff} />
        </span>
        {dataState === 'loading' && <span className="heatmap-busy">{t('heatmap.loading')}</span>}
      </figcaption>
      <div ref={bodyRef} className="heatmap-body">
        {dataState === 'empty' && <p className="heatmap-empty">{t('heatmap.empty')}</p>}
        {dataState === 'error' && (
          <p className="heatmap-error" role="alert">
            {t('error.engine', { message: src.error ?? '' })}
          </p>
        )}
        {dataState === 'loading' && !fits && (
          <div className="heatmap-skeleton" aria-hidden="true">
            <span className="spinner" />
          </div>
        )}
        {fits && dataState !== 'error' && (
          <>
            <ZoomHeatmap
              fetchTile={fetchTile}
              queryTokens={rowsLabels}
              keyTokens={colsLabels}
              layer={src.layer}
              head={src.head}
              label={t('heatmap.label', { name, layer: src.layer + 1, head: src.head + 1 })}
              lut={colorMapLut(colorMap)}
              scaleOptions={scaleOptions}
              formatWeight={formatWeight}
              width={width}
              focus={focus}
              onWindowChange={onWindowChange}
              onScaleTop={onScaleTop}
              stale={dataState === 'loading'}
            />
            {legendScale && (
              <ColorLegend
                max={legendScale.max}
                scale={legendScale}
                showMasked={masked || maskedSeen}
              />
            )}
            {weighting === 'value' && (
              <p className="weighting-note">{t('weighting.unavailable')}</p>
            )}
          </>
        )}
      </div>
    </figure>
  );
}
