import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { MAX_FLOW_TOKENS } from '../../analysis';
import { useT, type MessageKey } from '../../i18n';
import { KIND_CODES } from '../export/filename';
import { formatTickIn } from '../../i18n/numbers';
import { pictureTitle } from '../export/pictureTitle';
import { modelIdOf } from '../export/heatmapExport';
import type { MatrixPartInput } from '../export/matrixPicture';
import { PictureExport } from '../export/PictureExport';
import { useAppStore } from '../../store';
import type { AggregateMode } from '../../store/types';
import { AnalysisStatus, SentenceSwitch } from '../heads/common';
import { useAnalysisSource, type BlockView } from '../heads/source';
import {
  averageOverAll,
  averageOverHeads,
  averageOverLayers,
  headAverages,
  RESIDUAL,
  runAggregate,
} from './compute';
import { MatrixHeatmap } from './MatrixHeatmap';
import '../heads/analysis.css';

const MODES: readonly AggregateMode[] = ['heads', 'layers', 'all', 'rollout', 'flow'];

const MODE_KEY: Record<AggregateMode, MessageKey> = {
  heads: 'aggregate.mode.heads',
  layers: 'aggregate.mode.layers',
  all: 'aggregate.mode.all',
  rollout: 'aggregate.mode.rollout',
  flow: 'aggregate.mode.flow',
};

/** Result of a worker job, tagged with what it was computed for. */
interface JobResult {
  key: string;
  result: Float32Array | null;
  progress: number;
  error: string | null;
}

/**
 * The Aggregates tab: one heatmap of the chosen sentence and kind, averaged over heads (the chosen
 * layer), over layers (the chosen head), over both, or followed through the layers with attention
 * rollout or attention flow (Abnar & Zuidema 2020; flow only up to MAX_FLOW_TOKENS tokens).
 */
export function AggregateTab() {
  const t = useT();
  const ids = useId();
  const slot = useAppStore((s) => s.analysisSlot);
  const mode = useAppStore((s) => s.aggregateMode);
  const setMode = useAppStore((s) => s.setAggregateMode);
  const storeLayer = useAppStore((s) => s.layer);
  const storeHead = useAppStore((s) => s.head);
  const model = useAppStore((s) => s.model);
  const kind = useAppStore((s) => s.kind);
  const source = useAnalysisSource(slot);
  const sentence = useAppStore((s) => s.sentences[slot]);
  const heatRef = useRef<HTMLDivElement>(null);
  const { view } = source;
  const layer = view ? Math.min(storeLayer, view.block.layers - 1) : 0;
  const head = view ? Math.min(storeHead, view.block.heads - 1) : 0;
  const square = view ? view.block.queryLength === view.block.keyLength : false;
  const tokens = view?.block.keyLength ?? 0;
  const flowTooLong = tokens > MAX_FLOW_TOKENS;
  const needsWorker = (mode === 'rollout' || mode === 'flow') && view !== null && square;

  // Averages: quick, on the page.
  const average = useMemo(() => {
    if (!view) return null;
    if (mode === 'heads') return averageOverHeads(view, layer);
    if (mode === 'layers') return averageOverLayers(view, head);
    if (mode === 'all') return averageOverAll(view);
    return null;
  }, [view, mode, layer, head]);

  // Rollout (all layers at once) and flow (through the chosen layer): in the worker.
  const jobKey = !needsWorker
    ? ''
    : mode === 'rollout'
      ? 'rollout'
      : flowTooLong
        ? ''
        : `flow:${layer + 1}`;
  const job = useWorkerJob(view, jobKey);

  let matrix: Float32Array | null = average;
  if (mode === 'rollout' && job?.result && view) {
    const size = view.block.queryLength * view.block.keyLength;
    matrix = job.result.subarray(layer * size, (layer + 1) * size);
  } else if (mode === 'flow' && job?.result) matrix = job.result;

  const name = t(slot === 'A' ? 'input.sentenceA' : 'input.sentenceB');
  const layers = view?.block.layers ?? 0;
  const caption = view
    ? mode === 'heads'
      ? t('aggregate.caption.heads', { layer: layer + 1 })
      : mode === 'layers'
        ? t('aggregate.caption.layers', { head: head + 1, layers })
        : mode === 'all'
          ? t('aggregate.caption.all', { layers, heads: view.block.heads })
          : mode === 'rollout'
            ? t('aggregate.caption.rollout', { layer: layer + 1 })
            : t('aggregate.caption.flow', { layer: layer + 1 })
    : '';

  let notice: string | null = null;
  if (view && (mode === 'rollout' || mode === 'flow') && !square) notice = t('aggregate.needsSelf');
  else if (view && mode === 'flow' && flowTooLong)
    notice = t('aggregate.flowTooLong', { max: MAX_FLOW_TOKENS, tokens });

  /** The aggregate for export, at click time: title (model, what, sentence), labels, colour bar. */
  const exportPart = (): { title: string[]; part: MatrixPartInput } | null => {
    if (!view || !matrix) return null;
    const s = useAppStore.getState();
    const kindPart = model === 'translator' ? `${t(`view.kind.${kind}`)} · ` : '';
    return {
      title: pictureTitle(modelIdOf(s), `${kindPart}${caption}`, [{ name, text: sentence }]),
      part: {
        caption,
        rowLabels: view.rowTokens,
        colLabels: view.colTokens,
        matrix,
        scale: 'sequential',
        colorMap: s.colorMap,
        colorScale: s.colorScale,
        leaveOutFirst: s.leaveOutFirst,
        t,
        barLabel: t('legend.label'),
        format: (v) => formatTickIn(s.language, v),
      },
    };
  };

  return (
    <section className="panel an-panel" aria-labelledby={`${ids}-title`}>
      <div className="an-head">
        <div>
          <h2 id={`${ids}-title`}>{t('aggregate.heading')}</h2>
          <p className="panel-note">
            {model === 'translator' ? `${t(`view.kind.${kind}`)} · ` : ''}
            {t('aggregate.note')}
          </p>
        </div>
        <div className="an-toolbar">
          <SentenceSwitch />
        </div>
      </div>
      <div className="an-field">
        <span className="an-field-label" id={`${ids}-mode`}>
          {t('aggregate.mode')}
        </span>
        <div className="an-segmented ag-modes" role="group" aria-labelledby={`${ids}-mode`}>
          {MODES.map((m) => (
            <button
              key={m}
              type="button"
              className="an-segment"
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
            >
              {t(MODE_KEY[m])}
            </button>
          ))}
        </div>
      </div>
      <p className="an-help">
        {t(`aggregate.help.${mode}`, { max: MAX_FLOW_TOKENS, residual: RESIDUAL })}
      </p>
      <div className="an-body">
        <AnalysisStatus source={source} limit="longInput.aggregate" />
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {view && !notice && !matrix && job && !job.error && (
          <div className="ag-progress" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>{t('aggregate.computing')}</span>
            {mode === 'flow' && tokens > 0 && (
              <progress
                max={tokens}
                value={job.progress}
                aria-label={t('aggregate.progress', { done: job.progress, total: tokens })}
              />
            )}
          </div>
        )}
        {job?.error && (
          <p className="heatmap-error" role="alert">
            {t('aggregate.failed', { message: job.error })}
          </p>
        )}
        {view && !notice && matrix && (
          <PictureExport
            label={t('export.aggregates')}
            what={`${model === 'translator' ? `${KIND_CODES[kind]}_` : ''}${mode}`}
            sentence={sentence}
            picture={async () => {
              const e = exportPart();
              // The picture code loads on export, not with the page.
              return (
                e && (await import('../export/matrixPicture')).matricesPicture(e.title, [e.part])
              );
            }}
            svg={async () => {
              const e = exportPart();
              return e && (await import('../export/matrixPicture')).matricesSvg(e.title, [e.part]);
            }}
          />
        )}
        {view && !notice && matrix && (
          <div ref={heatRef}>
            <MatrixHeatmap
              rowTokens={view.rowTokens}
              colTokens={view.colTokens}
              matrix={matrix}
              caption={caption}
              label={t('aggregate.label', { name, what: caption })}
            />
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * Runs a worker job for `key` ('' = nothing; 'rollout' = rollout after every layer; 'flow:N' =
 * flow through the first N layers) and tracks its progress. Results of an older key are ignored.
 */
function useWorkerJob(view: BlockView | null, key: string): JobResult | null {
  const [state, setState] = useState<(JobResult & { view: BlockView }) | null>(null);
  useEffect(() => {
    if (!view || key === '') return;
    const t = view.block.keyLength;
    const all = headAverages(view);
    const flow = key.startsWith('flow:');
    const layers = flow ? Number(key.slice(5)) : view.block.layers;
    const weights = all.subarray(0, layers * t * t);
    let live = true;
    const task = runAggregate(
      { kind: flow ? 'flow' : 'rollout', layers, t, weights, residual: RESIDUAL },
      (done) => {
        if (live) setState({ view, key, result: null, progress: done, error: null });
      },
    );
    task.promise.then(
      (result) => {
        if (live) setState({ view, key, result, progress: t, error: null });
      },
      (error: unknown) => {
        if (live)
          setState({
            view,
            key,
            result: null,
            progress: 0,
            error: error instanceof Error ? error.message : String(error),
          });
      },
    );
    return () => {
      live = false;
      task.cancel();
    };
  }, [view, key]);
  if (key === '') return null;
  if (!state || state.view !== view || state.key !== key)
    return { key, result: null, progress: 0, error: null };
  return state;
}
