import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { formatCountIn } from '../../i18n/numbers';
import { useAppStore } from '../../store';
import type { SentenceSlot } from '../../store/types';
import { copyPngToClipboard, downloadBlob, type ClipboardFailure } from './download';
import type { ExportScale } from './scales';
import { ScalePicker } from './ScalePicker';
import { exportFileName } from './filename';
import type { HeadPictureInput } from './headPicture';
import {
  resultInput,
  selectCanExport,
  selectHeatmapExport,
  type HeatmapExportData,
} from './heatmapExport';
import type { WeightsEncoding } from './json';
import './export.css';

export interface ExportMenuProps {
  /** Which sentence's heatmap to export. */
  slot: SentenceSlot;
  /** The sentence's name as the page shows it ("Sentence A"): in titles and the button's name. */
  name: string;
}

type Status = { tone: 'info' | 'error'; text: string } | null;

/** The code that writes the files, fetched when an export is first chosen (not on page load). */
const loadExporters = () => import('./exporters');
type Exporters = Awaited<ReturnType<typeof loadExporters>>;

const CLIPBOARD_KEYS = {
  unsupported: 'export.copyUnsupported',
  denied: 'export.copyDenied',
  failed: 'export.copyFailed',
} as const satisfies Record<ClipboardFailure, string>;

/**
 * The heatmap's export menu (a disclosure: a button and a panel). PNG at 1×/2×/4×, the image on the
 * clipboard, every head of the current attention kind as a ZIP of PNGs, SVG, CSV of the shown head,
 * and the whole result as JSON. Disabled until the sentence's run is complete.
 */
export function ExportMenu({ slot, name }: ExportMenuProps) {
  const t = useT();
  const id = useId();
  const canExport = useAppStore(selectCanExport(slot));
  const [open, setOpen] = useState(false);
  const [scale, setScale] = useState<ExportScale>(1);
  const [status, setStatus] = useState<Status>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const abortRef = useRef<AbortController | null>(null);

  // Close on a click elsewhere.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  // Stop a ZIP in progress when the menu goes away.
  useEffect(() => () => abortRef.current?.abort(), []);

  /** Fresh data at click time (never a stale render's). */
  const current = (): {
    data: HeatmapExportData;
    input: Omit<HeadPictureInput, 'layer' | 'head'>;
  } | null => {
    const s = useAppStore.getState();
    const data = selectHeatmapExport(s, slot);
    if (!data) {
      setStatus({ tone: 'error', text: t('export.notReady') });
      return null;
    }
    return {
      data,
      input: {
        data,
        name,
        t,
        language: s.language,
        colorMap: s.colorMap,
        colorScale: s.colorScale,
        leaveOutFirst: s.leaveOutFirst,
      },
    };
  };

  const downscaleNotice = (percent: number) => t('export.downscaled', { percent });
  const language = useAppStore((s) => s.language);
  const count = (n: number) => formatCountIn(language, n);

  const fail = (error: unknown) =>
    setStatus({
      tone: 'error',
      text: t('export.failed', { message: error instanceof Error ? error.message : String(error) }),
    });

  const savePng = async () => {
    const c = current();
    if (!c) return;
    try {
      const { data } = c;
      const { exportCanvasPng, headPicture } = await loadExporters();
      const png = await exportCanvasPng(
        headPicture({ ...c.input, layer: data.layer, head: data.head }, scale, downscaleNotice),
      );
      const file = exportFileName({
        model: data.modelId,
        kind: data.kind,
        layer: data.layer,
        head: data.head,
        sentence: data.sentence,
        ext: 'png',
      });
      downloadBlob(png.blob, file);
      const size = t('export.size', { width: count(png.width), height: count(png.height) });
      const notice = downscaleNotice(Math.floor((png.scale / png.requestedScale) * 100));
      setStatus({
        tone: 'info',
        text: png.downscaled
          ? t('export.savedDownscaled', { file, size, notice })
          : t('export.saved', { file, size }),
      });
    } catch (error) {
      fail(error);
    }
  };

  const copyImage = async () => {
    const c = current();
    if (!c) return;
    const { data } = c;
    // The promise goes to the clipboard at once, inside the click (required for user activation).
    const blob = loadExporters()
      .then(({ exportCanvasPng, headPicture }) =>
        exportCanvasPng(
          headPicture({ ...c.input, layer: data.layer, head: data.head }, scale, downscaleNotice),
        ),
      )
      .then((png) => png.blob);
    const result = await copyPngToClipboard(blob);
    setStatus(
      result.ok
        ? { tone: 'info', text: t('export.copied') }
        : { tone: 'error', text: t(CLIPBOARD_KEYS[result.reason]) },
    );
  };

  const saveZip = async () => {
    const c = current();
    if (!c) return;
    const { data } = c;
    let exporters: Exporters;
    try {
      exporters = await loadExporters();
    } catch (error) {
      fail(error);
      return;
    }
    const { buildZip, exportCanvasPng, headPicture } = exporters;
    const entries = [];
    for (let layer = 0; layer < data.block.layers; layer++)
      for (let head = 0; head < data.block.heads; head++)
        entries.push({
          name: exportFileName({
            model: data.modelId,
            kind: data.kind,
            layer,
            head,
            sentence: data.sentence,
            ext: 'png',
          }),
          make: async () =>
            (
              await exportCanvasPng(
                headPicture({ ...c.input, layer, head }, scale, downscaleNotice),
              )
            ).blob,
        });
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setStatus(null);
    setProgress({ done: 0, total: entries.length });
    try {
      const zip = await buildZip(
        entries,
        (done, total) => setProgress({ done, total }),
        controller.signal,
      );
      const file = exportFileName({
        model: data.modelId,
        kind: data.kind,
        what: 'all-heads',
        sentence: data.sentence,
        ext: 'zip',
      });
      downloadBlob(zip, file);
      setStatus({
        tone: 'info',
        text: t('export.savedZip', { file, count: count(entries.length) }),
      });
    } catch (error) {
      if (!controller.signal.aborted) fail(error);
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
      setProgress(null);
    }
  };

  /** Runs an export that needs the export code, reporting a failure to load or to write it. */
  const withExporters = async (write: (exporters: Exporters) => void) => {
    try {
      write(await loadExporters());
    } catch (error) {
      fail(error);
    }
  };

  const saveSvg = ({ headSvg, svgBlob }: Exporters) => {
    const c = current();
    if (!c) return;
    const { data } = c;
    const file = exportFileName({
      model: data.modelId,
      kind: data.kind,
      layer: data.layer,
      head: data.head,
      sentence: data.sentence,
      ext: 'svg',
    });
    downloadBlob(svgBlob(headSvg({ ...c.input, layer: data.layer, head: data.head })), file);
    setStatus({ tone: 'info', text: t('export.savedFile', { file }) });
  };

  const saveCsv = ({ csvFile, headFigure, matrixToCsv }: Exporters) => {
    const c = current();
    if (!c) return;
    const { data } = c;
    const { matrix } = headFigure({ ...c.input, layer: data.layer, head: data.head });
    const csv = matrixToCsv({
      rowLabels: data.queryTokens,
      colLabels: data.keyTokens,
      values: matrix,
      corner: t('export.csvCorner'),
    });
    const file = exportFileName({
      model: data.modelId,
      kind: data.kind,
      layer: data.layer,
      head: data.head,
      sentence: data.sentence,
      ext: 'csv',
    });
    downloadBlob(csvFile(csv), file);
    setStatus({ tone: 'info', text: t('export.savedFile', { file }) });
  };

  const saveJson = ({ jsonFile, resultToJson }: Exporters, encoding: WeightsEncoding) => {
    const c = current();
    if (!c) return;
    const json = resultToJson(resultInput(useAppStore.getState()), encoding);
    const file = exportFileName({
      model: c.data.modelId,
      what: encoding === 'nested' ? 'result' : 'result-base64',
      sentence: c.data.sentence,
      ext: 'json',
    });
    downloadBlob(jsonFile(json), file);
    setStatus({ tone: 'info', text: t('export.savedFile', { file }) });
  };

  const busy = progress !== null;
  const panelId = `${id}-panel`;

  return (
    <div
      ref={rootRef}
      className="export-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="export-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={!canExport && !open}
        onClick={() => setOpen((o) => !o)}
      >
        {t('export.button')}
        <span className="sr-only"> {name}</span>
        <span className="export-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={panelId} className="export-panel" hidden={!open}>
        <ScalePicker
          className="export-scale"
          name={`${id}-scale`}
          scale={scale}
          onChange={setScale}
        />
        <div className="export-actions" role="group" aria-label={t('export.actions')}>
          <button type="button" disabled={!canExport || busy} onClick={() => void savePng()}>
            {t('export.png')}
          </button>
          <button type="button" disabled={!canExport || busy} onClick={() => void copyImage()}>
            {t('export.copyImage')}
          </button>
          <button type="button" disabled={!canExport || busy} onClick={() => void saveZip()}>
            {t('export.zip')}
          </button>
          <button
            type="button"
            disabled={!canExport || busy}
            onClick={() => void withExporters(saveSvg)}
          >
            {t('export.svg')}
          </button>
          <button
            type="button"
            disabled={!canExport || busy}
            onClick={() => void withExporters(saveCsv)}
          >
            {t('export.csv')}
          </button>
          <button
            type="button"
            disabled={!canExport || busy}
            onClick={() => void withExporters((x) => saveJson(x, 'nested'))}
          >
            {t('export.json')}
          </button>
          <button
            type="button"
            disabled={!canExport || busy}
            onClick={() => void withExporters((x) => saveJson(x, 'float32-base64'))}
          >
            {t('export.jsonBase64')}
          </button>
        </div>
        {progress && (
          <div className="export-progress">
            <progress
              max={progress.total}
              value={progress.done}
              aria-label={t('export.zipProgressLabel')}
            />
            <span>
              {t('export.zipProgress', {
                done: count(progress.done),
                total: count(progress.total),
              })}
            </span>
            <button type="button" onClick={() => abortRef.current?.abort()}>
              {t('export.cancel')}
            </button>
          </div>
        )}
        <p
          className={`export-status${status?.tone === 'error' ? ' is-error' : ''}`}
          role="status"
          aria-live="polite"
        >
          {status?.text ?? ''}
        </p>
      </div>
    </div>
  );
}
