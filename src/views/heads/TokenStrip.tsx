import {
  memo,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { useT } from '../../i18n';

export interface TokenStripProps {
  /** The query tokens (rows of every head), [queryLength]. */
  tokens: readonly string[];
  /** Accessible name of the strip. */
  label: string;
  /** Called with the hovered (or keyboard-chosen) token index, or null when none. */
  onHighlight: (row: number | null) => void;
}

/**
 * The query tokens in one strip above the heads grid. Hovering a token (or moving with the arrow
 * keys once the strip has focus) highlights its row in every thumbnail. The hovered chip is marked
 * by moving a tint and an underline over it (1 × 1 px quads stretched by transform on their own
 * compositing layers), so a hover costs no React render and repaints nothing: restyling a chip
 * instead re-rastered the strip's text, several ms a move.
 */
export const TokenStrip = memo(function TokenStrip({
  tokens,
  label,
  onHighlight,
}: TokenStripProps) {
  const t = useT();
  const listRef = useRef<HTMLDivElement>(null);
  const markerRef = useRef<HTMLSpanElement>(null);
  const underlineRef = useRef<HTMLSpanElement>(null);
  const activeRef = useRef<number | null>(null);
  // Only the keyboard path re-renders (to announce the token to screen readers).
  const [announced, setAnnounced] = useState<number | null>(null);

  /** Puts the marker over chip `row` (or hides it): transforms only, nothing to repaint. */
  const place = (row: number | null): void => {
    const marker = markerRef.current;
    const underline = underlineRef.current;
    if (!marker || !underline) return;
    const chip = row === null ? null : (listRef.current?.children[row] as HTMLElement | undefined);
    if (!chip) {
      marker.style.visibility = 'hidden';
      underline.style.visibility = 'hidden';
      return;
    }
    const x = chip.offsetLeft;
    const y = chip.offsetTop;
    const w = chip.offsetWidth;
    const h = chip.offsetHeight;
    marker.style.transform = `translate(${x}px, ${y}px) scale(${w}, ${h})`;
    underline.style.transform = `translate(${x}px, ${y + h - 2}px) scale(${w}, 2)`;
    marker.style.visibility = 'visible';
    underline.style.visibility = 'visible';
  };

  // New tokens: forget the hovered one.
  useLayoutEffect(() => {
    if (activeRef.current === null) return;
    activeRef.current = null;
    place(null);
    onHighlight(null);
  }, [tokens, onHighlight]);

  const mark = (row: number | null): void => {
    if (row === activeRef.current) return;
    activeRef.current = row;
    place(row);
    onHighlight(row);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    const target = (e.target as Element).closest<HTMLElement>('[data-i]');
    mark(target ? Number(target.dataset.i) : null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const n = tokens.length;
    if (n === 0) return;
    const cur = activeRef.current;
    let next: number | null = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown')
      next = cur === null ? 0 : Math.min(n - 1, cur + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp')
      next = cur === null ? 0 : Math.max(0, cur - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else if (e.key === 'Escape') {
      mark(null);
      setAnnounced(null);
      return;
    } else return;
    e.preventDefault();
    mark(next);
    setAnnounced(next);
    listRef.current?.children[next]?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };

  return (
    <div className="an-strip-wrap">
      <div
        ref={listRef}
        className="an-strip"
        role="group"
        aria-label={label}
        tabIndex={0}
        onPointerMove={onPointerMove}
        onPointerLeave={() => mark(null)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          mark(null);
          setAnnounced(null);
        }}
      >
        {tokens.map((text, i) => (
          // Position is a token's identity ("the" can occur twice).
          <span key={i} className="an-token" data-i={i}>
            {text}
          </span>
        ))}
        {/* Last children, so chip i stays children[i]. */}
        <span ref={markerRef} className="an-token-marker" aria-hidden="true" />
        <span ref={underlineRef} className="an-token-underline" aria-hidden="true" />
      </div>
      <p className="sr-only" aria-live="polite">
        {announced !== null
          ? t('heads.row', { index: announced + 1, token: tokens[announced] ?? '' })
          : ''}
      </p>
    </div>
  );
});
