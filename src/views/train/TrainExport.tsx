/**
 * The Train tab's "Export the run": the curves and scores as JSON (`attention-atlas-training` v1,
 * see src/analysis/trainExport.ts) and one PNG with the Loss and Accuracy curves above a strip of
 * the best head's pictures from the snapshot timeline.
 */
import { useState, type RefObject } from 'react';
import { trainingToJson } from '../../analysis/trainExport';
import { useT, type MessageKey } from '../../i18n';
import { useAppStore, type TrainState } from '../../store';
import { canvasComposite, type PictureContent, type PlacedCanvas } from '../export/composite';
import { downloadBlob } from '../export/download';
import type { TextItem } from '../export/figure';
import { PictureExport, pictureFileName } from '../export/PictureExport';
import { serializeSvgElement } from '../export/svg';
import { matrixToRgba } from '../heatmap/color';
import { resolveColors, useColorScheme } from '../teach/common/themeColors';

/** Pictures in the strip at most. */
export const STRIP_PICTURES = 8;
const CELL = 72;
const GAP = 10;
const LABEL = 14;

/** Up to `max` snapshot indices spread evenly over `count`, first and last included. */
export function stripIndices(count: number, max = STRIP_PICTURES): number[] {
  if (count <= 0) return [];
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const out = new Set<number>();
  for (let i = 0; i < max; i++) out.add(Math.round((i * (count - 1)) / (max - 1)));
  return [...out];
}

/** The [layer, head] with the highest ideal-pattern score in `scores` (first on ties). */
export function bestHead(scores: readonly (readonly number[])[]): [number, number] {
  let best: [number, number] = [0, 0];
  let top = -Infinity;
  scores.forEach((row, l) =>
    row.forEach((s, h) => {
      if (s > top) {
        top = s;
        best = [l, h];
      }
    }),
  );
  return best;
}

function findSvg(root: HTMLElement | null): SVGSVGElement | null {
  const all = Array.from(root?.querySelectorAll('svg') ?? []);
  return all.find((el) => el.querySelector('path, circle, rect')) ?? all[0] ?? null;
}

async function svgImage(
  root: HTMLElement | null,
  title: string,
  scheme: 'light' | 'dark',
): Promise<{ image: HTMLImageElement; width: number; height: number } | null> {
  const svg = findSvg(root);
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  if (box.width <= 0 || box.height <= 0) return null;
  const [background = '#ffffff'] = resolveColors(
    svg.parentElement ?? svg,
    ['var(--panel)'],
    scheme,
  );
  const text = serializeSvgElement(svg, { title, background });
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  return { image, width: box.width, height: box.height };
}

function headCanvas(weights: Float32Array, t: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = t;
  canvas.height = t;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    const image = ctx.createImageData(t, t);
    image.data.set(matrixToRgba(weights, t, t, 1));
    ctx.putImageData(image, 0, 0);
  }
  return canvas;
}

export interface TrainExportProps {
  train: TrainState;
  length: number;
  idealPattern: string;
  lossRef: RefObject<HTMLElement | null>;
  accuracyRef: RefObject<HTMLElement | null>;
}

export function TrainExport({
  train,
  length,
  idealPattern,
  lossRef,
  accuracyRef,
}: TrainExportProps) {
  const t = useT();
  const scheme = useColorScheme();
  const [status, setStatus] = useState('');
  const empty = train.losses.length === 0;
  const what = `training_${train.settings.task}`;

  const saveJson = () => {
    const json = trainingToJson({ ...train, length, idealPattern });
    const file = pictureFileName(useAppStore.getState(), what, '', 'png').replace(
      /\.png$/,
      '.json',
    );
    downloadBlob(new Blob([json], { type: 'application/json' }), file);
    setStatus(t('train.export.saved', { file }));
  };

  const picture = async (): Promise<PictureContent | null> => {
    const [loss, accuracy] = await Promise.all([
      svgImage(lossRef.current, t('train.loss'), scheme),
      svgImage(accuracyRef.current, t('train.accuracy'), scheme),
    ]);
    if (!loss || !accuracy) return null;
    const { snapshots, settings } = train;
    const canvases: PlacedCanvas[] = [
      { canvas: loss.image, x: 0, y: 0, width: loss.width, height: loss.height },
      {
        canvas: accuracy.image,
        x: loss.width + GAP,
        y: 0,
        width: accuracy.width,
        height: accuracy.height,
      },
    ];
    const labels: TextItem[] = [];
    let height = Math.max(loss.height, accuracy.height);
    let width = loss.width + GAP + accuracy.width;
    const last = snapshots[snapshots.length - 1];
    const details: string[] = [];
    if (last) {
      const [layer, head] = bestHead(last.scores);
      details.push(t('train.export.strip', { layer: layer + 1, head: head + 1 }));
      const top = height + GAP + LABEL;
      const indices = stripIndices(snapshots.length);
      indices.forEach((index, i) => {
        const s = snapshots[index]!;
        const w = s.layers[layer]?.subarray(head * length * length, (head + 1) * length * length);
        if (!w) return;
        const x = i * (CELL + GAP);
        canvases.push({ canvas: headCanvas(w, length), x, y: top, width: CELL, height: CELL });
        labels.push({
          text: t('train.export.stepScore', {
            step: s.step,
            score: (s.scores[layer]?.[head] ?? 0).toFixed(2),
          }),
          x: x + CELL / 2,
          y: top + CELL + LABEL - 2,
          size: 10,
          anchor: 'middle',
          muted: true,
        });
      });
      height = top + CELL + LABEL + 2;
      width = Math.max(width, indices.length * (CELL + GAP) - GAP);
    }
    return canvasComposite({
      title: [
        t('train.export.title', {
          task: t(`train.task.${settings.task}` as MessageKey),
          step: train.step,
        }),
        t('train.export.settings', {
          layers: settings.layers,
          heads: settings.heads,
          dModel: settings.dModel,
          positional: settings.positional,
          lr: settings.learningRate,
          batch: settings.batchSize,
          seed: settings.seed,
        }),
        ...details,
      ],
      width,
      height,
      canvases,
      labels,
    });
  };

  return (
    <div className="train-export">
      <div className="train-buttons" role="group" aria-label={t('train.export.jsonGroup')}>
        <button type="button" className="button" disabled={empty} onClick={saveJson}>
          {t('train.export.json')}
        </button>
        <span className="export-status" role="status" aria-live="polite">
          {status}
        </span>
      </div>
      <PictureExport
        label={t('train.export.picture')}
        what={what}
        picture={picture}
        disabled={empty}
      />
    </div>
  );
}
