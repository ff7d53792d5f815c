import { useId, useState } from 'react';
import { useT } from '../../i18n';
import { formatCountIn } from '../../i18n/numbers';
import { useAppStore } from '../../store';
import type { AppState } from '../../store/types';
import type { PictureContent } from './composite';
import { downloadBlob } from './download';
import type { ExportScale } from './scales';
import { ScalePicker } from './ScalePicker';
import { exportFileName } from './filename';
import { modelIdOf } from './heatmapExport';
import './export.css';

/** The code that writes the files, fetched when an export is first chosen (not on page load). */
const loadExporters = () => import('./exporters');

export interface PictureExportProps {
  /** Accessible name of the control, e.g. "Export heads grid". */
  label: string;
  /** What the picture shows, written into the file name (e.g. 'heads_L1-4'). */
  what: string;
  /** The sentence the picture shows ('' for none); its content words end the file name. */
  sentence?: string;
  /**
   * The picture at click time (title, labels, colour bar; see composite.ts and matrixPicture.ts);
   * null when there is nothing to draw. With it the control offers 1×, 2× and 4×, reports the
   * PNG's size, and shrinks a picture past the browser's canvas limits with a notice. It may be a
   * promise (a plot's SVG is decoded as an image first).
   */
  picture?: () => PictureContent | null | Promise<PictureContent | null>;
  /**
   * A standalone SVG document of the picture at click time; null when there is nothing. It may be
   * a promise (the views load their picture code on demand).
   */
  svg?: () => string | null | Promise<string | null>;
  disabled?: boolean;
}

/**
 * A file name for a picture of the current model, in exportFileName's style but keeping `what` as
 * written: atlas_en-zh-tiny_heads_L1-4_bank-river.png.
 */
export function pictureFileName(
  s: Pick<AppState, 'model' | 'translatorInfo' | 'translatorUrl' | 'hub'>,
  what: string,
  sentence: string,
  ext: 'png' | 'svg',
): string {
  const base = exportFileName({ model: modelIdOf(s), sentence, ext });
  const safe = what.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[-_]+|[-_]+$/g, '');
  if (!safe) return base;
  // atlas_<model>_<words>.<ext> → atlas_<model>_<what>_<words>.<ext>
  const [atlas, model, ...rest] = base.split('_');
  return [atlas, model, safe, ...rest].join('_');
}

/**
 * A compact "Download PNG" / "Download SVG" pair for a picture that is not the main heatmap
 * (heads grid, lines, comparison, aggregates, positional encodings), with a 1×/2×/4× choice for
 * pictures given as `picture` content (default 2×).
 */
export function PictureExport({
  label,
  what,
  sentence = '',
  picture,
  svg,
  disabled,
}: PictureExportProps) {
  const t = useT();
  const id = useId();
  const language = useAppStore((s) => s.language);
  const [scale, setScale] = useState<ExportScale>(2);
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);

  const fileName = (ext: 'png' | 'svg') =>
    pictureFileName(useAppStore.getState(), what, sentence, ext);
  const fail = (error: unknown) =>
    setStatus({
      error: true,
      text: t('export.failed', { message: error instanceof Error ? error.message : String(error) }),
    });

  const savePicture = async () => {
    try {
      const [content, { exportCanvasPng }] = await Promise.all([picture?.(), loadExporters()]);
      if (!content) {
        setStatus({ error: true, text: t('export.notReady') });
        return;
      }
      const downscaleNotice = (percent: number) => t('export.downscaled', { percent });
      const out = await exportCanvasPng({ ...content, scale, downscaleNotice });
      const file = fileName('png');
      downloadBlob(out.blob, file);
      const count = (n: number) => formatCountIn(language, n);
      const size = t('export.size', { width: count(out.width), height: count(out.height) });
      const notice = downscaleNotice(Math.floor((out.scale / out.requestedScale) * 100));
      setStatus({
        error: false,
        text: out.downscaled
          ? t('export.savedDownscaled', { file, size, notice })
          : t('export.saved', { file, size }),
      });
    } catch (error) {
      fail(error);
    }
  };

  const saveSvg = async () => {
    try {
      const [text, { svgBlob }] = await Promise.all([svg?.(), loadExporters()]);
      if (!text) {
        setStatus({ error: true, text: t('export.notReady') });
        return;
      }
      const file = fileName('svg');
      downloadBlob(svgBlob(text), file);
      setStatus({ error: false, text: t('export.savedFile', { file }) });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <div className="picture-export" role="group" aria-label={label}>
      {picture && (
        <ScalePicker
          className="picture-scale"
          legendHidden
          name={`${id}-scale`}
          scale={scale}
          onChange={setScale}
        />
      )}
      {picture && (
        <button
          type="button"
          className="button"
          disabled={disabled}
          onClick={() => void savePicture()}
        >
          {t('export.png')}
        </button>
      )}
      {svg && (
        <button type="button" className="button" disabled={disabled} onClick={() => void saveSvg()}>
          {t('export.svg')}
        </button>
      )}
      <span
        className={`export-status${status?.error ? ' is-error' : ''}`}
        role="status"
        aria-live="polite"
      >
        {status?.text ?? ''}
      </span>
    </div>
  );
}
