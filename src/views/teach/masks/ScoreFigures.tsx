import { useMemo, useRef, type ReactNode } from 'react';
import { useT } from '../../../i18n';
import { figuresPng, PictureExport } from '../../export/PictureExport';
import { MatrixCanvas } from '../common/MatrixCanvas';
import { maskPicture, valuesChecksum } from './masks';

export interface ScoreFiguresProps {
  /** The mask recipe's name (in the pictures' accessible names and titles). */
  name: string;
  rows: number;
  cols: number;
  rowTokens: readonly string[];
  colTokens: readonly string[];
  /** The mask the engine used, [rows][cols], 1 = allowed. */
  allowed: Uint8Array;
  /** Scaled scores [rows][cols] before masking. */
  before: ArrayLike<number>;
  /** The same with masked pairs at −∞. */
  after: ArrayLike<number>;
  /** Softmax of `after`, [rows][cols]. */
  weights: ArrayLike<number>;
  /** File-name part naming what is shown, e.g. 'mask-window_encoder-self_L1H2'. */
  what: string;
  /** The sentence (its words end the file names). */
  sentence: string;
  /** The numbers are being recomputed (shown dimmed until the new ones arrive). */
  dim?: boolean;
  /** data-testid of the softmax figure (it also carries a checksum of the shown weights). */
  softmaxTestId?: string;
}

/** The mask the engine used, the scores before and after masking, and the softmax, each with
 * its own PNG export. */
export function ScoreFigures(props: ScoreFiguresProps) {
  const t = useT();
  const { name, rows, cols, rowTokens, colTokens, allowed, before, after, weights, dim } = props;
  const checksum = useMemo(() => valuesChecksum(weights), [weights]);
  const pattern = useMemo(() => maskPicture({ rows, cols, allowed }), [rows, cols, allowed]);
  const common = { rows, cols, rowLabels: rowTokens, colLabels: colTokens };
  const files = { rowTokens, colTokens, what: props.what, sentence: props.sentence };
  return (
    <div className="teach-triptych" style={dim ? { opacity: 0.6 } : undefined} aria-busy={dim}>
      <ScoreFigure
        caption={t('teach.masks.pattern')}
        title={t('teach.masks.patternLabel', { name })}
        stage="pattern"
        {...files}
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

interface ScoreFigureProps extends Pick<
  ScoreFiguresProps,
  'rowTokens' | 'colTokens' | 'what' | 'sentence'
> {
  caption: string;
  /** Title written into the exported PNG. */
  title: string;
  /** File-name part of this picture. */
  stage: 'pattern' | 'before' | 'after' | 'softmax';
  testId?: string;
  checksum?: string;
  children: ReactNode;
}

/** One matrix with its caption and PNG export (the canvas's cells, titled and labelled). */
function ScoreFigure({
  caption,
  title,
  stage,
  rowTokens,
  colTokens,
  what,
  sentence,
  testId,
  checksum,
  children,
}: ScoreFigureProps) {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  return (
    <figure ref={ref} data-testid={testId} data-checksum={checksum}>
      <figcaption>{caption}</figcaption>
      {children}
      <PictureExport
        label={t('teach.export', { picture: caption })}
        what={`${what}_${stage}`}
        sentence={sentence}
        png={() => {
          const canvas = ref.current?.querySelector('canvas');
          return canvas
            ? figuresPng([{ canvas, title, rowLabels: rowTokens, colLabels: colTokens }])
            : null;
        }}
      />
    </figure>
  );
}
