import { useCallback, useId, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { NeedsModelNotice } from '../attention-file/NeedsModelNotice';
import { HEAD_PATTERNS, METRIC_NAMES } from '../../analysis';
import { useT } from '../../i18n';
import { isHeadOff, isValueWeighted, useAppStore } from '../../store';
import type { GridFilter, GridSortKey, HeadRef } from '../../store/types';
import { useElementWidth } from '../common/useElementWidth';
import { KIND_CODES } from '../export/filename';
import { PictureExport } from '../export/PictureExport';
import { colorMapLut } from '../heatmap/colormaps';
import { AnalysisStatus, AnSelect, SentenceSwitch } from './common';
import { formatMetric } from './format';
import { orderHeads, patternCounts } from './headOrder';
import { HeadsGrid, type ThumbCaption } from './HeadsGrid';
import { useAnalysisSource, weightedView } from './source';
import { ImportancePanel } from '../importance/ImportancePanel';
import { WeightingNote } from '../weighting/WeightingSwitch';
import { headLabel, thumbGridLayout } from './thumbnails';
import { TokenStrip } from './TokenStrip';
import { useBlockMetrics } from './useBlockMetrics';
import { usePooledHeads } from './usePooledHeads';
import './analysis.css';

// The UI benchmark's hook (scripts/bench/ui.ts): its own chunk, fetched only with `?bench` in the URL.
if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('bench'))
  void import('./benchHook');

/**
 * The Heads tab: every layer × head of the chosen sentence and attention kind as thumbnails, with
 * a token strip (hover a token: its row lights up in every head), sorting and filtering by the
 * head metrics, and a click that opens the head in the Attention tab.
 */
export function HeadsTab() {
  const t = useT();
  const ids = useId();
  const slot = useAppStore((s) => s.analysisSlot);
  const kind = useAppStore((s) => s.kind);
  const model = useAppStore((s) => s.model);
  const fullSource = useAnalysisSource(slot);
  // A long input served on demand: pooled thumbnails from the store (no metrics computed here).
  const pooled = usePooledHeads(slot);
  const source = pooled.view ? { ...fullSource, view: pooled.view } : fullSource;
  const { view } = source;
  const metrics = useBlockMetrics(pooled.view ? null : view) ?? pooled.metrics;
  // The thumbnails follow the Show choice (value-weighted once the norms are in); the metrics,
  // sorting and patterns stay on the attention weights.
  const weighting = useAppStore((s) => s.weighting);
  const weighted = !!view && isValueWeighted(view.block, weighting);
  const gridView = view && weighted ? weightedView(view) : view;
  const ui = useAppStore(
    useShallow((s) => ({
      sort: s.gridSort,
      descending: s.gridDescending,
      filter: s.gridFilter,
      layer: s.layer,
      head: s.head,
    })),
  );
  const colorMap = useAppStore((s) => s.colorMap);
  const colorScale = useAppStore((s) => s.colorScale);
  const leaveOutFirst = useAppStore((s) => s.leaveOutFirst);
  const scaleOptions = useMemo(
    () => ({ kind: colorScale, leaveOutFirst }),
    [colorScale, leaveOutFirst],
  );
  const setSort = useAppStore((s) => s.setGridSort);
  const setDescending = useAppStore((s) => s.setGridDescending);
  const setFilter = useAppStore((s) => s.setGridFilter);
  const setLayer = useAppStore((s) => s.setLayer);
  const setHead = useAppStore((s) => s.setHead);
  const setTab = useAppStore((s) => s.setTab);
  const ablation = useAppStore((s) => s.ablation);
  // Switching heads off re-runs the model, which an open attention file (sentence A) lacks.
  const fromFile = useAppStore((s) => slot === 'A' && s.attentionFile !== null);
  const toggleHeadOff = useAppStore((s) => s.toggleHeadOff);

  const bodyRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const sentence = useAppStore((s) => s.sentences[slot]);
  const width = useElementWidth(bodyRef);
  const highlightRef = useRef<((row: number | null) => void) | null>(null);
  const onHighlight = useCallback((row: number | null) => highlightRef.current?.(row), []);
  const onOpen = useCallback(
    (ref: HeadRef) => {
      setLayer(ref.layer);
      setHead(ref.head);
      setTab('attention');
    },
    [setLayer, setHead, setTab],
  );

  const layers = view?.block.layers ?? 0;
  const heads = view?.block.heads ?? 0;
  // Layer order needs no metrics: keep the same order (and picture) when they arrive.
  const orderMetrics = ui.sort === 'index' && ui.filter === 'all' ? null : metrics;
  const order = useMemo(
    () => orderHeads(layers, heads, ui.sort, ui.descending, ui.filter, orderMetrics),
    [layers, heads, ui.sort, ui.descending, ui.filter, orderMetrics],
  );
  const layout = useMemo(
    // 4 px kept for the outlines around the thumbnails at the edges.
    () => thumbGridLayout(order.length, Math.max(1, heads), width && width - 4),
    [order.length, heads, width],
  );
  const current = useMemo(() => ({ layer: ui.layer, head: ui.head }), [ui.layer, ui.head]);
  const captions = useMemo(
    (): ThumbCaption[] =>
      order.map((ref) => {
        const i = ref.layer * heads + ref.head;
        const pattern = metrics?.patterns[i];
        const patternName = pattern ? t(`analysis.pattern.${pattern}`) : '';
        const label = headLabel(ref.layer, ref.head);
        const value =
          ui.sort !== 'index' && metrics
            ? formatMetric(ui.sort, metrics.metrics[ui.sort][i]!)
            : pattern
              ? t(`analysis.patternShort.${pattern}`)
              : '';
        const name = t(pattern ? 'heads.thumbPattern' : 'heads.thumb', {
          label,
          layer: ref.layer + 1,
          head: ref.head + 1,
          pattern: patternName,
        });
        return { label, value, name, title: name };
      }),
    [order, heads, metrics, ui.sort, t],
  );

  // Switching heads off: the toggles refer to the block the grid shows.
  const blockKind = view?.block.kind ?? kind;
  const switchOff = useMemo(
    () => ({
      isOff: (ref: HeadRef) => isHeadOff(ablation, blockKind, ref.layer, ref.head),
      name: (ref: HeadRef) => t('ablation.toggle', { layer: ref.layer + 1, head: ref.head + 1 }),
      offName: (name: string) => t('ablation.thumbOff', { name }),
      onToggle: (ref: HeadRef) => toggleHeadOff({ kind: blockKind, ...ref }),
    }),
    [ablation, blockKind, t, toggleHeadOff],
  );

  const counts = useMemo(() => (metrics ? patternCounts(metrics.patterns) : null), [metrics]);
  const sortOptions = useMemo(
    (): { value: GridSortKey; label: string }[] => [
      { value: 'index', label: t('heads.sort.index') },
      ...METRIC_NAMES.map((m) => ({ value: m, label: t(`analysis.metric.${m}`) })),
    ],
    [t],
  );
  const filterOptions = useMemo(
    (): { value: GridFilter; label: string }[] => [
      { value: 'all', label: t('heads.filter.all') },
      ...HEAD_PATTERNS.map((p) => ({
        value: p,
        label: counts
          ? t('heads.filter.count', {
              pattern: t(`analysis.pattern.${p}`),
              count: counts.get(p) ?? 0,
            })
          : t(`analysis.pattern.${p}`),
      })),
    ],
    [t, counts],
  );

  const name = t(slot === 'A' ? 'input.sentenceA' : 'input.sentenceB');
  const kindName = model === 'translator' ? t(`view.kind.${kind}`) : null;

  return (
    <section className="panel an-panel" aria-labelledby={`${ids}-title`}>
      <div className="an-head">
        <div>
          <h2 id={`${ids}-title`}>{t('heads.heading')}</h2>
          <p className="panel-note">
            {kindName ? `${kindName} · ` : ''}
            {view
              ? t('heads.shape', {
                  layers,
                  heads,
                  tokens: pooled.view ? pooled.tokens : view.block.queryLength,
                })
              : ''}
          </p>
        </div>
        <div className="an-toolbar">
          <SentenceSwitch />
          <AnSelect
            id={`${ids}-sort`}
            label={t('heads.sort')}
            value={ui.sort}
            options={sortOptions}
            onChange={setSort}
          />
          <AnSelect
            id={`${ids}-order`}
            label={t('heads.order')}
            value={ui.descending ? 'desc' : 'asc'}
            options={[
              { value: 'desc', label: t('heads.order.desc') },
              { value: 'asc', label: t('heads.order.asc') },
            ]}
            onChange={(v) => setDescending(v === 'desc')}
          />
          <AnSelect
            id={`${ids}-filter`}
            label={t('heads.filter')}
            value={ui.filter}
            options={filterOptions}
            onChange={setFilter}
          />
        </div>
      </div>

      <div ref={bodyRef} className="an-body">
        <AnalysisStatus source={source} />
        {pooled.error && (
          <p className="heatmap-error" role="alert">
            {t('zoom.error', { message: pooled.error })}
          </p>
        )}
        {view && (
          <>
            <p className="an-help">{t('heads.help')}</p>
            {pooled.view && (
              <p className="an-help" role="note">
                {t('longInput.notice', { tokens: pooled.tokens, view: t('longInput.heads') })}
              </p>
            )}
            {fromFile ? <NeedsModelNotice /> : <p className="an-help">{t('ablation.gridHelp')}</p>}
            <TokenStrip
              tokens={view.rowTokens}
              label={t('heads.tokens', { name })}
              onHighlight={onHighlight}
            />
            <p
              className="an-status"
              aria-live="polite"
              data-metrics={metrics ? 'ready' : 'computing'}
            >
              {metrics
                ? t('heads.count', { shown: order.length, total: layers * heads })
                : t('heads.computingMetrics')}
            </p>
            {order.length > 0 && (
              <PictureExport
                label={t('export.headsGrid')}
                what={`${model === 'translator' ? `${KIND_CODES[kind]}_` : ''}heads_L1-${layers}`}
                sentence={sentence}
                disabled={source.state === 'loading'}
                picture={async () => {
                  const canvas = gridRef.current?.querySelector('canvas');
                  // The picture code loads on export, not with the page.
                  const { headsGridPicture } = await import('./headsExport');
                  return canvas
                    ? headsGridPicture({
                        state: useAppStore.getState(),
                        canvas,
                        layout,
                        captions,
                        what: t('heads.gridLabel', { name, layers, heads }),
                        sentence: { name, text: sentence },
                        t,
                      })
                    : null;
                }}
              />
            )}
            {order.length === 0 ? (
              <p className="heatmap-empty an-empty">{t('heads.none')}</p>
            ) : (
              <div className="an-grid-scroll" ref={gridRef}>
                <HeadsGrid
                  view={gridView ?? view}
                  order={order}
                  captions={captions}
                  layout={layout}
                  lut={colorMapLut(colorMap)}
                  scale={scaleOptions}
                  current={current}
                  label={t('heads.gridLabel', { name, layers, heads })}
                  stale={source.state === 'loading'}
                  onOpen={onOpen}
                  switchOff={switchOff}
                  highlightRef={highlightRef}
                />
              </div>
            )}
            {weighted && (
              <div className="weighting-key">
                <strong>{t('weighting.legend')}</strong>
                <WeightingNote />
              </div>
            )}
          </>
        )}
      </div>
      <ImportancePanel />
    </section>
  );
}
