import { useMemo, type ReactNode } from 'react';
import { useT } from '../../../i18n';
import { PictureExport } from '../../export/PictureExport';
import type { Scheme } from '../common/colors';
import { short } from '../common/format';
import { MatrixCanvas } from '../common/MatrixCanvas';
import { sourceTitle } from '../common/SourceBar';
import { teachMatrixPicture, teachTitle, type TeachMatrixLegend } from '../common/matrixPicture';
import { maskPicture, valuesChecksum } from './masks';
import type { PlaygroundRun } from './usePlaygroundRun';

export interface ScoreFiguresProps {
  /** The mask recipe's name (in the pictures' accessible names and titles). */
  name: string;
  /** The playground run whose traced head is shown (its intermediates must be there). */
  run: PlaygroundRun;
  /** The mask the engine used, [rows][cols], 1 = allowed (see `usedMask`). */
  allowed: Uint8Array;
  /** The title line under the source line: the mask's settings. */
  settingsLine: string;
  /** File-name start naming the mask, e.g. 'mask-window' (kind, layer and head follow). */
  what: string;
  /** The sentence (its words end the file names). */
  sentence: string;
  /** data-testid of the softmax figure (it also carries a checksum of the shown weights). */
  softmaxTestId?: string;
}

/** The mask the engine used, the scores before and after masking, and the softmax, each with
 * its own PNG export. */
export function ScoreFigures(props: ScoreFiguresProps) {
  const t = useT();
  const { name, run, allowed } = props;
  const inter = run.intermediates!;
  const rows = inter.queryLength;
  const cols = inter.keyLength;
  const { rowTokens, colTokens } = run;
  const { scaledScores: before, maskedScores: after, weights } = inter;
  // The numbers are being recomputed: shown dimmed until the new ones arrive.
  const dim = run.state === 'loading';
  const checksum = useMemo(() => valuesChecksum(weights), [weights]);
  const pattern = useMemo(() => maskPicture({ rows, cols, allowed }), [rows, cols, allowed]);
  const common = { rows, cols, rowLabels: rowTokens, colLabels: colTokens };
  const source = sourceTitle(t, {
    model: t('teach.model.playground'),
    kind: inter.kind,
    layer: run.layer,
    head: run.head,
  });
  const files = {
    ...common,
    what: `${props.what}_${inter.kind}_L${run.layer + 1}H${run.head + 1}`,
    sentence: props.sentence,
    details: [`${source} · d_k = ${inter.headSize}`, props.settingsLine],
  };
  const scoreBar: TeachMatrixLegend = {
    kind: 'bar',
    label: t('teach.export.score'),
    maskedLabel: t('teach.export.maskedCells'),
    format: (v) => short(v, 2),
  };
  return (
    <div className="teach-triptych" style={dim ? { opacity: 0.6 } : undefined} aria-busy={dim}>
      <ScoreFigure
        caption={t('teach.masks.pattern')}
        title={t('teach.masks.patternLabel', { name })}
        stage="pattern"
        {...files}
        values={pattern}
        scheme="sequential"
        domain={[0, 1]}
        showValues={false}
        legend={{
          kind: 'pattern',
          allowed: t('teach.export.allowed'),
          masked: t('teach.export.masked'),
        }}
      >
        <MatrixCanvas
          {...common}
          values={pattern}
          label={t('teach.masks.patternLabel', { name })}
          scheme="sequential"
          domain={[0, 1]}
          showValues={false}
        />
      </ScoreFigure>
      <ScoreFigure
        caption={t('teach.masks.before')}
        title={t('teach.masks.beforeLabel', { name })}
        stage="before"
        {...files}
        values={before}
        scheme="diverging"
        digits={1}
        legend={scoreBar}
      >
        <MatrixCanvas
          {...common}
          values={before}
          label={t('teach.masks.beforeLabel', { name })}
          scheme="diverging"
          digits={1}
        />
      </ScoreFigure>
      <ScoreFigure
        caption={t('teach.masks.after')}
        title={t('teach.masks.afterLabel', { name })}
        stage="after"
        {...files}
        values={after}
        scheme="diverging"
        digits={1}
        legend={scoreBar}
      >
        <MatrixCanvas
          {...common}
          values={after}
          label={t('teach.masks.afterLabel', { name })}
          scheme="diverging"
          digits={1}
        />
      </ScoreFigure>
      <ScoreFigure
        caption={t('teach.masks.softmax')}
        title={t('teach.masks.softmaxLabel', { name })}
        stage="softmax"
        testId={props.softmaxTestId}
        checksum={checksum}
        {...files}
        values={weights}
        scheme="weights"
        domain={[0, 1]}
        legend={{ ...scoreBar, label: t('teach.export.weight') }}
      >
        <MatrixCanvas
          {...common}
          values={weights}
          label={t('teach.masks.softmaxLabel', { name })}
          domain={[0, 1]}
          digits={2}
        />
      </ScoreFigure>
    </div>
  );
}

interface ScoreFigureProps {
  rows: number;
  cols: number;
  /** File-name part naming what is shown, e.g. 'mask-window_encoder-self_L1H2'. */
  what: string;
  sentence: string;
  /** Title lines under the picture's name: the source (model, kind, layer, head), the settings. */
  details: readonly string[];
  caption: string;
  /** First title line of the exported PNG. */
  title: string;
  /** File-name part of this picture. */
  stage: 'pattern' | 'before' | 'after' | 'softmax';
  rowLabels: readonly string[];
  colLabels: readonly string[];
  /** The matrix as the child canvas colours it, for the export. */
  values: ArrayLike<number>;
  scheme: Scheme;
  domain?: [number, number];
  digits?: number;
  showValues?: boolean;
  legend: TeachMatrixLegend;
  testId?: string;
  checksum?: string;
  children: ReactNode;
}

/** One matrix with its caption and PNG export (titled, labelled, with its colour bar or legend). */
function ScoreFigure({
  caption,
  title,
  stage,
  what,
  sentence,
  details,
  testId,
  checksum,
  children,
  ...matrix
}: ScoreFigureProps) {
  const t = useT();
  return (
    <figure data-testid={testId} data-checksum={checksum}>
      <figcaption>{caption}</figcaption>
      {children}
      <PictureExport
        label={t('teach.export', { picture: caption })}
        what={`${what}_${stage}`}
        sentence={sentence}
        picture={() =>
          teachMatrixPicture({
            ...matrix,
            title: teachTitle(
              title,
              details,
              sentence.trim() ? t('teach.export.sentence', { text: sentence.trim() }) : null,
            ),
          })
        }
      />
    </figure>
  );
}
