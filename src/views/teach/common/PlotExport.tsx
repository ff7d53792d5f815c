import type { RefObject } from 'react';
import { useT } from '../../../i18n';
import { PictureExport } from '../../export/PictureExport';
import { canvasToPng } from '../../export/png';
import { serializeSvgElement } from '../../export/svg';
import { resolveColors, useColorScheme } from './themeColors';

export interface PlotExportProps {
  /** The element holding the plot's <svg> (the first one with a drawn path, or the first). */
  plotRef: RefObject<HTMLElement | null>;
  /** What the picture is ("Export {picture}"). */
  picture: string;
  /** File-name part naming what is shown (see pictureFileName). */
  what: string;
}

function findSvg(root: HTMLElement | null): SVGSVGElement | null {
  const all = Array.from(root?.querySelectorAll('svg') ?? []);
  return all.find((el) => el.querySelector('path, circle, rect')) ?? all[0] ?? null;
}

/** The standalone SVG drawn onto a canvas of `background` at 2×, as PNG bytes. */
async function svgPng(
  text: string,
  width: number,
  height: number,
  background: string,
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.ceil(width * scale));
    canvas.height = Math.max(1, Math.ceil(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('The browser could not allocate a canvas.');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await canvasToPng(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * PNG and SVG export of an SVG plot of a teaching view: styles inlined as the page shows them, on
 * the panel's colour (so dark-theme text stays readable in the file).
 */
export function PlotExport({ plotRef, picture, what }: PlotExportProps) {
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
    return { text, width: box.width, height: box.height, background };
  };
  return (
    <PictureExport
      label={t('teach.export', { picture })}
      what={what}
      png={() => {
        const s = standalone();
        return s ? svgPng(s.text, s.width, s.height, s.background) : null;
      }}
      svg={() => standalone()?.text ?? null}
    />
  );
}
