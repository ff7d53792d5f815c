import { useRef } from 'react';
import { useT } from '../../../i18n';
import { figuresPng, PictureExport } from '../../export/PictureExport';
import { MatrixCanvas, type MatrixCanvasProps } from './MatrixCanvas';

export interface ExportableMatrixProps extends MatrixCanvasProps {
  /** What the picture is, for the export control's name ("Export {picture}"). */
  picture: string;
  /** File-name part naming what is shown (see pictureFileName), e.g. 'alibi_head1_n16'. */
  what: string;
  /** The sentence shown, if any (its words end the file name). */
  sentence?: string;
  /** Title written into the PNG; default the matrix's accessible name. */
  title?: string;
}

/** A teaching matrix with a PNG export of it (its cells, titled, with its row and column labels). */
export function ExportableMatrix({
  picture,
  what,
  sentence = '',
  title,
  ...matrix
}: ExportableMatrixProps) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  return (
    <div ref={ref} className="teach-exportable">
      <MatrixCanvas {...matrix} />
      <PictureExport
        label={t('teach.export', { picture })}
        what={what}
        sentence={sentence}
        png={() => {
          const canvas = ref.current?.querySelector('canvas');
          return canvas
            ? figuresPng([
                {
                  canvas,
                  title: title ?? matrix.label,
                  rowLabels: matrix.rowLabels.slice(0, matrix.rows),
                  colLabels: matrix.colLabels.slice(0, matrix.cols),
                },
              ])
            : null;
        }}
      />
    </div>
  );
}
