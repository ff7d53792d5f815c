import type { RefObject } from 'react';
import { useT } from '../../../i18n';
import { canvasComposite, type PictureContent } from '../../export/composite';
import { PictureExport } from '../../export/PictureExport';
import { serializeSvgElement } from '../../export/svg';
import { resolveColors, useColorScheme } from './themeColors';

export interface PlotExportProps {
  /** The element holding the plot's <svg> (the first one with a drawn path, or the first). */
  plotRef: RefObject<HTMLElement | null>;
  /** What the picture is ("Export {picture}"); the PNG's first title line. */
  picture: string;
  /** File-name part naming what is shown (see pictureFileName). */
  what: string;
  /** Further title lines of the PNG (the settings that made the plot). */
  details?: readonly string[];
}

function findSvg(root: HTMLElement | null): SVGSVGElement | null {
  const all = Array.from(root?.querySelectorAll('svg') ?? []);
  return all.find((el) => el.querySelector('path, circle, rect')) ?? all[0] ?? null;
}

/** A standalone SVG document decoded as an image (a data URL: nothing to revoke later). */
async function svgImage(text: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  return img;
}

/**
 * PNG and SVG export of an SVG plot of a teaching view: styles inlined as the page shows them, on
 * the panel's colour (so dark-theme text stays readable in the file). The PNG is the plot under a
 * title at 1×, 2× or 4× (drawn from the vector, so sharp at any scale); curves have no colour bar.
 */
export function PlotExport({ plotRef, picture, what, details = [] }: PlotExportProps) {
  const t = useT();
  const scheme = useColorScheme();
  const standalone = () => {
    const svg = findSvg(plotRef.current);
    if (!svg) return null;
    const box = svg.getBoundingClientRect();
    const [background = '#ffffff'] = resolveColors(
      svg.parentElement ?? svg,
      ['var(--panel)'],
      scheme,
    );
    const text = serializeSvgElement(svg, { title: picture, background });
    return { text, width: box.width, height: box.height };
  };
  const content = async (): Promise<PictureContent | null> => {
    const s = standalone();
    if (!s || s.width <= 0 || s.height <= 0) return null;
    const image = await svgImage(s.text);
    return canvasComposite({
      title: [picture, ...details],
      width: s.width,
      height: s.height,
      canvases: [{ canvas: image, x: 0, y: 0, width: s.width, height: s.height }],
    });
  };
  return (
    <PictureExport
      label={t('teach.export', { picture })}
      what={what}
      picture={content}
      svg={() => standalone()?.text ?? null}
    />
  );
}
