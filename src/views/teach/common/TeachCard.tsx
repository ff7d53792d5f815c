import { useId, type ReactNode, type Ref } from 'react';

export interface TeachCardProps {
  /** The card's heading (an h3, or an h4 for a card inside a card). */
  title: ReactNode;
  /** Heading level: 3 (default) for a card of a tab, 4 for one nested in another card. */
  level?: 3 | 4;
  /** Export buttons and the like, right under the heading. */
  actions?: ReactNode;
  /** The card's element, for exports that read its canvases. */
  cardRef?: Ref<HTMLElement>;
  testId?: string;
  /** Extra classes on the card, e.g. 'is-stale' while a new run is on its way. */
  className?: string;
  children: ReactNode;
}

/** One card of a teaching tab: a section named by its heading, with optional actions. */
export function TeachCard({
  title,
  level = 3,
  actions,
  cardRef,
  testId,
  className,
  children,
}: TeachCardProps) {
  const headingId = useId();
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <section
      className={[level === 3 ? 'teach-card' : 'teach-card-inner', className]
        .filter(Boolean)
        .join(' ')}
      aria-labelledby={headingId}
      ref={cardRef}
      data-testid={testId}
    >
      <Heading id={headingId}>{title}</Heading>
      {actions}
      {children}
    </section>
  );
}
