import { useMemo } from 'react';
import type { AttentionKind } from '../../../engine/types';
import { useT } from '../../../i18n';
import { useAppStore } from '../../../store';
import type { BlockResult, SentenceSlot } from '../../../store/types';
import { PictureExport } from '../../export/PictureExport';
import { percent } from '../common/format';
import { MatrixCanvas } from '../common/MatrixCanvas';
import { teachMatrixPicture, teachTitle } from '../common/matrixPicture';
import { useModelName } from '../common/SourceBar';
import { TeachCard } from '../common/TeachCard';
import { maskPicture } from './masks';
import {
  maskAxisLabels,
  modelMaskGroups,
  modelMaskTitle,
  type ModelMaskGroup,
} from './modelMaskGroups';

/** The self-attention block of a Hugging Face run (decoder LMs, then encoders). */
export function modelMaskBlock(blocks: readonly BlockResult[]): BlockResult | undefined {
  const kinds: AttentionKind[] = ['decoder-self', 'encoder-self'];
  for (const kind of kinds) {
    const block = blocks.find((b) => b.kind === kind);
    if (block) return block;
  }
  return undefined;
}

export interface ModelMasksProps {
  /** The sentence whose run is shown (the tab's teachSlot). */
  slot: SentenceSlot;
}

/**
 * "This model's masks": the loaded Hugging Face model's own masks on the chosen sentence, one
 * picture for each kind of layer (sliding-window, global), with their allowed pairs. Renders
 * nothing when the sentence's run has no self-attention block.
 */
export function ModelMasks({ slot }: ModelMasksProps) {
  const t = useT();
  const model = useModelName();
  const run = useAppStore((s) => s.runs[slot]);
  const sentence = useAppStore((s) => s.sentences[slot]);
  const info = useAppStore((s) => s.hub.info);
  const block = modelMaskBlock(run.blocks);
  const layerTypes =
    block?.layerTypes ??
    (info && block && info.layers === block.layers ? info.layerTypes : undefined);
  const slidingWindow = block?.slidingWindow ?? info?.slidingWindow;
  const groups = useMemo(
    () =>
      block?.mask
        ? modelMaskGroups({
            layers: block.layers,
            mask: block.mask,
            layerMasks: block.layerMasks,
            layerTypes,
            slidingWindow,
          })
        : [],
    [block, layerTypes, slidingWindow],
  );
  if (!block) return null;
  const tokens = run.tokens.map((tk) => tk.text);
  const sliding = groups.find((g) => g.shape === 'sliding');
  return (
    <TeachCard title={t('teach.masks.model.title')} testId="model-masks">
      <p>{t('teach.masks.model.intro', { model })}</p>
      {sliding && groups.length > 1 && (
        <p>{t('teach.masks.model.slidingHelp', { before: (sliding.window ?? 1) - 1 })}</p>
      )}
      {sliding?.windowCoversAll && (
        <p className="teach-note" data-testid="model-masks-covers">
          {t('teach.masks.model.covers', { n: sliding.mask.rows })}
        </p>
      )}
      {groups.length === 0 ? (
        <p className="teach-note">{t('teach.masks.model.waiting')}</p>
      ) : (
        <div className="teach-triptych">
          {groups.map((group) => (
            <ModelMaskFigure
              key={group.layers.join(',')}
              group={group}
              title={modelMaskTitle(t, group, groups)}
              model={model}
              rowTokens={block.rowTokens ?? tokens}
              colTokens={block.colTokens ?? tokens}
              sentence={sentence}
            />
          ))}
        </div>
      )}
    </TeachCard>
  );
}

interface ModelMaskFigureProps {
  group: ModelMaskGroup;
  title: string;
  model: string;
  rowTokens: readonly string[];
  colTokens: readonly string[];
  sentence: string;
}

/** One group's mask: its title, the picture (with a PNG export) and its allowed pairs. */
function ModelMaskFigure({
  group,
  title,
  model,
  rowTokens,
  colTokens,
  sentence,
}: ModelMaskFigureProps) {
  const t = useT();
  const { mask } = group;
  const values = useMemo(() => maskPicture(mask), [mask]);
  const rowLabels = useMemo(() => maskAxisLabels(rowTokens, mask.rows), [rowTokens, mask.rows]);
  const colLabels = useMemo(() => maskAxisLabels(colTokens, mask.cols), [colTokens, mask.cols]);
  const label = t('teach.masks.model.label', { title, model });
  const matrix = {
    values,
    rows: mask.rows,
    cols: mask.cols,
    rowLabels,
    colLabels,
    scheme: 'sequential' as const,
    domain: [0, 1] as [number, number],
    showValues: false,
  };
  return (
    <figure data-testid="model-mask-group" data-layers={group.layers.join(',')}>
      <figcaption>{title}</figcaption>
      <MatrixCanvas
        {...matrix}
        label={label}
        maxCell={18}
        describe={(r, c, v) =>
          `${rowTokens[r] ?? r} → ${colTokens[c] ?? c}: ${
            v === 1 ? t('teach.steps.allowed') : t('teach.steps.masked')
          }`
        }
      />
      <p className="teach-readout" data-testid="model-mask-pairs">
        {t('teach.masks.model.pairs', {
          pairs: group.allowed,
          full: group.full,
          percent: percent(group.full > 0 ? group.allowed / group.full : 0),
        })}
      </p>
      <PictureExport
        label={t('teach.export', { picture: title })}
        what={`model-mask_L${group.layers.join('-')}`}
        sentence={sentence}
        picture={() =>
          teachMatrixPicture({
            ...matrix,
            title: teachTitle(
              label,
              [],
              sentence.trim() ? t('teach.export.sentence', { text: sentence.trim() }) : null,
            ),
            legend: {
              kind: 'pattern',
              allowed: t('teach.export.allowed'),
              masked: t('teach.export.masked'),
            },
          })
        }
      />
    </figure>
  );
}
