import { useCallback, useId, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { difference } from '../../analysis';
import { isHanToken, sharedWordSpans } from '../../analysis/focusWords';
import { useT } from '../../i18n';
import { KIND_CODES } from '../export/filename';
import { formatTickIn } from '../../i18n/numbers';
import { pictureTitle } from '../export/pictureTitle';
import { modelIdOf } from '../export/heatmapExport';
import type { MatrixPartInput } from '../export/matrixPicture';
import { PictureExport } from '../export/PictureExport';
import { isValueWeighted, useAppStore } from '../../store';
import type { HeadRef } from '../../store/types';
import { MatrixHeatmap } from '../aggregate/MatrixHeatmap';
import { AnalysisStatus, SentenceSwitch } from '../heads/common';
import { headOf, useAnalysisSource, weightedView, type BlockView } from '../heads/source';
import { headLabel } from '../heads/thumbnails';
import { useBlockMetrics } from '../heads/useBlockMetrics';
import { WeightingNote } from '../weighting/WeightingSwitch';
import { FocusRows } from './FocusRows';
import { buildRankingRows, mergeLabels, rankFocusHeads, resolveFocus } from './ranking';
import { MetricsTable, PatternRules, RankingTable } from './tables';
import { ZhEnFocusNote } from './ZhEnFocusNote';
import { CHINESE_WORDS, zhEnFocus } from './zhEnFocus';
import '../heads/analysis.css';
import './compare.css';

const sameShape = (a: BlockView, b: BlockView) =>
  a.block.layers === b.block.layers && a.block.heads === b.block.heads;

/**
 * The Compare tab: sentences A and B for the same layer and head, the focus word (a word both
 * share, e.g. "bank") and where it looks in each, the heads ranked by how differently it looks
 * (Jensen–Shannon divergence), the difference B − A when the sentences have the same length, chosen
 * heads side by side with their differences, and a metrics table with the pattern rules.
 */
export function CompareTab() {
  const t = useT();
  const ids = useId();
  const srcA = useAnalysisSource('A');
  const srcB = useAnalysisSource('B');
  const a = srcA.view;
  const b = srcB.view;
  // The pair and its difference follow the Show choice (value-weighted once both have norms);
  // the ranking and the metrics stay on the attention weights.
  const weighting = useAppStore((s) => s.weighting);
  const weighted = isValueWeighted(a?.block, weighting) && isValueWeighted(b?.block, weighting);
  const shownA = useMemo(() => (a && weighted ? weightedView(a) : a), [a, weighted]);
  const shownB = useMemo(() => (b && weighted ? weightedView(b) : b), [b, weighted]);
  const ui = useAppStore(
    useShallow((s) => ({
      layer: s.layer,
      head: s.head,
      focusWord: s.focusWord,
      selected: s.compareHeads,
      slot: s.analysisSlot,
      model: s.model,
      kind: s.kind,
      direction: s.direction,
    })),
  );
  const setFocusWord = useAppStore((s) => s.setFocusWord);
  const sentenceA = useAppStore((s) => s.sentences.A);
  const sentenceB = useAppStore((s) => s.sentences.B);
  const pairRef = useRef<HTMLDivElement>(null);
  const toggleHead = useAppStore((s) => s.toggleCompareHead);
  const clearHeads = useAppStore((s) => s.clearCompareHeads);
  const setLayer = useAppStore((s) => s.setLayer);
  const setHead = useAppStore((s) => s.setHead);
  const metricsA = useBlockMetrics(a);
  const metricsB = useBlockMetrics(b);

  const shapesMatch = !!(a && b && sameShape(a, b));
  const both = a && b && shapesMatch ? { a, b } : null;
  const layer = a ? Math.min(ui.layer, a.block.layers - 1) : 0;
  const head = a ? Math.min(ui.head, a.block.heads - 1) : 0;
  const current = useMemo(() => ({ layer, head }), [layer, head]);
  const onShow = useCallback(
    (ref: HeadRef) => {
      setLayer(ref.layer);
      setHead(ref.head);
    },
    [setLayer, setHead],
  );

  const rowTokensA = a?.rowTokens;
  const rowTokensB = b?.rowTokens;
  const words = useMemo(
    // A known Chinese word (银行) is one focus word, not two characters (see `sharedWordSpans`).
    () => (rowTokensA && rowTokensB ? sharedWordSpans(rowTokensA, rowTokensB, CHINESE_WORDS) : []),
    [rowTokensA, rowTokensB],
  );
  const focus = resolveFocus(words, ui.focusWord);
  const focusA = focus?.indicesA[0] ?? -1;
  const focusB = focus?.indicesB[0] ?? -1;

  const ranking = useMemo(
    () => (a && b && shapesMatch && focus ? rankFocusHeads(a, focusA, b, focusB) : []),
    [a, b, shapesMatch, focus, focusA, focusB],
  );
  const heads = a?.block.heads ?? 0;
  const rows = useMemo(
    () => buildRankingRows(ranking, heads, metricsA?.patterns ?? null, metricsB?.patterns ?? null),
    [ranking, heads, metricsA, metricsB],
  );
  const layerDivergences = useMemo(() => {
    const out = new Array<number>(heads).fill(NaN);
    for (const r of ranking) if (r.layer === layer) out[r.head] = r.divergence;
    return out;
  }, [ranking, heads, layer]);

  const matA = useMemo(() => (shownA ? headOf(shownA, layer, head) : null), [shownA, layer, head]);
  const matB = useMemo(
    () => (shownB && shapesMatch ? headOf(shownB, layer, head) : null),
    [shownB, shapesMatch, layer, head],
  );
  const equalLength =
    !!a &&
    !!b &&
    a.block.queryLength === b.block.queryLength &&
    a.block.keyLength === b.block.keyLength;
  const diff = useMemo(
    () => (matA && matB && equalLength ? difference(matA, matB) : null),
    [matA, matB, equalLength],
  );
  const diffRows = useMemo(
    () => (a && b && equalLength ? mergeLabels(a.rowTokens, b.rowTokens) : []),
    [a, b, equalLength],
  );
  const diffCols = useMemo(
    () => (a && b && equalLength ? mergeLabels(a.colTokens, b.colTokens) : []),
    [a, b, equalLength],
  );

  const slotView = ui.slot === 'A' ? a : b;
  const slotMetrics = ui.slot === 'A' ? metricsA : metricsB;
  const slotName = t(ui.slot === 'A' ? 'input.sentenceA' : 'input.sentenceB');
  const selected = useMemo(
    () =>
      slotView
        ? ui.selected.filter(
            (r) => r.layer < slotView.block.layers && r.head < slotView.block.heads,
          )
        : [],
    [ui.selected, slotView],
  );

  const nameA = t('input.sentenceA');
  const nameB = t('input.sentenceB');
  const caption = t('compare.headCaption', { layer: layer + 1, head: head + 1 });
  const word = focus?.word ?? '';
  const zhEn = zhEnFocus(ui.model, ui.direction, ui.kind);

  /** The side-by-side pictures (A, B, and B − A when lengths match) for export, at click time. */
  const exportParts = (): { title: string[]; parts: MatrixPartInput[] } | null => {
    if (!both) return null;
    const s = useAppStore.getState();
    const common = {
      colorMap: s.colorMap,
      colorScale: s.colorScale,
      leaveOutFirst: s.leaveOutFirst,
      t,
      format: (v: number) => formatTickIn(s.language, v),
      barLabel: t('legend.label'),
      scale: 'sequential' as const,
    };
    const parts: MatrixPartInput[] = [];
    if (matA)
      parts.push({
        ...common,
        caption: nameA,
        rowLabels: both.a.rowTokens,
        colLabels: both.a.colTokens,
        matrix: matA,
      });
    if (matB)
      parts.push({
        ...common,
        caption: nameB,
        rowLabels: both.b.rowTokens,
        colLabels: both.b.colTokens,
        matrix: matB,
      });
    if (diff)
      parts.push({
        ...common,
        caption: t('compare.diffCaption', { layer: layer + 1, head: head + 1 }),
        rowLabels: diffRows,
        colLabels: diffCols,
        matrix: diff.values,
        scale: 'diverging',
        max: diff.maxAbs,
        barLabel: t('compare.diffLegend'),
      });
    const kindPart = ui.model === 'translator' ? `${t(`view.kind.${ui.kind}`)} · ` : '';
    return {
      title: pictureTitle(
        modelIdOf(s),
        `${kindPart}${t('compare.sideBySide', { layer: layer + 1, head: head + 1 })}`,
        [
          { name: nameA, text: sentenceA },
          { name: nameB, text: sentenceB },
        ],
      ),
      parts,
    };
  };

  return (
    <section className="panel an-panel cmp" aria-labelledby={`${ids}-title`}>
      <div className="an-head">
        <div>
          <h2 id={`${ids}-title`}>{t('compare.heading')}</h2>
          <p className="panel-note">
            {ui.model === 'translator' ? `${t(`view.kind.${ui.kind}`)} · ` : ''}
            {caption}
          </p>
        </div>
      </div>

      {zhEn !== 'off' && (
        <ZhEnFocusNote
          place={zhEn}
          text={t(zhEn === 'source' ? 'compare.zhEn.source' : 'compare.zhEn.written')}
          testId="compare-zh-en"
        />
      )}

      {(!a || !b) && (
        <div className="cmp-status">
          {!a && <AnalysisStatus source={srcA} limit="longInput.compare" />}
          {!b && <AnalysisStatus source={srcB} limit="longInput.compare" />}
        </div>
      )}
      {a && b && !both && <p className="notice">{t('compare.shapeMismatch')}</p>}

      {both && (
        <>
          {/* Focus word */}
          <div className="cmp-focus-picker">
            <span className="an-field-label" id={`${ids}-focus`}>
              {t('compare.focus')}
            </span>
            {words.length === 0 ? (
              <p className="an-note">{t('compare.noShared')}</p>
            ) : (
              <div className="cmp-words" role="group" aria-labelledby={`${ids}-focus`}>
                {words.map((w) => (
                  <button
                    key={w.word}
                    type="button"
                    className="cmp-word"
                    lang={isHanToken(w.word) ? 'zh-Hans' : undefined}
                    aria-pressed={w.word === focus?.word}
                    onClick={() => setFocusWord(w.word)}
                  >
                    {w.word}
                  </button>
                ))}
              </div>
            )}
            <p className="an-note">{t('compare.focusHelp')}</p>
          </div>

          {/* The same head in both sentences, and their difference */}
          <section className="an-section" aria-labelledby={`${ids}-side`}>
            <h3 id={`${ids}-side`}>
              {t('compare.sideBySide', { layer: layer + 1, head: head + 1 })}
            </h3>
            <PictureExport
              label={t('export.comparison')}
              what={`${ui.model === 'translator' ? `${KIND_CODES[ui.kind]}_` : ''}compare_L${layer + 1}H${head + 1}`}
              sentence={`${sentenceA} ${sentenceB}`}
              picture={async () => {
                const e = exportParts();
                // The picture code loads on export, not with the page.
                return (
                  e && (await import('../export/matrixPicture')).matricesPicture(e.title, e.parts)
                );
              }}
              svg={async () => {
                const e = exportParts();
                return e && (await import('../export/matrixPicture')).matricesSvg(e.title, e.parts);
              }}
            />
            <div className="cmp-pair" ref={pairRef}>
              {matA && (
                <MatrixHeatmap
                  rowTokens={both.a.rowTokens}
                  colTokens={both.a.colTokens}
                  matrix={matA}
                  caption={nameA}
                  label={t('compare.headLabel', { name: nameA, layer: layer + 1, head: head + 1 })}
                  markRow={focusA >= 0 ? focusA : null}
                  maxCell={30}
                  {...(weighted ? { legendTitle: t('weighting.legend') } : {})}
                />
              )}
              {matB && (
                <MatrixHeatmap
                  rowTokens={both.b.rowTokens}
                  colTokens={both.b.colTokens}
                  matrix={matB}
                  caption={nameB}
                  label={t('compare.headLabel', { name: nameB, layer: layer + 1, head: head + 1 })}
                  markRow={focusB >= 0 ? focusB : null}
                  maxCell={30}
                  {...(weighted ? { legendTitle: t('weighting.legend') } : {})}
                />
              )}
              {diff && (
                <MatrixHeatmap
                  rowTokens={diffRows}
                  colTokens={diffCols}
                  matrix={diff.values}
                  scale="diverging"
                  max={diff.maxAbs}
                  caption={t('compare.diffCaption', { layer: layer + 1, head: head + 1 })}
                  label={t('compare.diffLabel', { layer: layer + 1, head: head + 1 })}
                  maxCell={30}
                />
              )}
            </div>
            {weighted && <WeightingNote />}
            {!diff && (
              <p className="an-note">
                {t('compare.diffUnequal', {
                  a:
                    both.a.block.queryLength === both.a.block.keyLength
                      ? both.a.block.keyLength
                      : `${both.a.block.queryLength}×${both.a.block.keyLength}`,
                  b:
                    both.b.block.queryLength === both.b.block.keyLength
                      ? both.b.block.keyLength
                      : `${both.b.block.queryLength}×${both.b.block.keyLength}`,
                })}
              </p>
            )}
          </section>

          {focus && (
            <>
              <section className="an-section" aria-labelledby={`${ids}-rows`}>
                <h3 id={`${ids}-rows`}>{t('compare.rowsHeading', { word, layer: layer + 1 })}</h3>
                <FocusRows
                  a={both.a}
                  b={both.b}
                  focusA={focusA}
                  focusB={focusB}
                  word={word}
                  layer={layer}
                  divergences={layerDivergences}
                />
              </section>

              <section className="an-section" aria-labelledby={`${ids}-rank`}>
                <h3 id={`${ids}-rank`}>{t('compare.rankingHeading', { word })}</h3>
                <p className="an-note">{t('compare.rankingHelp')}</p>
                <RankingTable
                  rows={rows}
                  word={word}
                  current={current}
                  selected={ui.selected}
                  onShow={onShow}
                  onToggle={toggleHead}
                />
              </section>
            </>
          )}
        </>
      )}

      {slotView && (
        <>
          <section className="an-section" aria-labelledby={`${ids}-sel`}>
            <div className="cmp-section-head">
              <h3 id={`${ids}-sel`}>{t('compare.selectedHeading')}</h3>
              <div className="an-toolbar">
                <SentenceSwitch />
                {ui.selected.length > 0 && (
                  <button type="button" className="button" onClick={clearHeads}>
                    {t('compare.clear')}
                  </button>
                )}
              </div>
            </div>
            <SelectedHeads view={slotView} selected={selected} name={slotName} />
          </section>

          <section className="an-section" aria-labelledby={`${ids}-metrics`}>
            <h3 id={`${ids}-metrics`}>{t('compare.metricsHeading', { name: slotName })}</h3>
            {slotMetrics ? (
              <MetricsTable
                metrics={slotMetrics}
                name={slotName}
                current={current}
                selected={ui.selected}
                onShow={onShow}
                onToggle={toggleHead}
              />
            ) : (
              <p className="an-status">{t('heads.computingMetrics')}</p>
            )}
            <PatternRules />
          </section>
        </>
      )}
    </section>
  );
}

/** The chosen heads of one sentence side by side, each with its difference from the first. */
function SelectedHeads({
  view,
  selected,
  name,
}: {
  view: BlockView;
  selected: readonly HeadRef[];
  name: string;
}) {
  const t = useT();
  const mats = useMemo(
    () =>
      selected.map((r) => ({
        ref: r,
        matrix: headOf(view, r.layer, r.head) ?? new Float32Array(0),
      })),
    [view, selected],
  );
  const first = mats[0];
  const diffs = useMemo(
    () =>
      first
        ? mats.slice(1).map((m) => ({ ref: m.ref, diff: difference(first.matrix, m.matrix) }))
        : [],
    [mats, first],
  );
  if (selected.length < 2)
    return <p className="an-note">{t('compare.selectHint', { count: selected.length })}</p>;
  const firstLabel = headLabel(first!.ref.layer, first!.ref.head);
  return (
    <div className="cmp-selected">
      <div className="cmp-pair">
        {mats.map(({ ref, matrix }) => {
          const label = headLabel(ref.layer, ref.head);
          return (
            <MatrixHeatmap
              key={label}
              rowTokens={view.rowTokens}
              colTokens={view.colTokens}
              matrix={matrix}
              caption={label}
              label={t('compare.headLabel', { name, layer: ref.layer + 1, head: ref.head + 1 })}
              maxCell={24}
            />
          );
        })}
      </div>
      <div className="cmp-pair">
        {diffs.map(({ ref, diff }) => {
          const label = headLabel(ref.layer, ref.head);
          const title = t('compare.headDiff', { b: label, a: firstLabel });
          return (
            <MatrixHeatmap
              key={label}
              rowTokens={view.rowTokens}
              colTokens={view.colTokens}
              matrix={diff.values}
              scale="diverging"
              max={diff.maxAbs}
              caption={title}
              legendTitle={title}
              legendSides={[firstLabel, label]}
              label={t('compare.headDiffLabel', { name, b: label, a: firstLabel })}
              maxCell={24}
            />
          );
        })}
      </div>
    </div>
  );
}
