import { useT } from '../../../i18n';
import { PictureExport } from '../../export/PictureExport';
import { MatrixCanvas, type MatrixCanvasProps } from './MatrixCanvas';
import { teachMatrixPicture, teachTitle, type TeachMatrixLegend } from './matrixPicture';
import { short } from './format';

export interface ExportableMatrixProps extends MatrixCanvasProps {
  /** What the picture is, for the export control's name ("Export {picture}"). */
  picture: string;
  /** File-name part naming what is shown (see pictureFileName), e.g. 'alibi_head1_n16'. */
  what: string;
  /** The sentence shown, if any (its words end the file name and the title). */
  sentence?: string;
  /** First title line of the PNG; default the matrix's accessible name. */
  title?: string;
  /** Further title lines: where the numbers come from, the settings that made them. */
  details?: readonly string[];
  /** Caption of the colour bar; default "Attention weight" for weights, else "Value". */
  barLabel?: string;
}

/**
 * A teaching matrix with a PNG export of it at 1×, 2× or 4×: its cells in the colours shown, titled,
 * with its row and column labels and a colour bar of the same scale.
 */
export function ExportableMatrix({
  picture,
  what,
  sentence = '',
  title,
  details = [],
  barLabel,
  ...matrix
}: ExportableMatrixProps) {
  const t = useT();
  const scheme = matrix.scheme ?? 'weights';
  const legend: TeachMatrixLegend = {
    kind: 'bar',
    label: barLabel ?? t(scheme === 'weights' ? 'teach.export.weight' : 'teach.export.value'),
    maskedLabel: t('teach.export.maskedCells'),
    format: (v) => short(v, 3),
  };
  return (
    <div className="teach-exportable">
      <MatrixCanvas {...matrix} />
      <PictureExport
        label={t('teach.export', { picture })}
        what={what}
        sentence={sentence}
        picture={() =>
          teachMatrixPicture({
            ...matrix,
            scheme,
            title: teachTitle(
              title ?? matrix.label,
              details,
              sentence.trim() ? t('teach.export.sentence', { text: sentence.trim() }) : null,
            ),
            legend,
          })
        }
      />
    </div>
  );
}
