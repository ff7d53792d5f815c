import { useId, useMemo } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { useAppStore } from '../../store';
import { unknownWords, useTruncation } from '../../store/selectors';
import type { SentenceSlot } from '../../store/types';
import { RunProgress } from '../export/RunProgress';
import { CrossAlignment } from '../alignment/AlignmentCard';
import { AttentionHeatmap } from '../heatmap';
import { ZoomHeatmapPanel } from '../heatmap-zoom/ZoomHeatmapPanel';
import { useSelectionZoom, useZoomed } from '../heatmap-zoom/useLongInput';
import { HubPairNote, useHubPairHides } from '../hub';
import { PredictionsPanel } from '../predictions';
import { TokenChips } from '../tokens/TokenChips';
import { TranslationOutput } from '../translation/TranslationOutput';
import { useChineseLang } from './useChineseLang';

export interface SentencePanelProps {
  slot: SentenceSlot;
}

/** Unknown words named in the notice; more are counted. */
const MAX_LISTED = 12;

const NAME_KEY: Record<SentenceSlot, MessageKey> = { A: 'input.sentenceA', B: 'input.sentenceB' };

/**
 * One sentence: its text box, its tokens, notices (words outside the vocabulary, truncation), the
 * translation (translator only), the next-token predictions (language models) and its heatmap.
 */
export function SentencePanel({ slot }: SentencePanelProps) {
  const t = useT();
  const id = useId();
  const name = t(NAME_KEY[slot]);
  const text = useAppStore((s) => s.sentences[slot]);
  const setSentence = useAppStore((s) => s.setSentence);
  const tokens = useAppStore((s) => s.runs[slot].tokens);
  const count = tokens.length;
  const model = useAppStore((s) => s.model);
  const unknown = useMemo(() => unknownWords(tokens), [tokens]);
  const { dropped, maxTokens } = useTruncation(slot);
  // A Hugging Face sentence pair runs as one input: sentence B has no heatmap of its own.
  const pairHides = useHubPairHides(slot);
  const inputLang = useChineseLang(text);
  // Long or on-demand inputs: the zoomable heatmap, and a text selection zooms it.
  const zoomed = useZoomed(slot);
  const onSelect = useSelectionZoom(slot);
  return (
    <section className="panel sentence-panel">
      <div className="sentence-head">
        <div className="sentence-label">
          <span className="slot-badge" aria-hidden="true">
            {slot}
          </span>
          {/* Nothing but the name inside the label: it is the text box's exact accessible name. */}
          <label id={`${id}-label`} htmlFor={`${id}-input`}>
            {name}
          </label>
        </div>
        <span id={`${id}-count`} className="token-count">
          {count === 1 ? t('input.tokenCountOne') : t('input.tokenCount', { count })}
        </span>
      </div>
      <textarea
        lang={inputLang}
        id={`${id}-input`}
        className="sentence-input"
        rows={2}
        value={text}
        placeholder={t('input.placeholder')}
        spellCheck={false}
        aria-describedby={`${id}-count`}
        onChange={(e) => setSentence(slot, e.target.value)}
        onSelect={onSelect}
      />
      <TokenChips slot={slot} name={name} />
      {unknown.length > 0 && (
        <p role="status" className="notice notice-unknown">
          {t('tokens.unknownNotice', {
            words:
              unknown.length > MAX_LISTED
                ? `${unknown.slice(0, MAX_LISTED).join(t('list.separator'))}${t('list.more', { count: unknown.length - MAX_LISTED })}`
                : unknown.join(t('list.separator')),
          })}
        </p>
      )}
      {dropped > 0 && (
        <p role="status" className="notice">
          {t('truncated.notice', { max: maxTokens, dropped })}
        </p>
      )}
      <HubPairNote slot={slot} />
      {model === 'translator' && <TranslationOutput slot={slot} name={name} />}
      <PredictionsPanel slot={slot} name={name} />
      <RunProgress slot={slot} name={name} />
      {/* A new model starts a fresh heatmap (no dimmed picture of the other model meanwhile). */}
      {!pairHides &&
        (zoomed ? (
          <ZoomHeatmapPanel key={model} slot={slot} name={name} />
        ) : (
          <AttentionHeatmap key={model} slot={slot} name={name} />
        ))}
      <CrossAlignment slot={slot} name={name} />
    </section>
  );
}
