import { useT, type TranslateFn } from '../../../i18n';
import { useAppStore } from '../../../store';
import type { TeachRun } from '../../../store/teachSlice';
import type { AttentionKind } from '../../../engine';
import type { SentenceSlot } from '../../../store/types';

/** The name of the model the teaching numbers come from, as the source line writes it. */
export function useModelName(): string {
  const t = useT();
  const model = useAppStore((s) => s.model);
  const hfName = useAppStore((s) => s.hub.info?.name ?? null);
  const trained = useAppStore((s) => s.trainedModel);
  if (model === 'trained' && trained)
    return t('model.choice.trained', {
      task: trained.task,
      layers: trained.settings.layers,
      heads: trained.settings.heads,
    });
  return model === 'hf'
    ? (hfName ?? t('hub.heading'))
    : t(model === 'translator' ? 'teach.model.translator' : 'teach.model.playground');
}

/** Model, attention kind, layer and head as one title line of an exported picture. */
export function sourceTitle(
  t: TranslateFn,
  source: { model: string; kind: AttentionKind; layer: number; head: number },
): string {
  return t('teach.export.source', {
    model: source.model,
    kind: t(`view.kind.${source.kind}`),
    layer: source.layer + 1,
    head: source.head + 1,
  });
}

/** The source of the toolbar's run (model, kind, layer, head) as a picture's title line. */
export function useSourceTitle(): string {
  const t = useT();
  const model = useModelName();
  const kind = useAppStore((s) => s.kind);
  const layer = useAppStore((s) => s.layer);
  const head = useAppStore((s) => s.head);
  return sourceTitle(t, { model, kind, layer, head });
}

export interface SourceBarProps {
  /** The run whose numbers the view shows. */
  run: TeachRun;
  /** Offer the A/B sentence choice (default true). */
  pickSlot?: boolean;
}

/**
 * Where the numbers come from (model, attention kind, layer, head, d_k), which sentence, and the
 * run's state. The layer and head are the ones chosen in the toolbar above.
 */
export function SourceBar({ run, pickSlot = true }: SourceBarProps) {
  const t = useT();
  const model = useModelName();
  const kind = useAppStore((s) => s.kind);
  const layer = useAppStore((s) => s.layer);
  const head = useAppStore((s) => s.head);
  const slot = useAppStore((s) => s.teachSlot);
  const setSlot = useAppStore((s) => s.setTeachSlot);
  const inter = run.intermediates;
  const slots: SentenceSlot[] = ['A', 'B'];
  return (
    <div className="teach-source">
      {pickSlot && (
        <fieldset className="teach-radio">
          <legend>{t('teach.source.sentence')}</legend>
          {slots.map((s) => (
            <label key={s}>
              <input
                type="radio"
                name="teach-slot"
                checked={slot === s}
                onChange={() => setSlot(s)}
              />
              {t(s === 'A' ? 'input.sentenceA' : 'input.sentenceB')}
            </label>
          ))}
        </fieldset>
      )}
      <p className="teach-source-line">
        {t('teach.source.line', {
          model,
          kind: t(`view.kind.${kind}`),
          layer: layer + 1,
          head: head + 1,
        })}
        {inter && <> · d_k = {inter.headSize}</>}
      </p>
      <RunStatus run={run} />
    </div>
  );
}

/** "Computing…", the error, or why there is nothing to show. */
export function RunStatus({ run }: { run: TeachRun }) {
  const t = useT();
  if (run.state === 'loading' || run.state === 'idle')
    return (
      <p className="teach-status" role="status">
        <span className="spinner" aria-hidden="true" /> {t('teach.status.loading')}
      </p>
    );
  if (run.state === 'error')
    return (
      <p className="teach-status is-error" role="alert">
        {t('teach.status.error', { message: run.error ?? '' })}
      </p>
    );
  if (run.rowTokens.length === 0) return <p className="teach-status">{t('teach.status.empty')}</p>;
  if (!run.intermediates) return <p className="teach-status">{t('teach.status.noHead')}</p>;
  return null;
}
