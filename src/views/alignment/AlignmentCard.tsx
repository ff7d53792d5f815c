import { useId, useMemo, useRef, useState } from 'react';
import {
  alignLayer,
  alignmentAccuracy,
  goldPairs,
  type AlignmentHead,
} from '../../analysis/alignment';
import { useT } from '../../i18n';
import { formatPercentIn, formatWeightIn } from '../../i18n/numbers';
import { DIRECTION_LANGS, useAppStore } from '../../store';
import { useHeatmapSource } from '../../store/selectors';
import type { SentenceSlot } from '../../store/types';
import { useElementWidth } from '../common/useElementWidth';
import { SelectField } from '../controls/Field';
import { modelIdOf } from '../export/heatmapExport';
import { PictureExport } from '../export/PictureExport';
import { pictureTitle } from '../export/pictureTitle';
import { alignmentLayout, alignmentLines, LABEL_SIZE, labelWidth, shortLabel } from './layout';
import { lexiconFor } from './lexicon';
import './alignment.css';

export interface AlignmentCardProps {
  /** Which sentence's cross-attention to align. */
  slot: SentenceSlot;
  /** The sentence's name as the page shows it ("Sentence A"). */
  name: string;
}

/**
 * The a_ij picture under the cross-attention heatmap: the written tokens on top, the source
 * tokens below, a line from each written token to the source token with the largest weight (one
 * head, or the weights averaged over heads), its opacity the weight; and how many known word
 * pairs of the sentence the lines get right.
 */
export function AlignmentCard({ slot, name }: AlignmentCardProps) {
  const t = useT();
  const ids = useId();
  const src = useHeatmapSource(slot);
  const direction = useAppStore((s) => s.direction);
  const language = useAppStore((s) => s.language);
  const sentence = useAppStore((s) => s.sentences[slot]);
  const [head, setHead] = useState<AlignmentHead>('mean');
  const bodyRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(bodyRef);

  const block = src.block?.kind === 'cross' ? src.block : null;
  const heads = block?.heads ?? 0;
  const shownHead: AlignmentHead = head === 'mean' || head < heads ? head : 'mean';
  const targets = useMemo(() => block?.rowTokens ?? [], [block]);
  const sources = useMemo(() => block?.colTokens ?? [], [block]);
  const data = block ? src.layerData : null;

  const links = useMemo(
    () =>
      block && data && targets.length === block.queryLength && sources.length === block.keyLength
        ? alignLayer(data, block.heads, block.queryLength, block.keyLength, shownHead)
        : null,
    [block, data, targets.length, sources.length, shownHead],
  );
  const score = useMemo(
    () =>
      links ? alignmentAccuracy(links, goldPairs(targets, sources, lexiconFor(direction))) : null,
    [links, targets, sources, direction],
  );
  const layout = useMemo(() => {
    // Neighbours at least their row's widest label apart (plus a gap), so labels never overlap.
    const step = (labels: readonly string[]): number =>
      Math.max(0, ...labels.map((x) => labelWidth(shortLabel(x)))) + 12;
    return alignmentLayout(targets.length, sources.length, width ?? 0, {
      target: step(targets),
      source: step(sources),
    });
  }, [targets, sources, width]);
  const lines = useMemo(() => (links ? alignmentLines(layout, links) : []), [layout, links]);

  const langs = DIRECTION_LANGS[direction];
  const which =
    shownHead === 'mean' ? t('alignment.average') : t('alignment.headN', { head: shownHead + 1 });
  const layerText = t('alignment.layer', { layer: src.layer + 1 });
  const headOptions = [
    { value: 'mean' as const, label: t('alignment.average') },
    ...Array.from({ length: heads }, (_, h) => ({
      value: h,
      label: t('alignment.headN', { head: h + 1 }),
    })),
  ];

  return (
    <section className="alignment" aria-labelledby={`${ids}-title`}>
      <div className="alignment-head">
        <h3 id={`${ids}-title`}>{t('alignment.heading')}</h3>
        {heads > 0 && (
          <SelectField<AlignmentHead>
            className="alignment-head-picker"
            label={t('alignment.head')}
            value={shownHead}
            options={headOptions}
            onChange={setHead}
          />
        )}
      </div>
      <p className="alignment-note">{t('alignment.note')}</p>
      <div ref={bodyRef} className="alignment-body">
        {!links ? (
          <p className="alignment-note">{t('alignment.waiting')}</p>
        ) : (
          <>
            <div className={`alignment-scroll${src.state === 'loading' ? ' is-stale' : ''}`}>
              <svg
                className="alignment-svg"
                width={layout.width}
                height={layout.height}
                viewBox={`0 0 ${layout.width} ${layout.height}`}
                role="img"
                aria-label={t('alignment.figure', {
                  name,
                  layer: src.layer + 1,
                  which,
                  count: lines.length,
                })}
                data-lines={lines.length}
              >
                <g className="alignment-lines">
                  {lines.map((line) => (
                    <line
                      key={line.target}
                      x1={line.x1}
                      y1={line.y1}
                      x2={line.x2}
                      y2={line.y2}
                      strokeOpacity={line.opacity}
                    >
                      <title>
                        {t('alignment.pair', {
                          target: targets[line.target] ?? '',
                          source: sources[line.source] ?? '',
                          weight: formatWeightIn(language, line.weight),
                        })}
                      </title>
                    </line>
                  ))}
                </g>
                <g className="alignment-row" lang={langs.target}>
                  {targets.map((text, i) => (
                    <text
                      key={i}
                      x={layout.targetX[i]}
                      y={layout.targetLabelY[i]}
                      fontSize={LABEL_SIZE}
                    >
                      {shortLabel(text)}
                    </text>
                  ))}
                </g>
                <g className="alignment-row" lang={langs.source}>
                  {sources.map((text, j) => (
                    <text
                      key={j}
                      x={layout.sourceX[j]}
                      y={layout.sourceLabelY[j]}
                      fontSize={LABEL_SIZE}
                    >
                      {shortLabel(text)}
                    </text>
                  ))}
                </g>
              </svg>
            </div>
            <p className="alignment-score" aria-live="polite">
              {score && score.total > 0
                ? t('alignment.accuracy', {
                    correct: score.correct,
                    pairs: score.total,
                    percent: formatPercentIn(language, score.correct / score.total),
                  })
                : t('alignment.accuracyNone')}
            </p>
            <p className="alignment-note">{t('alignment.accuracyHelp')}</p>
            <ModelCardNote />
            <PictureExport
              label={t('alignment.export')}
              what={`alignment_L${src.layer + 1}_${shownHead === 'mean' ? 'mean' : `H${shownHead + 1}`}`}
              sentence={sentence}
              disabled={src.state === 'loading'}
              picture={async () => {
                // The picture code loads on export, not with the page.
                const { alignmentPicture } = await import('./alignmentPicture');
                return alignmentPicture({
                  title: pictureTitle(
                    modelIdOf(useAppStore.getState()),
                    `${t('alignment.heading')} · ${layerText} · ${which}`,
                    [{ name, text: sentence }],
                  ),
                  layout,
                  lines,
                  targets: targets.map((x) => shortLabel(x)),
                  sources: sources.map((x) => shortLabel(x)),
                });
              }}
            />
          </>
        )}
      </div>
    </section>
  );
}

/**
 * Where the model's own figure over its probe set is: MODEL_CARD.md beside its files. Only the
 * Chinese → English card measures alignment (scripts/train/model-card.ts); the English → Chinese
 * card has an encoder probe instead.
 */
function ModelCardNote() {
  const t = useT();
  const url = useAppStore((s) => s.translatorUrl);
  const measured = useAppStore((s) => s.direction === 'zh-en');
  const [before, after = ''] = t('alignment.modelCardNote').split('{card}');
  if (!measured) return null;
  return (
    <p className="alignment-note">
      {before}
      <a href={`${url}MODEL_CARD.md`} target="_blank" rel="noreferrer">
        {t('alignment.modelCard')}
      </a>
      {after}
    </p>
  );
}

/** The card where it belongs: the translator's cross-attention is shown (else nothing). */
export function CrossAlignment({ slot, name }: AlignmentCardProps) {
  const shown = useAppStore((s) => s.model === 'translator' && s.kind === 'cross');
  return shown ? <AlignmentCard slot={slot} name={name} /> : null;
}
