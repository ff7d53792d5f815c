import { useLayoutEffect, useRef } from 'react';
import { maskCost } from '../../../analysis/teach/matrix';
import type { ArchitectureKind, AttentionKind } from '../../../engine/types';
import { useT } from '../../../i18n';
import { percent } from '../common/format';
import { resolveColors, rgbOf, useColorScheme } from '../common/themeColors';
import { engineMask, GALLERY_KINDS, type GalleryKind, type GallerySettings } from './masks';
import { KIND_KEY } from './maskText';

interface MaskGalleryProps {
  kind: GalleryKind;
  onKind: (kind: GalleryKind) => void;
  settings: GallerySettings;
  architecture: ArchitectureKind;
  /** The attention shown: each thumbnail is the mask the engine would use on it. */
  attention: AttentionKind;
  rows: number;
  cols: number;
  /** [PAD] tokens added after the sentence (a batch of fixed length). */
  extraPad: number;
}

/** Every mask recipe as a thumbnail with its cost; picking one runs the playground with it. */
export function MaskGallery({
  kind,
  onKind,
  settings,
  architecture,
  attention,
  rows,
  cols,
  extraPad,
}: MaskGalleryProps) {
  const t = useT();
  return (
    <fieldset className="teach-gallery">
      <legend>{t('teach.masks.gallery')}</legend>
      {GALLERY_KINDS.map((k) => {
        // Padding: this sentence inside a batch length (the sentence + extra [PAD]).
        const pad = k === 'padding' ? extraPad : 0;
        const mask = engineMask(k, settings, architecture, attention, rows + pad, cols + pad);
        const cost = maskCost(mask.allowed, mask.rows, mask.cols);
        return (
          <label key={k} className={`teach-gallery-item${k === kind ? ' is-active' : ''}`}>
            <span className="teach-gallery-head">
              <input
                type="radio"
                name="teach-mask-kind"
                checked={k === kind}
                onChange={() => onKind(k)}
              />
              <span className="teach-gallery-name">{t(KIND_KEY[k])}</span>
            </span>
            <MaskThumb mask={mask.allowed} rows={mask.rows} cols={mask.cols} />
            <span className="teach-gallery-cost" data-testid={`mask-cost-${k}`}>
              {t('teach.masks.cost', {
                pairs: cost.pairs,
                full: cost.full,
                percent: percent(cost.fraction),
              })}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** A tiny picture of a mask: allowed cells in the accent colour, masked cells faint. Decorative
 * (the text beside it gives the count). */
function MaskThumb({ mask, rows, cols }: { mask: Uint8Array; rows: number; cols: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const scheme = useColorScheme();
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const [on, off] = resolveColors(
      canvas.parentElement ?? document.body,
      ['var(--accent)', 'var(--border-strong)'],
      scheme,
    ).map(rgbOf);
    const image = ctx.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const c = mask[i] === 1 ? on! : off!;
      image.data.set([c[0], c[1], c[2], mask[i] === 1 ? 255 : 110], i * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [mask, rows, cols, scheme]);
  const side = 72;
  const cell = Math.max(1, Math.floor(side / Math.max(rows, cols, 1)));
  return (
    <canvas
      ref={ref}
      className="teach-thumb"
      width={cols}
      height={rows}
      style={{ width: cols * cell, height: rows * cell }}
      aria-hidden="true"
    />
  );
}
