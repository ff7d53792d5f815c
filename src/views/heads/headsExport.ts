/**
 * The heads grid as an export picture: the grid's canvas (every thumbnail), each thumbnail's
 * caption ("L3 H7" and its metric or pattern), a title (model, what, sentence) and a colour bar.
 * Each thumbnail is scaled to its own head's largest weight, so the bar reads 0 … 1 of that.
 */
import type { TranslateFn } from '../../i18n';
import { formatTickIn } from '../../i18n/numbers';
import type { AppState } from '../../store';
import { canvasComposite, pictureTitle, type PictureContent } from '../export/composite';
import type { TextItem } from '../export/figure';
import { modelIdOf } from '../export/heatmapExport';
import { COLOR_MAP_INTERPOLATORS } from '../heatmap/colormaps';
import { formatScaleTick, makeCellScale, scaleTicks } from '../heatmap/colorScale';
import type { ThumbGridLayout } from './thumbnails';

/** What a thumbnail's caption shows (HeadsGrid's ThumbCaption fits). */
export interface CaptionText {
  /** "L3 H7". */
  label: string;
  /** Its metric or pattern, right-aligned; '' for none. */
  value?: string;
}

export interface HeadsGridPictureInput {
  state: Pick<
    AppState,
    | 'model'
    | 'translatorInfo'
    | 'translatorUrl'
    | 'hub'
    | 'colorMap'
    | 'language'
    | 'colorScale'
    | 'leaveOutFirst'
  >;
  /** The grid's live canvas (its CSS size is `layout.width` × `layout.height`). */
  canvas: HTMLCanvasElement;
  layout: ThumbGridLayout;
  /** One per thumbnail, in the layout's order. */
  captions: readonly CaptionText[];
  /** What the grid shows ("Attention of all 6 layers × 8 heads of Sentence A"). */
  what: string;
  sentence: { name: string; text: string };
  t: TranslateFn;
}

/** Caption text items under each thumbnail, in grid coordinates (CSS px). */
export function thumbCaptionItems(
  layout: ThumbGridLayout,
  captions: readonly CaptionText[],
): TextItem[] {
  return layout.rects.flatMap((rect, i): TextItem[] => {
    const caption = captions[i];
    if (!caption) return [];
    const y = rect.y + rect.size + 13;
    const items: TextItem[] = [{ text: caption.label, x: rect.x + 1, y, size: 11, mono: true }];
    if (caption.value)
      items.push({
        text: caption.value,
        x: rect.x + rect.size - 1,
        y,
        size: 11,
        mono: true,
        muted: true,
        anchor: 'end',
      });
    return items;
  });
}

export function headsGridPicture(input: HeadsGridPictureInput): PictureContent {
  const { state, layout, t } = input;
  // The bar reads 0 … 1 (or 10⁻⁴ … 1) of each head's own top, as the thumbnails were drawn.
  const bar = makeCellScale(1, state.colorScale);
  const format = (v: number) => formatTickIn(state.language, v);
  const title = pictureTitle(modelIdOf(state), input.what, [input.sentence]);
  const notes = [
    ...(bar.kind === 'log'
      ? [t('export.scaleNote.log', { floor: formatScaleTick(bar.floor, format), max: format(1) })]
      : []),
    ...(state.leaveOutFirst ? [t('export.scaleNote.leaveOut')] : []),
  ];
  return canvasComposite({
    title: notes.length > 0 ? [...title, notes.join(' · ')] : title,
    width: layout.width,
    height: layout.height,
    canvases: [{ canvas: input.canvas, x: 0, y: 0, width: layout.width, height: layout.height }],
    labels: thumbCaptionItems(layout, input.captions),
    colourBar: {
      min: 0,
      max: 1,
      interpolate: COLOR_MAP_INTERPOLATORS[state.colorMap],
      label: t('export.barRelative'),
      ticks: bar.kind === 'log' ? [...scaleTicks(bar), 1] : [0, 0.5, 1],
      position: bar.position,
      format: (v) => formatScaleTick(v, format),
    },
  });
}
