import { useMemo } from 'react';
import { maskCost } from '../../../analysis/teach/matrix';
import { useT } from '../../../i18n';
import { percent } from '../common/format';
import { MatrixCanvas } from '../common/MatrixCanvas';
import { TeachCard } from '../common/TeachCard';
import {
  galleryMask,
  maskPicture,
  usedMask,
  type GalleryKind,
  type GallerySettings,
} from './masks';
import { AXES_KEY, EXPLAIN_KEY, KIND_KEY, maskSettingsLine } from './maskText';
import { ScoreFigures } from './ScoreFigures';
import type { PlaygroundRun } from './usePlaygroundRun';

interface MaskDetailProps {
  kind: GalleryKind;
  run: PlaygroundRun;
  settings: GallerySettings;
  /** The sentence (for the exported files' names). */
  sentence: string;
  onToggle?: (q: number, k: number) => void;
  onPreset: (preset: 'all' | 'diagonal' | 'causal') => void;
}

/** The chosen mask on the playground's run: its cost, the custom editor, and the four matrices. */
export function MaskDetail({ kind, run, settings, sentence, onToggle, onPreset }: MaskDetailProps) {
  const t = useT();
  const inter = run.intermediates!;
  const rows = inter.queryLength;
  const cols = inter.keyLength;
  // The mask being edited (the engine may add causal to it on a decoder's self-attention).
  const edited = useMemo(
    () => galleryMask(kind, settings, rows, cols),
    [kind, settings, rows, cols],
  );
  // The mask the engine really used: the pairs it left finite.
  const used = useMemo(() => usedMask(inter.maskedScores), [inter]);
  const cost = maskCost(used, rows, cols);
  const name = t(KIND_KEY[kind]);
  return (
    <TeachCard title={name}>
      <p>{t(EXPLAIN_KEY[kind])}</p>
      <p data-testid="mask-axes">{t(AXES_KEY[inter.kind])}</p>
      <p className="teach-readout" data-testid="mask-pairs">
        {t('teach.masks.pairs', {
          pairs: cost.pairs,
          full: cost.full,
          n: rows,
          percent: percent(cost.fraction),
        })}
      </p>
      {kind === 'custom' && (
        <div className="teach-card-inner">
          <p>{t('teach.masks.custom.help')}</p>
          <div className="teach-row">
            <button type="button" className="button" onClick={() => onPreset('all')}>
              {t('teach.masks.custom.all')}
            </button>
            <button type="button" className="button" onClick={() => onPreset('diagonal')}>
              {t('teach.masks.custom.diagonal')}
            </button>
            <button type="button" className="button" onClick={() => onPreset('causal')}>
              {t('teach.masks.custom.causal')}
            </button>
          </div>
          <MatrixCanvas
            values={maskPicture(edited)}
            rows={rows}
            cols={cols}
            rowLabels={run.rowTokens}
            colLabels={run.colTokens}
            label={t('teach.masks.custom.label')}
            scheme="sequential"
            domain={[0, 1]}
            showValues={false}
            maxCell={32}
            onCellToggle={onToggle}
            describe={(r, c, v) =>
              `${run.rowTokens[r] ?? r} → ${run.colTokens[c] ?? c}: ${
                v === 1 ? t('teach.steps.allowed') : t('teach.steps.masked')
              }`
            }
          />
        </div>
      )}
      <ScoreFigures
        name={name}
        run={run}
        allowed={used}
        settingsLine={maskSettingsLine(t, kind, settings)}
        what={`mask-${kind}`}
        sentence={sentence}
        softmaxTestId="mask-softmax"
      />
    </TeachCard>
  );
}
