import { useMemo } from 'react';
import {
  padKeyWeightMax,
  padRowsRealShare,
  realRowsMaxDiff,
} from '../../../analysis/teach/padding';
import { maskCost } from '../../../analysis/teach/matrix';
import type { AttentionKind } from '../../../engine/types';
import { useT } from '../../../i18n';
import { useAppStore } from '../../../store';
import type { SentenceSlot } from '../../../store/types';
import { fixed, percent } from '../common/format';
import { RunStatus } from '../common/SourceBar';
import { TeachCard } from '../common/TeachCard';
import { AXES_KEY, EXPLAIN_KEY, KIND_KEY } from './maskText';
import { usedMask } from './masks';
import { ScoreFigures } from './ScoreFigures';
import { usePlaygroundRun, type PlaygroundRun } from './usePlaygroundRun';

const NO_MASK = { kind: 'none' } as const;

interface PaddingDetailProps {
  attention: AttentionKind;
  extraPad: number;
}

/**
 * Sentences A and B padded with [PAD] to one length (the longer one + `extraPad`) and run through
 * the playground model with the engine's padding mask: the engine's own numbers, [PAD] rows and
 * columns included, beside what they show (0 on [PAD] keys, real rows as in the unpadded run).
 */
export function PaddingDetail({ attention, extraPad }: PaddingDetailProps) {
  const t = useT();
  const sentences = useAppStore((s) => s.sentences);
  return (
    <TeachCard title={t('teach.masks.kind.padding')}>
      <p>{t(EXPLAIN_KEY.padding)}</p>
      <p>{t(AXES_KEY[attention])}</p>
      <p className="teach-note">{t('teach.masks.padding.note')}</p>
      {(['A', 'B'] as const).map((slot) => (
        <PaddedSentence
          key={slot}
          slot={slot}
          text={sentences[slot]}
          other={sentences[slot === 'A' ? 'B' : 'A']}
          attention={attention}
          extraPad={extraPad}
        />
      ))}
    </TeachCard>
  );
}

interface PaddedSentenceProps {
  slot: SentenceSlot;
  text: string;
  other: string;
  attention: AttentionKind;
  extraPad: number;
}

function PaddedSentence({ slot, text, other, attention, extraPad }: PaddedSentenceProps) {
  const t = useT();
  const padding = useMemo(() => ({ texts: [other], extra: extraPad }), [other, extraPad]);
  const run = usePlaygroundRun({
    runSlot: slot === 'A' ? 'teach-pad-A' : 'teach-pad-B',
    text,
    spec: NO_MASK,
    attention,
    padding,
  });
  const name = t(slot === 'A' ? 'input.sentenceA' : 'input.sentenceB');
  return (
    <TeachCard title={name} level={4} testId={`mask-padded-${slot}`}>
      <RunStatus run={run} />
      {run.intermediates && <PaddedNumbers run={run} name={name} sentence={text} />}
    </TeachCard>
  );
}

function PaddedNumbers({
  run,
  name,
  sentence,
}: {
  run: PlaygroundRun;
  name: string;
  sentence: string;
}) {
  const t = useT();
  const inter = run.intermediates!;
  const alone = run.unpadded;
  const rows = inter.queryLength;
  const cols = inter.keyLength;
  // The real tokens: the unpadded run's lengths (rows of the decoder side, keys of the source).
  const realRows = alone?.queryLength ?? rows;
  const realCols = alone?.keyLength ?? cols;
  const used = useMemo(() => usedMask(inter.maskedScores), [inter]);
  const cost = maskCost(used, rows, cols);
  const padMax = padKeyWeightMax(inter.weights, rows, cols, realCols);
  const diff = alone
    ? realRowsMaxDiff(inter.weights, cols, alone.weights, realRows, realCols)
    : null;
  const share = padRowsRealShare(inter.weights, rows, cols, realRows, realCols);
  const kindName = t(KIND_KEY.padding);
  return (
    <>
      <p className="teach-readout" data-testid="mask-pairs-padding">
        {t('teach.masks.pairs', {
          pairs: cost.pairs,
          full: cost.full,
          n: rows,
          percent: percent(cost.fraction),
        })}
      </p>
      <ul className="teach-facts">
        <li data-testid="pad-key-max">
          {t('teach.masks.padding.padKeys', { pads: cols - realCols, max: String(padMax) })}
        </li>
        {diff !== null && (
          <li data-testid="pad-real-diff">
            {t('teach.masks.padding.realDiff', {
              rows: realRows,
              diff: Number.isNaN(diff) ? '—' : diff === 0 ? '0' : diff.toExponential(1),
            })}
          </li>
        )}
        <li data-testid="pad-query-rows">
          {share
            ? t('teach.masks.padding.padRows', {
                min: fixed(share.min, 4),
                max: fixed(share.max, 4),
              })
            : t('teach.masks.padding.noPadRows')}
        </li>
      </ul>
      <ScoreFigures
        name={`${kindName} · ${name}`}
        run={run}
        allowed={used}
        settingsLine={`${cols - realCols} × [PAD]`}
        what={'mask-padding'}
        sentence={sentence}
        softmaxTestId="mask-softmax-padded"
      />
    </>
  );
}
